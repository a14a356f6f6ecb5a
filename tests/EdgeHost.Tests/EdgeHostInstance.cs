using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>A real edge host (Kestrel on a free loopback port) in this process, with a real HttpClient.</summary>
public sealed class EdgeHostInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EdgeHostInstance(WebApplication app, Uri address)
    {
        _app = app;
        // No cookie container: each request carries exactly the headers its test gives it (a consistency cookie
        // remembered from an earlier test's write would change what later reads are answered with).
        Client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = address };
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="postgres">The database; pass <see cref="Unreachable"/> for a host that must never reach one.</param>
    /// <param name="redis">Redis as L2, or null for an L1-only host.</param>
    /// <param name="settings">Further configuration, e.g. <c>Qa:Cache:*</c>.</param>
    /// <param name="logs">A logger provider that also receives the host's logs, for tests that count them.</param>
    public static async Task<EdgeHostInstance> StartAsync(string postgres, string? redis, IDictionary<string, string?>? settings = null, bool migrate = true,
        Action<IConfigurationBuilder>? configure = null, ILoggerProvider? logs = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:Postgres"] = postgres,
            ["ConnectionStrings:Redis"] = redis ?? string.Empty,
            ["Qa:Database:MigrateOnStart"] = migrate ? "true" : "false",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Qa:Shutdown:DrainTime"] = "00:00:00", // tests stop hosts at once; ShutdownTests drain a process
            ["Qa:Protection:MissesPerSecond"] = "0", // every test is one client (127.0.0.1); AbuseBoundsTests set a budget
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            configuration[key] = value;
        }

        var app = EdgeApp.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(configuration);
            configure?.Invoke(builder.Configuration);
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
            }
        });
        await app.StartAsync();
        return new EdgeHostInstance(app, new Uri(app.Urls.First()));
    }

    /// <summary>A connection string to a port where nothing listens: any database access by the host fails.</summary>
    public static string Unreachable { get; } = new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = 1,
        Username = "nobody",
        Database = "none",
        Timeout = 2,
    }.ConnectionString;

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
