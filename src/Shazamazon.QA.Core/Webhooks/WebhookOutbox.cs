using System.Text.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Shazamazon.QA.Core.Webhooks;

/// <summary>
/// The outbox in PostgreSQL (migration 0008): events the triggers wrote, handed out to endpoints as deliveries, the
/// due head of each (endpoint, product) queue, the outcome of each attempt, and the failed list. Only the node holding
/// the delivery lock fans out and delivers (<see cref="WebhookDispatcher"/>); listing and replaying work from any node.
/// </summary>
internal sealed class WebhookOutbox(NpgsqlDataSource primary, IOptionsMonitor<WebhookOptions> options) : IQaWebhooks
{
    // New events, oldest first, each handed to every endpoint taking its type ($1 urls, $2 their types joined by ','),
    // and marked; one batch at a time.
    private const string FanOutSql = """
        WITH fresh AS (
            UPDATE qa_events e SET fanned_out = true
            WHERE e.id IN (SELECT id FROM qa_events WHERE NOT fanned_out ORDER BY id LIMIT 1000)
            RETURNING e.id, e.product_id, e.type),
        owed AS (
            INSERT INTO qa_webhook_deliveries (url, event_id, product_id, retry_until)
            SELECT ep.url, f.id, f.product_id, now() + $3
            FROM fresh f JOIN unnest($1::text[], $2::text[]) ep(url, types) ON f.type = ANY (string_to_array(ep.types, ',')))
        SELECT count(*) FROM fresh
        """;

    // The oldest pending delivery of each (endpoint, product), when it is due: a product's events go out in order.
    private const string DueSql = """
        SELECT d.url, d.event_id, d.attempts, d.retry_until, e.type, e.occurred_at, e.data::text
        FROM (SELECT DISTINCT ON (url, product_id) url, product_id, event_id, attempts, next_attempt, retry_until
              FROM qa_webhook_deliveries WHERE NOT failed ORDER BY url, product_id, event_id) d
        JOIN qa_events e ON e.id = d.event_id
        WHERE d.next_attempt <= now()
        ORDER BY d.event_id
        LIMIT $1
        """;

    private const string DeliveredSql = "DELETE FROM qa_webhook_deliveries WHERE url = $1 AND event_id = $2";

    private const string AttemptFailedSql = """
        UPDATE qa_webhook_deliveries
        SET attempts = attempts + 1, last_error = $3, next_attempt = now() + $4, failed = now() + $4 > retry_until
        WHERE url = $1 AND event_id = $2
        RETURNING failed
        """;

    // The queues of endpoints no longer configured ($1: the configured ones), then the events nobody is owed any more.
    private const string DropUnconfiguredSql = "DELETE FROM qa_webhook_deliveries WHERE NOT (url = ANY ($1))";

    private const string DropDeliveredSql = """
        DELETE FROM qa_events e WHERE fanned_out AND NOT EXISTS (SELECT 1 FROM qa_webhook_deliveries d WHERE d.event_id = e.id)
        """;

    private const string StateSql = """
        SELECT count(*) FILTER (WHERE NOT failed), count(*) FILTER (WHERE failed), min(next_attempt) FILTER (WHERE NOT failed)
        FROM qa_webhook_deliveries
        """;

    private const string FailedSql = """
        SELECT d.url, d.event_id, e.type, e.occurred_at, d.attempts, d.last_error, e.data::text
        FROM qa_webhook_deliveries d JOIN qa_events e ON e.id = d.event_id
        WHERE d.failed AND ($1::text IS NULL OR d.url = $1)
        ORDER BY d.event_id
        LIMIT $2
        """;

    private const string ReplaySql = """
        UPDATE qa_webhook_deliveries
        SET failed = false, attempts = 0, next_attempt = now(), retry_until = now() + $3, last_error = NULL
        WHERE failed AND ($1::text IS NULL OR url = $1) AND ($2::bigint[] IS NULL OR event_id = ANY ($2))
        """;

    /// <summary>Hands a batch of new events to the endpoints taking their types; returns how many events it took (0: none left).</summary>
    public async Task<long> FanOutAsync(IReadOnlyList<WebhookEndpointOptions> endpoints, TimeSpan retryFor, CancellationToken cancellationToken)
    {
        await using var command = Command(FanOutSql,
            endpoints.Select(e => e.Url!.AbsoluteUri).ToArray(), endpoints.Select(e => string.Join(',', e.Events)).ToArray(), retryFor);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<List<DueDelivery>> DueAsync(int limit, CancellationToken cancellationToken)
    {
        await using var command = Command(DueSql, limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var due = new List<DueDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            due.Add(new DueDelivery(reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2), reader.GetDateTime(3), reader.GetString(4),
                reader.GetDateTime(5), reader.GetString(6)));
        }

        return due;
    }

    public async Task DeliveredAsync(DueDelivery delivery, CancellationToken cancellationToken)
    {
        await using var command = Command(DeliveredSql, delivery.Url, delivery.EventId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Records a failed attempt; true when the delivery is now kept as failed (the next retry would come after its end).</summary>
    public async Task<bool> AttemptFailedAsync(DueDelivery delivery, string error, TimeSpan retryAfter, CancellationToken cancellationToken)
    {
        await using var command = Command(AttemptFailedSql, delivery.Url, delivery.EventId, error, retryAfter);
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    public async Task CleanUpAsync(IReadOnlyList<WebhookEndpointOptions> endpoints, CancellationToken cancellationToken)
    {
        await using var batch = primary.CreateBatch();
        var unconfigured = new NpgsqlBatchCommand(DropUnconfiguredSql);
        unconfigured.Parameters.Add(new NpgsqlParameter { Value = endpoints.Select(e => e.Url!.AbsoluteUri).ToArray() });
        batch.BatchCommands.Add(unconfigured);
        batch.BatchCommands.Add(new NpgsqlBatchCommand(DropDeliveredSql));
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Pending and failed deliveries, and when the next pending one is due.</summary>
    public async Task<(long Pending, long Failed, DateTime? NextDue)> StateAsync(CancellationToken cancellationToken)
    {
        await using var command = Command(StateSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetDateTime(2));
    }

    public async Task<IReadOnlyList<FailedDelivery>> FailedAsync(string? url, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = Command(FailedSql, (object?)url ?? DBNull.Value, limit);
        command.Parameters[0].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var failed = new List<FailedDelivery>();
        while (await reader.ReadAsync(cancellationToken))
        {
            using var data = JsonDocument.Parse(reader.GetString(6));
            failed.Add(new FailedDelivery(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetDateTime(3), reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), data.RootElement.Clone()));
        }

        return failed;
    }

    public async Task<int> ReplayAsync(string? url, IReadOnlyList<long>? eventIds, CancellationToken cancellationToken = default)
    {
        await using var command = Command(ReplaySql, (object?)url ?? DBNull.Value, (object?)eventIds?.ToArray() ?? DBNull.Value,
            options.CurrentValue.RetryFor);
        command.Parameters[0].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text;
        command.Parameters[1].NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Bigint;
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = primary.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
