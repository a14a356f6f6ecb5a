using System.Diagnostics;
using System.Buffers;
using MessagePack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Resilience;
using StackExchange.Redis;
using StackExchange.Redis.KeyspaceIsolation;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// The second cache level on Redis (a single server or a Redis Cluster), shared by every node. HybridCache is L1 only;
/// a fill looks here before it calls the source and stores what it rendered. Written for the edge's needs: a failure
/// or a disconnected Redis is a miss, at once and never an error (commands fail fast instead of queueing, and every
/// call has the <c>Qa:Cache:RedisTimeout</c> budget). Entries are never deleted on a write: a write raises its
/// product's <see cref="ProductMark"/> (one single-key command, however many entries the product has), and a read
/// answers an entry only while the mark does not supersede it; a superseded entry is a miss, and the fill overwrites it.
/// Entries live for <c>Qa:Cache:L2Lifetime</c> or until memory evicts them; an entry of a product is current only while
/// its product's mark exists (every fill sets one when there is none), so a mark lost to eviction makes its product's
/// entries misses, never current again.
/// </summary>
internal sealed partial class RedisL2Cache
{
    // Raises a product's mark "<version>:<purgedAtUnixMs>:<markedAtUnixMs>" to at least the arguments, stamped now; a
    // mark raised before the database went back (@resetAt) starts over. With @keep = 1 (a fill storing an entry), a
    // current mark is only kept alive (its TTL extended to @ttl), and a missing one is created from the arguments: the
    // fill's version, and a purge just before the entry was rendered, as every older entry of the product was judged by
    // a mark that is gone. One declared key: cluster-safe.
    private static readonly LuaScript MarkScript = LuaScript.Prepare("""
        local version, purged = 0, 0
        local current = redis.call('GET', @mark)
        if current then
          local v, p, m = string.match(current, '^(%d+):(%d+):(%d+)$')
          if v and tonumber(m) > tonumber(@resetAt) then
            if tonumber(@keep) == 1 then
              if redis.call('PTTL', @mark) < tonumber(@ttl) then redis.call('PEXPIRE', @mark, @ttl) end
              return 0
            end
            version, purged = tonumber(v), tonumber(p)
          end
        end
        version = math.max(version, tonumber(@version))
        purged = math.max(purged, tonumber(@purged))
        redis.call('SET', @mark, string.format('%d:%d:%d', version, purged, tonumber(@now)), 'PX', @ttl)
        return 1
        """);

    // Raises a global instant (the last flush, the last reset) to at least the argument.
    private static readonly LuaScript RaiseInstantScript = LuaScript.Prepare("""
        local current = tonumber(redis.call('GET', @key) or '0') or 0
        if tonumber(@at) > current then redis.call('SET', @key, @at, 'PX', @ttl) end
        return 1
        """);

    private readonly IConnectionMultiplexer _redis;
    private readonly IOptionsMonitor<QaCacheOptions> _options;
    private readonly ILogger<RedisL2Cache> _logger;
    private readonly CircuitBreaker _breaker;
    private readonly TimeProvider _clock;
    private long _resetAtUnixMs;

    private readonly LogSampler _logSampler;

    private readonly RedisMetrics _metrics;

    public RedisL2Cache(IConnectionMultiplexer redis, IOptionsMonitor<QaCacheOptions> options, TimeProvider clock, ILogger<RedisL2Cache> logger,
        LogSampler logSampler, RedisMetrics metrics)
    {
        _metrics = metrics;
        _logSampler = logSampler;
        _redis = redis;
        _options = options;
        _logger = logger;
        _clock = clock;
        var keyPrefix = options.CurrentValue.RedisNamespace;
        _database = keyPrefix.Length == 0 ? redis.GetDatabase() : redis.GetDatabase().WithKeyPrefix(keyPrefix);
        // Failures must span at least one call's budget: calls that all time out in one stall of this process end together.
        _breaker = new CircuitBreaker(clock,
            () => (options.CurrentValue.RedisBreakAfterFailures, options.CurrentValue.RedisBreakDuration, options.CurrentValue.RedisTimeout));
        redis.ConnectionFailed += (_, e) => LogConnectionLost(e.FailureType.ToString());
        redis.ConnectionRestored += (_, _) => LogConnectionRestored();
    }

    // Every key goes through this, prefixed with Qa:Cache:RedisPrefix when one is set (scripts' declared keys too).
    private readonly IDatabase _database;

    /// <summary>True while Redis is skipped after repeated failures.</summary>
    public bool IsCircuitOpen => _breaker.IsOpen;

    /// <summary>How many L2 entries were found superseded by their product's mark (answered as misses).</summary>
    public long Superseded => Interlocked.Read(ref _superseded);

    private long _superseded;

    /// <summary>How many L2 entries were found without their product's mark (evicted or expired first), answered as misses.</summary>
    public long Unmarked => Interlocked.Read(ref _unmarked);

    private long _unmarked;

    // Redis is called only while connected and while the circuit lets calls through.
    private bool Available => _redis.IsConnected && _breaker.Allow();

    // A mark outlives every entry it can judge, fills that finish after the write included.
    private TimeSpan MarkLifetime => _options.CurrentValue.L2Lifetime + _options.CurrentValue.Longest;

    /// <summary>The entry stored under <paramref name="key"/>, unless it is absent, unreadable or superseded by its product's mark.</summary>
    public async ValueTask<CachedResponse?> GetAsync(string key, CancellationToken cancellationToken) =>
        (await CallAsync("GET", db => ReadCurrentAsync(db, key), cancellationToken)).Value;

    /// <summary>
    /// Stores <paramref name="entry"/> under <paramref name="key"/> for <paramref name="expiry"/>, with its product's mark
    /// (pipelined, before it: the entry is never there without one); a failure is logged, never thrown.
    /// </summary>
    public async Task SetAsync(string key, CachedResponse entry, TimeSpan expiry, CancellationToken cancellationToken)
    {
        var buffer = new ArrayBufferWriter<byte>(entry.Json.Length + entry.MessagePack.Length + 128);
        CachedResponseSerializer.Serialize(entry, buffer);
        await CallAsync("SET", async db =>
        {
            // A 404 names no product: it has no mark, and lives for Qa:Cache:NotFound only.
            var marked = entry.ProductId == 0 ? Task.CompletedTask
                : db.ScriptEvaluateAsync(MarkScript, MarkArguments(entry.ProductId, new ProductMark(entry.Version, entry.RenderedAtUnixMs - 1, 0), keep: true));
            var stored = db.StringSetAsync(key, buffer.WrittenMemory, expiry);
            await marked;
            return await stored;
        }, cancellationToken);
    }

    /// <summary>
    /// The bytes stored under <paramref name="key"/>, for values that never go stale (their key names their version, as a
    /// walk's order does): no mark is consulted. Null when absent or when Redis cannot answer.
    /// </summary>
    public async ValueTask<byte[]?> GetImmutableAsync(string key, CancellationToken cancellationToken) =>
        (await CallAsync("GET", async db => (byte[]?)await db.StringGetAsync(key), cancellationToken)).Value;

    /// <summary>Stores immutable bytes under <paramref name="key"/> for <paramref name="expiry"/>; a failure is logged, never thrown.</summary>
    public async Task SetImmutableAsync(string key, ReadOnlyMemory<byte> value, TimeSpan expiry, CancellationToken cancellationToken) =>
        await CallAsync("SET", db => db.StringSetAsync(key, value, expiry), cancellationToken);

    // The entry, unless its product's mark supersedes it. Keys tagged with their product fetch the mark in the same
    // round trip (same slot, pipelined); an answer page's key names a question, so its mark is read once the entry
    // has said which product it belongs to.
    private async Task<CachedResponse?> ReadCurrentAsync(IDatabase db, string key)
    {
        Task<RedisValue>? markRead = null;
        var entryRead = db.StringGetLeaseAsync(key);
        if (CacheKeys.TryGetProductMark(key, out var markKey))
        {
            markRead = db.StringGetAsync(markKey);
        }

        CachedResponse? entry;
        using (var lease = await entryRead)
        {
            entry = lease is null ? null : Deserialize(lease);
        }

        var stored = markRead is null ? RedisValue.Null : await markRead;
        if (entry is null)
        {
            return null;
        }

        if (markRead is null && entry.ProductId != 0)
        {
            stored = await db.StringGetAsync(CacheKeys.ProductMark(entry.ProductId));
        }

        if (entry.ProductId == 0)
        {
            return entry; // a 404: no product, no mark; it lives for Qa:Cache:NotFound only
        }

        if (!ProductMark.TryParse(stored, out var mark) || mark.MarkedAtUnixMs <= Interlocked.Read(ref _resetAtUnixMs))
        {
            Interlocked.Increment(ref _unmarked);
            return null;
        }

        if (mark.Supersedes(entry.Version, entry.RenderedAtUnixMs))
        {
            Interlocked.Increment(ref _superseded);
            return null;
        }

        return entry;
    }

    // Another format is a miss, and the fill overwrites it.
    private static CachedResponse? Deserialize(Lease<byte> lease)
    {
        try
        {
            return CachedResponseSerializer.Deserialize(new ReadOnlySequence<byte>(lease.Memory));
        }
        catch (MessagePackSerializationException)
        {
            return null;
        }
    }

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
            await _database.PingAsync().WaitAsync(_options.CurrentValue.RedisTimeout, cancellationToken);
            _breaker.Succeeded();
            return "ok";
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            LogCallFailed(ex, "PING");
            return "unavailable";
        }
    }

    /// <summary>
    /// Raises the mark of <paramref name="productId"/> to <paramref name="version"/>, so every L2 entry read before that
    /// version is superseded for every node, including nodes that start later.
    /// </summary>
    /// <returns>False when Redis could not be told (the old entries remain current for nodes that did not hear of the change).</returns>
    public Task<bool> MarkChangedAsync(long productId, long version, CancellationToken cancellationToken) =>
        RaiseMarkAsync(productId, new ProductMark(version, 0, 0), cancellationToken);

    /// <summary>Records an operator's purge of <paramref name="productId"/> at <paramref name="purgedAtUnixMs"/>: every entry rendered until then is superseded.</summary>
    public Task<bool> MarkPurgedAsync(long productId, long purgedAtUnixMs, CancellationToken cancellationToken) =>
        RaiseMarkAsync(productId, new ProductMark(0, purgedAtUnixMs, 0), cancellationToken);

    /// <summary>Records a flush of every node at <paramref name="atUnixMs"/>, for nodes that start later.</summary>
    public Task<bool> MarkFlushedAsync(long atUnixMs, CancellationToken cancellationToken) =>
        RaiseInstantAsync(CacheKeys.Flushed, atUnixMs, cancellationToken);

    /// <summary>The last flush of every node recorded in Redis (Unix milliseconds), or null when none is known or Redis cannot say.</summary>
    public Task<long?> FlushedAtAsync(CancellationToken cancellationToken) => InstantAsync(CacheKeys.Flushed, cancellationToken);

    /// <summary>
    /// The database went back at <paramref name="atUnixMs"/>: marks raised until then are ignored from now on (their
    /// versions are of the old database), here; <see cref="MarkResetAsync"/> records it for every node.
    /// </summary>
    public void IgnoreMarksUntil(long atUnixMs) => AtomicMaximum.Raise(ref _resetAtUnixMs, atUnixMs);

    /// <summary>Records in Redis that the database went back at <paramref name="atUnixMs"/>, for nodes that start later.</summary>
    public Task<bool> MarkResetAsync(long atUnixMs, CancellationToken cancellationToken) =>
        RaiseInstantAsync(CacheKeys.Reset, atUnixMs, cancellationToken);

    /// <summary>The last time the database went back, as recorded in Redis (Unix milliseconds), or null.</summary>
    public Task<long?> ResetAtAsync(CancellationToken cancellationToken) => InstantAsync(CacheKeys.Reset, cancellationToken);

    /// <summary>
    /// Swaps the database epoch recorded in Redis for <paramref name="epoch"/>: the one the fleet saw before (null when
    /// none, or when Redis cannot say).
    /// </summary>
    public async Task<string?> SwapEpochAsync(string epoch, CancellationToken cancellationToken)
    {
        var (done, previous) = await CallAsync("GETSET", db => db.StringGetSetAsync(CacheKeys.Epoch, epoch), cancellationToken);
        return done ? (string?)previous : null;
    }

    private async Task<bool> RaiseInstantAsync(string key, long atUnixMs, CancellationToken cancellationToken)
    {
        var ttl = (long)MarkLifetime.TotalMilliseconds;
        return (await CallAsync("INSTANT",
            db => db.ScriptEvaluateAsync(RaiseInstantScript, new { key = (RedisKey)key, at = atUnixMs, ttl }), cancellationToken)).Done;
    }

    private async Task<long?> InstantAsync(string key, CancellationToken cancellationToken)
    {
        var (done, value) = await CallAsync("GET", db => db.StringGetAsync(key), cancellationToken);
        return done && value.TryParse(out long at) ? at : null;
    }

    private async Task<bool> RaiseMarkAsync(long productId, ProductMark mark, CancellationToken cancellationToken)
    {
        var arguments = MarkArguments(productId, mark, keep: false);
        var done = (await CallAsync("MARK", db => db.ScriptEvaluateAsync(MarkScript, arguments), cancellationToken)).Done;
        if (!done && _logSampler.TryEnter("redis-mark-skipped", out var heldBack))
        {
            LogMarkSkipped(productId, heldBack);
        }

        return done;
    }

    // The arguments of MarkScript: the mark lives as long as MarkLifetime, longer than any entry it judges.
    private object MarkArguments(long productId, ProductMark mark, bool keep) => new
    {
        mark = (RedisKey)CacheKeys.ProductMark(productId), version = mark.Version, purged = mark.PurgedAtUnixMs, keep = keep ? 1 : 0,
        now = _clock.GetUtcNow().ToUnixTimeMilliseconds(), resetAt = Interlocked.Read(ref _resetAtUnixMs), ttl = (long)MarkLifetime.TotalMilliseconds,
    };

    // Every Redis call: skipped at once while Redis is disconnected or the circuit is open, bounded by RedisTimeout,
    // and on failure logged, counted by the circuit and answered as "not done" (a miss), never thrown.
    private async Task<(bool Done, T? Value)> CallAsync<T>(string command, Func<IDatabase, Task<T>> call, CancellationToken token)
    {
        var started = Stopwatch.GetTimestamp();
        if (!Available)
        {
            _metrics.Record(command, "skipped", started);
            return (false, default);
        }

        try
        {
            var value = await call(_database).WaitAsync(_options.CurrentValue.RedisTimeout, token);
            _breaker.Succeeded();
            _metrics.Record(command, "ok", started);
            return (true, value);
        }
        catch (Exception ex) when (IsRedisFailure(ex))
        {
            _metrics.Record(command, "error", started);
            LogCallFailed(ex, command);
            return (false, default);
        }
    }

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

    [LoggerMessage(LogEvents.RedisMarkSkipped, LogLevel.Warning, "Redis is unavailable: the mark of product {ProductId} was not raised; every node that heard of the change ignores its older entries, and every node flushes once Redis is back ({HeldBack} more held back since the last such entry).")]
    private partial void LogMarkSkipped(long productId, long heldBack);
}
