using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;
using StackExchange.Redis;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Redis pub/sub between nodes: every node announces the product changes it learns first (its own writes, PostgreSQL
/// notifications) and applies what the others announce, so a change reaches every node's L1 within a round trip.
/// Messages are <see cref="InvalidationMessage"/>s on one sharded channel (<c>SPUBLISH</c>: on a Redis Cluster it lives
/// on one shard and follows that shard through a failover; a single Redis 7 serves it too).
/// <para>
/// Whether the channel carries messages is proved, not assumed: every node publishes a heartbeat on it each
/// <see cref="CoherenceOptions.Heartbeat"/> and listens for its own. A node that loses the connection serving the channel,
/// or misses three of its heartbeats, bounds what it serves (<see cref="CoherenceState"/>); when its heartbeat is heard
/// again it flushes its L1, since it may have missed changes. A node that could not announce a change, or raise a
/// product's mark, meanwhile tells every node to flush once the channel carries its heartbeat again, and records the
/// flush in Redis for nodes that start later.
/// </para>
/// </summary>
internal sealed partial class InvalidationBus(IConnectionMultiplexer redis, RedisL2Cache l2, ProductVersions versions, CoherenceState state,
    InvalidationMetrics metrics, IOptionsMonitor<CoherenceOptions> options, IOptions<QaCacheOptions> cacheOptions, TimeProvider clock,
    ILogger<InvalidationBus> logger) : IHostedService, IDisposable
{
    public const string ChannelName = "qa:v2:changes";
    private const string Channel = "redis";
    private const string HeartbeatPrefix = "hb:";
    private const int MissedHeartbeatsForLoss = 3;
    private readonly RedisChannel _topic = RedisChannel.Sharded(cacheOptions.Value.RedisNamespace + ChannelName);
    // This node's heartbeats: "hb:<node>:<timestamp of sending>" (other nodes ignore every heartbeat but their own).
    private readonly string _heartbeat = HeartbeatPrefix + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ":";
    private ITimer? _timer;

    private const int NotSubscribed = 0;
    private const int Subscribing = 1;
    private const int Subscribed = 2;
    private int _subscription;
    private long _lastHeardTimestamp;
    private int _flushOwed; // 1 while every node must still be told to flush (a change could not be announced or marked)
    private long _resetOwedAt; // the instant of a reset every node must still be told of; 0 when none

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        Volatile.Write(ref _lastHeardTimestamp, clock.GetTimestamp());
        if (!redis.IsConnected)
        {
            state.Lost(Channel);
        }
        else
        {
            // Entries rendered before the fleet's last flush are stale here too, though this node never heard it; and
            // marks raised before the database last went back are of the old database.
            if (await l2.FlushedAtAsync(cancellationToken) is { } flushedAt)
            {
                versions.FlushedAt(flushedAt);
            }

            if (await l2.ResetAtAsync(cancellationToken) is { } resetAt)
            {
                versions.Reset(resetAt);
                l2.IgnoreMarksUntil(resetAt);
            }
        }

        await SubscribeAsync();
        var interval = options.CurrentValue.Heartbeat;
        _timer = clock.CreateTimer(_ => Beat(), null, interval, interval);
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        _timer?.Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _timer?.Dispose();

    /// <summary>Announces <paramref name="message"/> to every node; a node that misses it flushes when it hears its heartbeat again.</summary>
    public void Publish(InvalidationMessage message)
    {
        if (!redis.IsConnected)
        {
            FlushEveryNodeWhenBack();
            return;
        }

        _ = PublishAsync(message);
    }

    /// <summary>Tells every node to flush now, and records the flush for nodes that start later; if Redis cannot be told, as soon as it can.</summary>
    public void AnnounceFlush()
    {
        FlushEveryNodeWhenBack();
        SettleOwedIfConnected();
    }

    /// <summary>Some node may have missed a change this node could not announce or mark: every node flushes once Redis is back.</summary>
    public void FlushEveryNodeWhenBack() => Interlocked.Exchange(ref _flushOwed, 1);

    /// <summary>
    /// The database went back at <paramref name="atUnixMs"/>: every node resets (forgets its versions, flushes), and
    /// Redis records it for nodes that start later; if Redis cannot be told now, as soon as it can.
    /// </summary>
    public void AnnounceReset(long atUnixMs)
    {
        AtomicMaximum.Raise(ref _resetOwedAt, atUnixMs);
        SettleOwedIfConnected();
    }

    private async Task PublishAsync(InvalidationMessage message)
    {
        if (!await AnnounceAsync(message, static () => Task.FromResult(true)))
        {
            FlushEveryNodeWhenBack();
        }
    }

    private void SettleOwedIfConnected()
    {
        if (redis.IsConnected)
        {
            _ = SettleOwedAsync();
        }
    }

    // What every node must still be told: a reset (recorded in Redis with its flush), then a flush (recorded first, so a
    // node starting later reads it). Each is owed again if Redis fails it.
    private async Task SettleOwedAsync()
    {
        var resetAt = Interlocked.Exchange(ref _resetOwedAt, 0);
        if (resetAt != 0 && !await AnnounceAsync(InvalidationMessage.Reset(resetAt),
                async () => await l2.MarkResetAsync(resetAt, CancellationToken.None) && await l2.MarkFlushedAsync(resetAt, CancellationToken.None)))
        {
            AtomicMaximum.Raise(ref _resetOwedAt, resetAt);
        }

        if (Interlocked.Exchange(ref _flushOwed, 0) == 1)
        {
            var at = versions.Flush();
            if (await AnnounceAsync(InvalidationMessage.Flush, () => l2.MarkFlushedAsync(at, CancellationToken.None)))
            {
                LogAnnouncedFlush();
            }
            else
            {
                FlushEveryNodeWhenBack();
            }
        }
    }

    // Records the message in Redis (for nodes that start later), then publishes it; false when Redis failed either.
    private async Task<bool> AnnounceAsync(InvalidationMessage message, Func<Task<bool>> record)
    {
        try
        {
            if (!await record())
            {
                return false;
            }

            await redis.GetSubscriber().PublishAsync(_topic, message.ToString());
            metrics.Sent(message.Kind);
            return true;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPublishFailed(ex);
            return false;
        }
    }

    // Each tick: a channel silent for three heartbeats is lost; then the next heartbeat goes out (fire and forget).
    // A subscription that failed (Redis down or slow as the node starts) is tried again on every heartbeat until it
    // holds; once held, StackExchange.Redis renews it whenever the connection returns. Until then the channel counts
    // as lost, which bounds what the node serves.
    private async Task SubscribeAsync()
    {
        if (Interlocked.CompareExchange(ref _subscription, Subscribing, NotSubscribed) != NotSubscribed)
        {
            return;
        }

        try
        {
            await redis.GetSubscriber().SubscribeAsync(_topic, (_, message) => Receive(message));
            Volatile.Write(ref _subscription, Subscribed);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogSubscribeFailed(ex);
            state.Lost(Channel);
            Volatile.Write(ref _subscription, NotSubscribed);
        }
    }

    private void Beat()
    {
        if (Volatile.Read(ref _subscription) == NotSubscribed && redis.IsConnected)
        {
            _ = SubscribeAsync();
        }

        var interval = options.CurrentValue.Heartbeat;
        if (clock.GetElapsedTime(Volatile.Read(ref _lastHeardTimestamp)) > interval * MissedHeartbeatsForLoss && state.Lost(Channel))
        {
            LogLost("no heartbeat heard");
        }

        try
        {
            if (redis.IsConnected)
            {
                redis.GetSubscriber().Publish(_topic, string.Create(CultureInfo.InvariantCulture, $"{_heartbeat}{clock.GetTimestamp()}"), CommandFlags.FireAndForget);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPublishFailed(ex);
        }
    }

    private void Receive(RedisValue value)
    {
        var text = (string?)value ?? string.Empty;
        if (text.StartsWith(HeartbeatPrefix, StringComparison.Ordinal))
        {
            if (text.StartsWith(_heartbeat, StringComparison.Ordinal))
            {
                if (long.TryParse(text.AsSpan(_heartbeat.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sentAt))
                {
                    metrics.ChannelDelay(clock.GetElapsedTime(sentAt));
                }

                HeardOwnHeartbeat();
            }

            return;
        }

        if (!InvalidationMessage.TryParse(text, out var message))
        {
            LogMalformed(text);
            return;
        }

        metrics.Received(message.Kind);
        switch (message.Kind)
        {
            case InvalidationKind.Flush:
                versions.Flush();
                break;
            case InvalidationKind.Purge:
                versions.Purge(message.ProductId);
                break;
            case InvalidationKind.Reset:
                versions.Reset(message.ResetAtUnixMs);
                l2.IgnoreMarksUntil(message.ResetAtUnixMs);
                break;
            default:
                versions.MarkChanged(message.ProductId, message.Version);
                break;
        }
    }

    // The channel carries messages again: what this node may have missed is flushed here, and what it could not
    // announce is flushed everywhere.
    private void HeardOwnHeartbeat()
    {
        Volatile.Write(ref _lastHeardTimestamp, clock.GetTimestamp());
        if (state.Restored(Channel))
        {
            versions.Flush();
            LogRestored();
        }

        if (Volatile.Read(ref _flushOwed) == 1 || Interlocked.Read(ref _resetOwedAt) != 0)
        {
            _ = SettleOwedAsync();
        }
    }

    // Only the connection that serves the channel matters: on a cluster, losing another shard loses no message.
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType != ConnectionType.Subscription)
        {
            return;
        }

        var serving = redis.GetSubscriber().SubscribedEndpoint(_topic);
        if ((serving is null || serving.Equals(e.EndPoint)) && state.Lost(Channel))
        {
            LogLost(e.FailureType.ToString());
        }
    }

    [LoggerMessage(LogEvents.InvalidationChannelLost, LogLevel.Warning, "Invalidation channel lost ({Reason}); entries older than Qa:Coherence:MaxStalenessWhileDisconnected go back to the source until it returns.")]
    private partial void LogLost(string reason);

    [LoggerMessage(LogEvents.InvalidationChannelRestored, LogLevel.Information, "Invalidation channel restored (this node's heartbeat is heard again); flushed this node's cache of everything it may have missed.")]
    private partial void LogRestored();

    [LoggerMessage(LogEvents.InvalidationSubscribeFailed, LogLevel.Warning, "Could not subscribe to the invalidation channel; retrying when Redis returns.")]
    private partial void LogSubscribeFailed(Exception ex);

    [LoggerMessage(LogEvents.InvalidationPublishFailed, LogLevel.Debug, "Could not publish on the invalidation channel.")]
    private partial void LogPublishFailed(Exception ex);

    [LoggerMessage(LogEvents.InvalidationFlushAnnounced, LogLevel.Information, "Redis is back after changes this node could not announce or mark; told every node to flush and recorded the flush in Redis.")]
    private partial void LogAnnouncedFlush();

    [LoggerMessage(LogEvents.InvalidationMalformed, LogLevel.Warning, "Ignored a malformed invalidation message '{Message}'.")]
    private partial void LogMalformed(string message);
}
