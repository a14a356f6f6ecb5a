using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shazamazon.QA.Core.Data;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Follows every change committed in PostgreSQL, made by any system, a SQL console or a batch job included, so that the
/// product is evicted here, in L2, and, through the <see cref="InvalidationBus"/>, on every node. Changes are read from
/// the change log the tables' triggers write in the changing transaction (migration 0010), every
/// <see cref="CoherenceOptions.DatabasePollInterval"/>; the flushes of bulk imports arrive on the notification channel
/// <c>qa_product_changed</c>, which this connection LISTENs to. When the connection is lost, the node reconnects and, if
/// the database is the same one (its epoch, below) and the log still holds every row since its last read (that read
/// was less than <see cref="ChangeLogRetention.Retention"/> ago), reads on from where it stopped: nothing is missed, and
/// no cache is flushed. Otherwise (a longer outage, a failover, a restore), changes may have been missed: it flushes
/// its cache and asks every node to do the same.
/// <para>
/// The log is read by transaction, not by version: versions are drawn before their transactions commit, so a lower
/// version may commit after a higher one has been read. Each read takes a snapshot and asks for the rows of every
/// transaction numbered from the previous snapshot's xmax on, and of those the previous snapshot saw running: each
/// committed change is read once, at the first read after its commit, and a transaction left open delays no other's.
/// </para>
/// <para>
/// On every connection and every heartbeat it also reads the database's epoch (the primary's system identifier and
/// timeline, which a restore from a base backup, a point-in-time recovery or a failover changes) and its newest version
/// (<c>qa_change_seq</c>, which a restore from a dump sets back): if the database went back, every node resets
/// (<see cref="CacheInvalidator.DatabaseObservedAsync"/>), since versions may now repeat.
/// </para>
/// </summary>
internal sealed partial class DatabaseChangeListener(NpgsqlDataSource dataSource, IOptions<CoherenceOptions> options,
    CacheInvalidator invalidator, CoherenceState state, ChangeLogSignal signal, TimeProvider clock,
    ILogger<DatabaseChangeListener> logger) : BackgroundService
{
    /// <summary>The PostgreSQL notification channel of flushes; its payloads are <see cref="InvalidationMessage"/>s.</summary>
    public const string ChannelName = "qa_product_changed";

    private const string Channel = "postgres";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // Where the log was last read, in which database, and when that read's snapshot was taken: kept across connections.
    private LogCursor _cursor = LogCursor.Start;
    private string? _epoch;
    private DateTimeOffset _readAt;

    // The primary's system identifier and timeline (the first 8 hex digits of its current WAL file), and the newest
    // version handed out.
    private const string EpochSql = """
        SELECT s.system_identifier::text || '/' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8), q.last_value
        FROM pg_control_system() s, qa_change_seq q
        """;

    // One statement, so one snapshot: the snapshot's bounds (the row without a product), and the rows committed since the
    // previous read, which are exactly those this snapshot sees among the transactions from the previous xmax on and
    // those the previous snapshot saw running.
    private const string ReadLogSql = """
        WITH now AS (SELECT pg_current_snapshot() AS snapshot)
        SELECT NULL::bigint, pg_snapshot_xmax(snapshot)::text::bigint, pg_snapshot_xmin(snapshot)::text::bigint,
               ARRAY(SELECT x::text::bigint FROM pg_snapshot_xip(snapshot) x)
        FROM now
        UNION ALL
        SELECT product_id, version, NULL, NULL FROM qa_product_changes WHERE xid >= $1 OR xid = ANY ($2)
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ListenToDatabase)
        {
            return;
        }

        var everConnected = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Apply(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {ChannelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                var epoch = await ObserveEpochAsync(connection, stoppingToken);
                var resumed = epoch is not null && epoch == _epoch && _cursor != LogCursor.Start
                    && clock.GetUtcNow() - _readAt < ChangeLogRetention.Retention;
                if (!resumed)
                {
                    _cursor = LogCursor.Start;
                }

                if (state.Restored(Channel) && everConnected)
                {
                    if (resumed)
                    {
                        LogResumed();
                    }
                    else
                    {
                        invalidator.PurgeAll();
                        LogRestored();
                    }
                }

                (_epoch, everConnected) = (epoch, true);
                await FollowAsync(connection, stoppingToken);
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or System.Net.Sockets.SocketException)
            {
                if (state.Lost(Channel))
                {
                    LogLost(ex);
                }

                await Task.Delay(RetryDelay, stoppingToken);
            }
        }
    }

    // Reads the log every poll interval (at once after a notification), and checks the epoch every heartbeat.
    private async Task FollowAsync(NpgsqlConnection connection, CancellationToken stoppingToken)
    {
        var retention = new ChangeLogRetention(clock);
        var epochDue = clock.GetUtcNow() + Heartbeat;
        while (!stoppingToken.IsCancellationRequested)
        {
            var readAt = clock.GetUtcNow(); // no later than the read's snapshot
            _cursor = await ReadLogAsync(connection, _cursor, retention, stoppingToken);
            _readAt = readAt;
            await connection.WaitAsync(options.Value.DatabasePollInterval, stoppingToken);
            if (clock.GetUtcNow() >= epochDue)
            {
                _epoch = await ObserveEpochAsync(connection, stoppingToken);
                epochDue = clock.GetUtcNow() + Heartbeat;
            }
        }
    }

    private async Task<LogCursor> ReadLogAsync(NpgsqlConnection connection, LogCursor cursor, ChangeLogRetention retention,
        CancellationToken cancellationToken)
    {
        var next = cursor;
        var xmin = 0L;
        var changed = false;
        try
        {
            await using var command = new NpgsqlCommand(ReadLogSql, connection);
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = cursor.From });
            command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = cursor.Running });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                if (reader.IsDBNull(0))
                {
                    next = new LogCursor(reader.GetInt64(1), reader.GetFieldValue<long[]>(3));
                    xmin = reader.GetInt64(2);
                }
                else
                {
                    invalidator.ProductChangedInDatabase(new ProductChange(reader.GetInt64(0), reader.GetInt64(1)));
                    changed = true;
                }
            }
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return cursor; // migrations pending: no log yet
        }

        if (changed)
        {
            signal.Raise();
        }

        if (retention.Observe(xmin) is { } below)
        {
            await using var prune = new NpgsqlCommand("DELETE FROM qa_product_changes WHERE xid < $1", connection);
            prune.Parameters.Add(new NpgsqlParameter<long> { TypedValue = below });
            await prune.ExecuteNonQueryAsync(cancellationToken);
        }

        return next;
    }

    // The database's epoch, once observed; null while migrations are pending.
    private async Task<string?> ObserveEpochAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        string epoch;
        long newest;
        try
        {
            await using var command = new NpgsqlCommand(EpochSql, connection);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (epoch, newest) = (reader.GetString(0), reader.GetInt64(1));
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null; // migrations pending: no versions yet, and readiness says so
        }

        await invalidator.DatabaseObservedAsync(epoch, newest, cancellationToken);
        return epoch;
    }

    // A flush when too many products changed to name them (bulk imports), a change or a purge: here, in L2 and on every node.
    private void Apply(string payload)
    {
        if (!InvalidationMessage.TryParse(payload, out var message))
        {
            return;
        }

        switch (message.Kind)
        {
            case InvalidationKind.Change:
                invalidator.ProductChangedInDatabase(message.Change);
                break;
            case InvalidationKind.Purge:
                _ = invalidator.PurgeProductAsync(message.ProductId, CancellationToken.None);
                break;
            default:
                invalidator.PurgeAll();
                break;
        }
    }

    // Where the next read of the log starts: transactions from From on, and those running at the previous read. The
    // first read of a connection only takes its place (From above every transaction id).
    private readonly record struct LogCursor(long From, long[] Running)
    {
        public static readonly LogCursor Start = new(long.MaxValue, []);
    }

    [LoggerMessage(LogEvents.DatabaseNotificationsLost, LogLevel.Warning, "Lost the connection that follows PostgreSQL's changes; retrying.")]
    private partial void LogLost(Exception ex);

    [LoggerMessage(LogEvents.DatabaseFollowingResumed, LogLevel.Information, "Following PostgreSQL's changes again, from the last read of the change log; nothing was missed.")]
    private partial void LogResumed();

    [LoggerMessage(LogEvents.DatabaseNotificationsRestored, LogLevel.Information, "Following PostgreSQL's changes again; flushed every node's cache of what may have been missed.")]
    private partial void LogRestored();
}
