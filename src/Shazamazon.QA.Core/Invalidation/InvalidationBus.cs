using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Model;
using StackExchange.Redis;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Redis pub/sub between nodes: every node announces the product changes it learns first (its own writes, PostgreSQL
/// notifications) and applies what the others announce, so a change reaches every node's L1 within a round trip.
/// Messages are <see cref="InvalidationMessage"/>s. A node that loses the subscription bounds what it serves meanwhile
/// (<see cref="CoherenceState"/>) and flushes its L1 when it returns, since it may have missed changes; a node that
/// could not announce a change meanwhile tells every node to flush when it is back, since they missed it.
/// </summary>
internal sealed partial class InvalidationBus(IConnectionMultiplexer redis, ProductVersions versions, CoherenceState state,
    InvalidationMetrics metrics, ILogger<InvalidationBus> logger) : IHostedService
{
    public const string ChannelName = "qa:v1:changes";
    private const string Channel = "redis";
    private static readonly RedisChannel Topic = RedisChannel.Literal(ChannelName);
    private int _unannounced; // 1 when a message could not be published since Redis was last reachable

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        if (!redis.IsConnected)
        {
            state.Lost(Channel);
        }

        try
        {
            await redis.GetSubscriber().SubscribeAsync(Topic, (_, message) => Apply(message));
        }
        catch (RedisException ex)
        {
            // StackExchange.Redis keeps the subscription and renews it when the connection returns.
            LogSubscribeFailed(ex);
            state.Lost(Channel);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        return Task.CompletedTask;
    }

    /// <summary>Announces <paramref name="message"/> to every node (fire and forget: a node that misses it flushes on reconnect).</summary>
    public void Publish(InvalidationMessage message)
    {
        if (!redis.IsConnected)
        {
            Interlocked.Exchange(ref _unannounced, 1);
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(Topic, message.ToString(), CommandFlags.FireAndForget);
            metrics.Sent(message.Kind);
        }
        catch (RedisException ex)
        {
            Interlocked.Exchange(ref _unannounced, 1);
            LogPublishFailed(ex);
        }
    }

    private void Apply(RedisValue value)
    {
        var text = (string?)value ?? string.Empty;
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
            default:
                versions.MarkChanged(message.ProductId, message.Version);
                break;
        }
    }
    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription && state.Lost(Channel))
        {
            LogLost(e.FailureType.ToString());
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e)
    {
        if (e.ConnectionType == ConnectionType.Subscription && state.Restored(Channel))
        {
            versions.Flush();
            LogRestored();
        }

        // The others never heard what this node could not announce: they flush too.
        if (redis.IsConnected && Interlocked.Exchange(ref _unannounced, 0) == 1)
        {
            Publish(InvalidationMessage.Flush);
            LogAnnouncedFlush();
        }
    }

    [LoggerMessage(LogEvents.InvalidationChannelLost, LogLevel.Warning, "Invalidation channel lost ({FailureType}); entries older than Qa:Coherence:MaxStalenessWhileDisconnected go back to the source until it returns.")]
    private partial void LogLost(string failureType);

    [LoggerMessage(LogEvents.InvalidationChannelRestored, LogLevel.Information, "Invalidation channel restored; flushed this node's cache of everything it may have missed.")]
    private partial void LogRestored();

    [LoggerMessage(LogEvents.InvalidationSubscribeFailed, LogLevel.Warning, "Could not subscribe to the invalidation channel; retrying when Redis returns.")]
    private partial void LogSubscribeFailed(Exception ex);

    [LoggerMessage(LogEvents.InvalidationPublishFailed, LogLevel.Debug, "Could not publish an invalidation.")]
    private partial void LogPublishFailed(Exception ex);

    [LoggerMessage(LogEvents.InvalidationFlushAnnounced, LogLevel.Information, "Redis is back after changes this node could not announce; told every node to flush.")]
    private partial void LogAnnouncedFlush();

    [LoggerMessage(LogEvents.InvalidationMalformed, LogLevel.Warning, "Ignored a malformed invalidation message '{Message}'.")]
    private partial void LogMalformed(string message);
}
