using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// LISTENs to PostgreSQL's <c>qa_product_changed</c> (raised by the tables' triggers, migration 0002) so that a change
/// made by any system, a SQL console or a batch job included, evicts the product here, in L2, and, through the
/// <see cref="InvalidationBus"/>, on every node. When the listening connection is lost, changes may be missed: on
/// reconnecting, this node flushes its cache and asks every node to do the same.
/// <para>
/// On every connection and every heartbeat it also reads the database's epoch (the primary's system identifier and
/// timeline, which a restore from a base backup, a point-in-time recovery or a failover changes) and its newest version
/// (<c>qa_change_seq</c>, which a restore from a dump sets back): if the database went back, every node resets
/// (<see cref="CacheInvalidator.DatabaseObservedAsync"/>), since versions may now repeat.
/// </para>
/// </summary>
internal sealed partial class DatabaseChangeListener(NpgsqlDataSource dataSource, IOptions<CoherenceOptions> options,
    CacheInvalidator invalidator, CoherenceState state, ILogger<DatabaseChangeListener> logger) : BackgroundService
{
    /// <summary>The PostgreSQL notification channel; its payloads are <see cref="InvalidationMessage"/>s.</summary>
    public const string ChannelName = "qa_product_changed";

    private const string Channel = "postgres";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    // The primary's system identifier and timeline (the first 8 hex digits of its current WAL file), and the newest
    // version handed out.
    private const string EpochSql = """
        SELECT s.system_identifier::text || '/' || substr(pg_walfile_name(pg_current_wal_lsn()), 1, 8), q.last_value
        FROM pg_control_system() s, qa_change_seq q
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

                if (state.Restored(Channel) && everConnected)
                {
                    invalidator.PurgeAll();
                    LogRestored();
                }

                everConnected = true;
                await ObserveEpochAsync(connection, stoppingToken);
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken))
                    {
                        // Nothing for a while: prove the connection is still alive, and that the database did not go back.
                        await ObserveEpochAsync(connection, stoppingToken);
                    }
                }
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

    private async Task ObserveEpochAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
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
            return; // migrations pending: no versions yet, and readiness says so
        }

        await invalidator.DatabaseObservedAsync(epoch, newest, cancellationToken);
    }

    // A change, or a flush when too many products changed to name them (bulk imports): here, in L2 and on every node.
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

    [LoggerMessage(LogEvents.DatabaseNotificationsLost, LogLevel.Warning, "Lost the PostgreSQL change notifications; retrying.")]
    private partial void LogLost(Exception ex);

    [LoggerMessage(LogEvents.DatabaseNotificationsRestored, LogLevel.Information, "PostgreSQL change notifications restored; flushed every node's cache of what may have been missed.")]
    private partial void LogRestored();
}
