using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.Core.Coherence;

/// <summary>
/// LISTENs to PostgreSQL's <c>qa_product_changed</c> (raised by the tables' triggers, migration 0002) so that a change
/// made by any system, a SQL console or a batch job included, evicts the product here, in L2, and, through the
/// <see cref="InvalidationBus"/>, on every node. When the listening connection is lost, changes may be missed: on
/// reconnecting, this node flushes its cache and asks every node to do the same.
/// </summary>
internal sealed partial class DatabaseChangeListener(NpgsqlDataSource dataSource, IOptions<CoherenceOptions> options,
    CacheInvalidator invalidator, CoherenceState state, ILogger<DatabaseChangeListener> logger) : BackgroundService
{
    public const string ChannelName = "qa_product_changed";

    /// <summary>The payload that stands for "too many products changed to name": every node flushes its cache (bulk imports).</summary>
    public const string FlushPayload = "*";

    private const string Channel = "postgres";
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

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
                    invalidator.FlushEverywhere();
                    LogRestored();
                }

                everConnected = true;
                while (!stoppingToken.IsCancellationRequested)
                {
                    if (!await connection.WaitAsync(Heartbeat, stoppingToken))
                    {
                        // Nothing for a while: prove the connection is still alive.
                        await using var ping = new NpgsqlCommand("SELECT 1", connection);
                        await ping.ExecuteNonQueryAsync(stoppingToken);
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

    private void Apply(string payload)
    {
        if (payload == FlushPayload)
        {
            invalidator.FlushEverywhere();
        }
        else if (ProductChange.TryParse(payload, out var change))
        {
            invalidator.ProductChangedInDatabase(change.ProductId, change.Version);
        }
    }

    [LoggerMessage(50, LogLevel.Warning, "Lost the PostgreSQL change notifications; retrying.")]
    private partial void LogLost(Exception ex);

    [LoggerMessage(51, LogLevel.Information, "PostgreSQL change notifications restored; flushed every node's cache of what may have been missed.")]
    private partial void LogRestored();
}
