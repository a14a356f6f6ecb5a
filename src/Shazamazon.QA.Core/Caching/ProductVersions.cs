using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// The last write version of every product written recently, as this node knows it. An entry read at an older version
/// is stale, whichever cache level it came from and whenever its fill started: this closes the race where a fill that
/// read before a write stores its result after the write's eviction. Memory stays bounded: a product is forgotten once
/// the longest TTL has passed since its write, because every entry older than that has expired anyway.
/// </summary>
internal sealed class ProductVersions(IOptionsMonitor<QaCacheOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<long, Mark> _marks = new();
    private readonly ConcurrentDictionary<long, long> _purgedAtUnixMs = new();
    private long _nextPruneTicks;
    private long _floorUnixMs;

    public int Count => _marks.Count;

    /// <summary>Records that <paramref name="productId"/> was written at <paramref name="version"/>.</summary>
    /// <returns>True when this raised the product's known version (the change was news to this node).</returns>
    public bool MarkChanged(long productId, long version)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var mark = new Mark(version, now);
        while (true)
        {
            if (_marks.TryGetValue(productId, out var existing))
            {
                if (version <= existing.Version)
                {
                    return false;
                }

                if (_marks.TryUpdate(productId, mark, existing))
                {
                    break;
                }
            }
            else if (_marks.TryAdd(productId, mark))
            {
                break;
            }
        }

        PruneIfDue(now);
        return true;
    }

    /// <summary>
    /// Treats every entry rendered before now as stale: what this node does when it may have missed changes (its
    /// invalidation channel was down).
    /// </summary>
    public void Flush() => Interlocked.Exchange(ref _floorUnixMs, clock.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>Treats every entry of <paramref name="productId"/> rendered before now as stale (an operator's purge).</summary>
    public void Purge(long productId)
    {
        var now = clock.GetUtcNow();
        _purgedAtUnixMs[productId] = now.ToUnixTimeMilliseconds();
        PruneIfDue(now.UtcTicks);
    }

    /// <summary>True when an entry of <paramref name="productId"/> read at <paramref name="version"/> predates a known write.</summary>
    public bool IsStale(long productId, long version) =>
        productId != 0 && _marks.TryGetValue(productId, out var mark) && version < mark.Version;

    /// <summary>True when <paramref name="response"/> predates a known write of its product or the last flush.</summary>
    public bool IsStale(CachedResponse response) =>
        response.RenderedAtUnixMs <= Interlocked.Read(ref _floorUnixMs)
        || IsStale(response.ProductId, response.Version)
        || (!_purgedAtUnixMs.IsEmpty && _purgedAtUnixMs.TryGetValue(response.ProductId, out var purgedAt) && response.RenderedAtUnixMs <= purgedAt);

    private void PruneIfDue(long now)
    {
        var due = Interlocked.Read(ref _nextPruneTicks);
        if (now < due || Interlocked.CompareExchange(ref _nextPruneTicks, now + PruneEvery.Ticks, due) != due)
        {
            return;
        }

        var horizon = now - options.CurrentValue.Longest.Ticks;
        foreach (var (productId, mark) in _marks)
        {
            if (mark.AtTicks < horizon)
            {
                _marks.TryRemove(new KeyValuePair<long, Mark>(productId, mark));
            }
        }

        var purgeHorizon = new DateTimeOffset(horizon, TimeSpan.Zero).ToUnixTimeMilliseconds();
        foreach (var (productId, purgedAt) in _purgedAtUnixMs)
        {
            if (purgedAt < purgeHorizon)
            {
                _purgedAtUnixMs.TryRemove(new KeyValuePair<long, long>(productId, purgedAt));
            }
        }
    }

    private readonly record struct Mark(long Version, long AtTicks);
}
