using Npgsql;
using StackExchange.Redis;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary><c>/healthz</c> (the process answers) and <c>/readyz</c> (PostgreSQL and, when configured, Redis answer).</summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan CheckBudget = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new Dictionary<string, string> { ["status"] = "alive" }));
        routes.MapGet("/readyz", ReadyAsync);
        return routes;
    }

    private static async Task<IResult> ReadyAsync(NpgsqlDataSource database, IServiceProvider services, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["postgres"] = await CheckAsync(async ct =>
            {
                await using var command = database.CreateCommand("SELECT 1");
                await command.ExecuteScalarAsync(ct);
            }, cancellationToken),
        };

        if (services.GetService<IConnectionMultiplexer>() is { } redis)
        {
            checks["redis"] = await CheckAsync(ct => redis.GetDatabase().PingAsync().WaitAsync(ct), cancellationToken);
        }

        var ready = checks.Values.All(v => v == "ok");
        checks["status"] = ready ? "ready" : "not ready";
        return TypedResults.Json(checks, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    // Reports "ok" or "unavailable"; never the exception, which could name hosts or credentials.
    private static async Task<string> CheckAsync(Func<CancellationToken, Task> check, CancellationToken cancellationToken)
    {
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(CheckBudget);
        try
        {
            await check(budget.Token);
            return "ok";
        }
        catch (Exception ex) when (ex is NpgsqlException or RedisException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return "unavailable";
        }
    }
}
