using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Writes;
using StackExchange.Redis;

namespace Shazamazon.QA.Core.Coherence;

/// <summary>
/// Redis pub/sub between nodes: every node announces the product changes it learns first (its own writes, PostgreSQL
/// notifications) and applies what the others announce, so a change reaches every node's L1 within a round trip.
/// Messages are <c>"&lt;product&gt;:&lt;version&gt;"</c>, <c>"purge:&lt;product&gt;"</c>, or <c>"*"</c> for "flush everything". A node that loses the
/// subscription bounds what it serves meanwhile (<see cref="CoherenceState"/>) and flushes its L1 when it returns,
/// since it may have missed changes.
/// </summary>
internal sealed partial class InvalidationBus(IConnectionMultiplexer redis, ProductVersions versions, CoherenceState state,
    Diagnostics.QaMetrics metrics, ILogger<InvalidationBus> logger) : IHostedService
{
    public const string ChannelName = "qa:v1:changes";
    private const string Channel = "redis";
    private const string PurgePrefix = "purge:";
    private static readonly RedisChannel Topic = RedisChannel.Literal(ChannelName);

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

    /// <summary>Announces a change to every node (fire and forget: a node that misses it flushes on reconnect).</summary>
    public void Publish(long productId, long version) => Send(new ProductChange(productId, version).ToString());

    /// <summary>Tells every node to treat everything cached so far as stale.</summary>
    public void PublishFlush() => Send("*");

    /// <summary>Tells every node to treat everything cached so far for <paramref name="productId"/> as stale.</summary>
    public void PublishPurge(long productId) => Send(PurgePrefix + productId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private void Send(string message)
    {
        if (!redis.IsConnected)
        {
            return;
        }

        try
        {
            redis.GetSubscriber().Publish(Topic, message, CommandFlags.FireAndForget);
            metrics.Invalidation("sent", Kind(message));
        }
        catch (RedisException ex)
        {
            LogPublishFailed(ex);
        }
    }

    private static string Kind(string message) =>
        message == "*" ? "flush" : message.StartsWith(PurgePrefix, StringComparison.Ordinal) ? "purge" : "change";

    private void Apply(RedisValue message)
    {
        var text = (string?)message;
        metrics.Invalidation("received", Kind(text ?? string.Empty));
        if (text == "*")
        {
            versions.Flush();
            return;
        }

        if (text is not null && text.StartsWith(PurgePrefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(PurgePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var purged))
        {
            versions.Purge(purged);
            return;
        }

        if (ProductChange.TryParse(text, out var change))
        {
            versions.MarkChanged(change.ProductId, change.Version);
        }
        else
        {
            LogMalformed(text ?? string.Empty);
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
    }

    [LoggerMessage(40, LogLevel.Warning, "Invalidation channel lost ({FailureType}); entries older than Qa:Coherence:MaxStalenessWhileDisconnected go back to the source until it returns.")]
    private partial void LogLost(string failureType);

    [LoggerMessage(41, LogLevel.Information, "Invalidation channel restored; flushed this node's cache of everything it may have missed.")]
    private partial void LogRestored();

    [LoggerMessage(42, LogLevel.Warning, "Could not subscribe to the invalidation channel; retrying when Redis returns.")]
    private partial void LogSubscribeFailed(Exception ex);

    [LoggerMessage(43, LogLevel.Debug, "Could not publish an invalidation.")]
    private partial void LogPublishFailed(Exception ex);

    [LoggerMessage(44, LogLevel.Warning, "Ignored a malformed invalidation message '{Message}'.")]
    private partial void LogMalformed(string message);
}
