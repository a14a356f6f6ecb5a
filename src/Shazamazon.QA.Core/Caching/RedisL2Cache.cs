using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Resilience;
using StackExchange.Redis;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// HybridCache's second level on Redis, written for the edge's needs: a failure or a disconnected Redis is a miss, at
/// once and never an error (commands fail fast instead of queueing, and every call has the <c>Qa:Cache:RedisTimeout</c>
/// budget); and it keeps, per product, the set of keys filled for it, so a write can delete them all.
/// </summary>
internal sealed partial class RedisL2Cache : IBufferDistributedCache
{
    private const string EntryPrefix = "qa:e:";
    private const string ProductKeysPrefix = "qa:k:";

    // Deletes every entry listed in the product's key set, then the set. Keys are stored without the entry prefix.
    private static readonly LuaScript EvictScript = LuaScript.Prepare("""
        local keys = redis.call('SMEMBERS', @set)
        for _, key in ipairs(keys) do redis.call('DEL', @prefix .. key) end
        redis.call('DEL', @set)
        return #keys
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly IOptionsMonitor<QaCacheOptions> _options;
    private readonly ILogger<RedisL2Cache> _logger;
    private readonly CircuitBreaker _breaker;

    public RedisL2Cache(IConnectionMultiplexer redis, IOptionsMonitor<QaCacheOptions> options, TimeProvider clock, ILogger<RedisL2Cache> logger)
    {
        _redis = redis;
        _options = options;
        _logger = logger;
        _breaker = new CircuitBreaker(clock, () => (options.CurrentValue.RedisBreakAfterFailures, options.CurrentValue.RedisBreakDuration));
        redis.ConnectionFailed += (_, e) => LogConnectionLost(e.FailureType.ToString());
        redis.ConnectionRestored += (_, _) => LogConnectionRestored();
    }

    private IDatabase Database => _redis.GetDatabase();

    /// <summary>True while Redis is skipped after repeated failures.</summary>
    public bool IsCircuitOpen => _breaker.IsOpen;

    // Redis is called only while connected and while the circuit lets calls through.
    private bool Available => _redis.IsConnected && _breaker.Allow();

    public byte[]? Get(string key) => GetAsync(key).GetAwaiter().GetResult();

    public async Task<byte[]?> GetAsync(string key, CancellationToken token = default) =>
        (await CallAsync("GET", db => db.StringGetAsync(EntryPrefix + key), token)).Value;

    public bool TryGet(string key, IBufferWriter<byte> destination) => TryGetAsync(key, destination).AsTask().GetAwaiter().GetResult();

    public async ValueTask<bool> TryGetAsync(string key, IBufferWriter<byte> destination, CancellationToken token = default)
    {
        using var lease = (await CallAsync("GET", db => db.StringGetLeaseAsync(EntryPrefix + key), token)).Value;
        if (lease is null)
        {
            return false;
        }

        destination.Write(lease.Span);
        return true;
    }

    public void Set(string key, byte[] value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).GetAwaiter().GetResult();

    public void Set(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options) => SetAsync(key, value, options).AsTask().GetAwaiter().GetResult();

    public Task SetAsync(string key, byte[] value, DistributedCacheEntryOptions options, CancellationToken token = default) =>
        SetAsync(key, new ReadOnlySequence<byte>(value), options, token).AsTask();

    public async ValueTask SetAsync(string key, ReadOnlySequence<byte> value, DistributedCacheEntryOptions options, CancellationToken token = default)
    {
        var bytes = value.IsSingleSegment ? value.First : value.ToArray();
        var expiry = Expiry(options) ?? _options.CurrentValue.Longest;
        await CallAsync("SET", db => db.StringSetAsync(EntryPrefix + key, bytes, expiry), token);
    }

    public void Refresh(string key)
    {
        // Entries have absolute expirations only: nothing to slide.
    }

    public Task RefreshAsync(string key, CancellationToken token = default) => Task.CompletedTask;

    public void Remove(string key) => RemoveAsync(key).GetAwaiter().GetResult();

    public Task RemoveAsync(string key, CancellationToken token = default) =>
        CallAsync("DEL", db => db.KeyDeleteAsync(EntryPrefix + key), token);

    /// <summary>
    /// Readiness: <c>circuit-open</c> while Redis is skipped, else a PING within the timeout (<c>ok</c> or
    /// <c>unavailable</c>); once the break is over, this PING is the probe that closes the circuit again.
    /// </summary>
    public async Task<string> CheckAsync(CancellationToken cancellationToken)
    {
        if (!_breaker.Allow())
        {
            return "circuit-open";
        }

        try
        {
            await Database.PingAsync().WaitAsync(_options.CurrentValue.RedisTimeout, cancellationToken);
            _breaker.Succeeded();
            return "ok";
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogCallFailed(ex, "PING");
            return "unavailable";
        }
    }

    /// <summary>Remembers that <paramref name="key"/> holds data of <paramref name="productId"/> (fire and forget).</summary>
    public void Track(long productId, string key)
    {
        if (!_redis.IsConnected || _breaker.IsOpen)
        {
            return;
        }

        var set = ProductKeys(productId);
        var database = Database;
        var transaction = database.CreateBatch();
        _ = transaction.SetAddAsync(set, key, CommandFlags.FireAndForget);
        _ = transaction.KeyExpireAsync(set, _options.CurrentValue.Longest, CommandFlags.FireAndForget);
        transaction.Execute();
    }

    /// <summary>Deletes every L2 entry of <paramref name="productId"/> this or any node filled.</summary>
    public async Task EvictProductAsync(long productId, CancellationToken cancellationToken)
    {
        var evicted = await CallAsync("EVICT",
            db => db.ScriptEvaluateAsync(EvictScript, new { set = (RedisKey)ProductKeys(productId), prefix = EntryPrefix }), cancellationToken);
        if (!evicted.Done)
        {
            LogEvictionSkipped(productId);
        }
    }

    // Every Redis call: skipped at once while Redis is disconnected or the circuit is open, bounded by RedisTimeout,
    // and on failure logged, counted by the circuit and answered as "not done" (a miss), never thrown.
    private async Task<(bool Done, T? Value)> CallAsync<T>(string command, Func<IDatabase, Task<T>> call, CancellationToken token)
    {
        if (!Available)
        {
            return (false, default);
        }

        try
        {
            var value = await call(Database).WaitAsync(_options.CurrentValue.RedisTimeout, token);
            _breaker.Succeeded();
            return (true, value);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogCallFailed(ex, command);
            return (false, default);
        }
    }

    private static string ProductKeys(long productId) => ProductKeysPrefix + productId.ToString(CultureInfo.InvariantCulture);

    private static TimeSpan? Expiry(DistributedCacheEntryOptions options) =>
        options.AbsoluteExpirationRelativeToNow
        ?? (options.AbsoluteExpiration is { } at ? at - DateTimeOffset.UtcNow : (TimeSpan?)null)
        ?? options.SlidingExpiration;

    private static bool IsRedisFailure(Exception ex) => ex is RedisException or TimeoutException or ObjectDisposedException;

    private void LogCallFailed(Exception ex, string command)
    {
        LogCallFailedCore(ex, command);
        if (_breaker.Failed())
        {
            LogCircuitOpened(_options.CurrentValue.RedisBreakDuration);
        }
    }

    [LoggerMessage(LogEvents.RedisCallFailed, LogLevel.Debug, "Redis {Command} failed; treated as a miss.")]
    private partial void LogCallFailedCore(Exception ex, string command);

    [LoggerMessage(LogEvents.RedisCircuitOpened, LogLevel.Warning, "Redis keeps failing: skipping it for {Duration} (L1 and the source answer meanwhile).")]
    private partial void LogCircuitOpened(TimeSpan duration);

    [LoggerMessage(LogEvents.RedisConnectionLost, LogLevel.Warning, "Redis connection lost ({FailureType}); serving from L1 and the database until it returns.")]
    private partial void LogConnectionLost(string failureType);

    [LoggerMessage(LogEvents.RedisConnectionRestored, LogLevel.Information, "Redis connection restored.")]
    private partial void LogConnectionRestored();

    [LoggerMessage(LogEvents.RedisEvictionSkipped, LogLevel.Warning, "Redis is unavailable: L2 entries of product {ProductId} were not evicted; every node that heard of the change ignores them, and they expire by TTL.")]
    private partial void LogEvictionSkipped(long productId);
}
