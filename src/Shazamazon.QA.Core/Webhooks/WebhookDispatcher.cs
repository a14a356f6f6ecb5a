using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Data;

namespace Shazamazon.QA.Core.Webhooks;

/// <summary>
/// Delivers webhooks, on one node of the fleet at a time: the one holding a PostgreSQL advisory lock on a connection of
/// its own (the others try again every <c>Qa:Webhooks:PollInterval</c>; the lock goes with the connection, so a node
/// that dies hands over without any lease to expire). While it holds the lock it wakes when its node reads new changes
/// from the database's change log (<see cref="ChangeLogSignal"/>: every event is written with a change), when a retry
/// is due, and at least every poll interval; then it fans new events out to the endpoints, sends the head of every (endpoint, product) queue, signed
/// (<see cref="QaWebhookSignature"/>), records each outcome, and drops what is owed to nobody.
/// </summary>
internal sealed partial class WebhookDispatcher(NpgsqlDataSource primary, WebhookOutbox outbox, ChangeLogSignal changes,
    IOptionsMonitor<WebhookOptions> options, IHttpClientFactory httpClients, WebhookMetrics metrics, TimeProvider clock, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>The named HttpClient deliveries use (a host may add handlers to it).</summary>
    public const string HttpClientName = "qa-webhooks";

    private const long LockKey = 0x51_41_57_65_62_68; // "QAWebh"
    private const int Batch = 64;
    private const int Parallel = 8;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await primary.OpenConnectionAsync(stoppingToken);
                if (await ScalarAsync<bool>(connection, $"SELECT pg_try_advisory_lock({LockKey})", stoppingToken))
                {
                    metrics.Leading(true);
                    LogLeading();
                    try
                    {
                        await LeadAsync(connection, stoppingToken);
                    }
                    finally
                    {
                        await StepDownAsync(connection);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
            {
                LogLeadLost(ex);
            }
            finally
            {
                metrics.Leading(false);
            }

            try
            {
                await Task.Delay(options.CurrentValue.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // The lock belongs to the session, and the pool resets nothing (QaDataSource: No Reset On Close): left on the
    // connection going back to the pool, it would keep every node, this one included, from leading until the pool
    // closed it. A connection that broke took it with its session.
    private static async Task StepDownAsync(NpgsqlConnection connection)
    {
        try
        {
            await ScalarAsync<object>(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException or InvalidOperationException)
        {
            NpgsqlConnection.ClearPool(connection); // the pool drops it when it comes back, with whatever it held
        }
    }

    private async Task LeadAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var changed = changes.Next; // before reading the outbox: a change read meanwhile wakes the next round at once
            var settings = options.CurrentValue;
            var endpoints = settings.Endpoints.ToList();
            while (await outbox.FanOutAsync(endpoints, settings.RetryFor, stoppingToken) > 0)
            {
            }

            // Each round sends the head of every queue that is due; a delivered head makes its successor the next
            // round's head, so rounds go on until no queue has a due head (failed attempts wait for their retry).
            List<DueDelivery> due;
            do
            {
                due = await outbox.DueAsync(Batch, stoppingToken);
                await System.Threading.Tasks.Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = stoppingToken },
                    (delivery, token) => new ValueTask(DeliverAsync(delivery, endpoints, settings, token)));
            }
            while (due.Count > 0);

            await outbox.CleanUpAsync(endpoints, stoppingToken);
            var (pending, failed, nextDue) = await outbox.StateAsync(stoppingToken);
            metrics.Counted(pending, failed);

            // Sleep until a change is read (an event may have come with it) or the next retry is due, checking the
            // connection (and so the lock) at least every poll interval.
            var wait = settings.PollInterval;
            if (nextDue is { } at && at - clock.GetUtcNow().UtcDateTime is var untilDue && untilDue < wait)
            {
                wait = untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero;
            }

            try
            {
                await changed.WaitAsync(wait, clock, stoppingToken);
            }
            catch (TimeoutException)
            {
                await ScalarAsync<object>(connection, "SELECT 1", stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(DueDelivery delivery, List<WebhookEndpointOptions> endpoints, WebhookOptions settings, CancellationToken stoppingToken)
    {
        if (endpoints.Find(e => e.Url!.AbsoluteUri == delivery.Url) is not { } endpoint)
        {
            return; // no longer configured: the clean-up drops its queue
        }

        string error;
        try
        {
            var body = Body(delivery);
            using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
            request.Headers.Add(QaWebhookSignature.Header, QaWebhookSignature.Sign(endpoint.Secret!, clock.GetUtcNow().ToUnixTimeSeconds(), body));
            request.Headers.UserAgent.ParseAdd("QaEdge-Webhooks/1");
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            attempt.CancelAfter(settings.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            if (response.IsSuccessStatusCode)
            {
                await outbox.DeliveredAsync(delivery, stoppingToken);
                metrics.Delivered(clock.GetUtcNow().UtcDateTime - delivery.OccurredAt);
                return;
            }

            error = $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !stoppingToken.IsCancellationRequested))
        {
            error = ex is OperationCanceledException ? $"no answer within {settings.Timeout}" : ex.Message;
        }

        var final = await outbox.AttemptFailedAsync(delivery, error, RetryDelay(delivery.Attempts, settings), stoppingToken);
        metrics.Failed(final);
        if (final)
        {
            LogGivenUp(delivery.Url, delivery.EventId, delivery.Attempts + 1, error);
        }
    }

    // The event as the receiver gets it; its data goes through as stored (jsonb's text).
    private static byte[] Body(DueDelivery delivery)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("id", delivery.EventId);
            json.WriteString("type", delivery.Type);
            json.WriteString("occurredAt", DateTime.SpecifyKind(delivery.OccurredAt, DateTimeKind.Utc));
            json.WritePropertyName("data");
            json.WriteRawValue(Encoding.UTF8.GetBytes(delivery.Data), skipInputValidation: true);
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    // FirstRetryDelay doubled per earlier attempt, at most MaxRetryDelay, less up to a fifth at random (receivers that
    // fail together do not all come back together).
    private static TimeSpan RetryDelay(int attempts, WebhookOptions settings)
    {
        var delay = settings.FirstRetryDelay * Math.Pow(2, Math.Min(attempts, 30));
        delay = delay > settings.MaxRetryDelay ? settings.MaxRetryDelay : delay;
        return delay * (1 - (Random.Shared.NextDouble() / 5));
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync(cancellationToken) ?? default(T)!);
    }

    [LoggerMessage(LogEvents.WebhookLeading, LogLevel.Information, "This node delivers webhooks now.")]
    private partial void LogLeading();

    [LoggerMessage(LogEvents.WebhookLeadLost, LogLevel.Warning, "Webhook delivery stopped on this node (its PostgreSQL connection failed); it or another node takes over.")]
    private partial void LogLeadLost(Exception ex);

    [LoggerMessage(LogEvents.WebhookDeliveryFailed, LogLevel.Warning, "Webhook event {EventId} to {Url} failed {Attempts} times (last: {Error}) and is kept as failed: list and replay it under /admin/webhooks.")]
    private partial void LogGivenUp(string url, long eventId, int attempts, string error);
}
