using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// The last write version (and operator purge) of every product changed recently, as this node knows it. An entry read at an older version
/// is stale, whichever cache level it came from and whenever its fill started: this closes the race where a fill that
/// read before a write stores its result after the write's eviction. Memory stays bounded: a product is forgotten once
/// the longest TTL has passed since its write, because every entry older than that has expired anyway.
/// </summary>
internal sealed class ProductVersions(IOptionsMonitor<QaCacheOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<long, Mark> _marks = new();
    private long _nextPruneTicks;
    private long _floorUnixMs;

    /// <summary>How many products this node tracks a recent change or purge of.</summary>
    public int Count => _marks.Count;

    /// <summary>Records that <paramref name="productId"/> was written at <paramref name="version"/>.</summary>
    /// <returns>True when this raised the product's known version (the change was news to this node).</returns>
    public bool MarkChanged(long productId, long version) =>
        Update(productId, (existing, now) => existing is { } mark && version <= mark.Version ? null : new Mark(version, existing?.PurgedAtUnixMs ?? 0, now));

    /// <summary>Treats every entry of <paramref name="productId"/> rendered before now as stale (an operator's purge).</summary>
    public void Purge(long productId) =>
        Update(productId, (existing, now) => new Mark(existing?.Version ?? 0, new DateTimeOffset(now, TimeSpan.Zero).ToUnixTimeMilliseconds(), now));

    /// <summary>
    /// Treats every entry rendered before now as stale: what this node does when it may have missed changes (its
    /// invalidation channel was down).
    /// </summary>
    public void Flush() => Interlocked.Exchange(ref _floorUnixMs, clock.GetUtcNow().ToUnixTimeMilliseconds());

    /// <summary>True when an entry of <paramref name="productId"/> read at <paramref name="version"/> predates a known write.</summary>
    public bool IsStale(long productId, long version) =>
        productId != 0 && _marks.TryGetValue(productId, out var mark) && version < mark.Version;

    /// <summary>True when <paramref name="response"/> predates a known write or purge of its product, or the last flush.</summary>
    public bool IsStale(CachedResponse response) =>
        response.RenderedAtUnixMs <= Interlocked.Read(ref _floorUnixMs)
        || (response.ProductId != 0 && _marks.TryGetValue(response.ProductId, out var mark)
            && (response.Version < mark.Version || response.RenderedAtUnixMs <= mark.PurgedAtUnixMs));

    // Applies change (null: nothing to change) to the product's mark atomically; true when the mark changed.
    private bool Update(long productId, Func<Mark?, long, Mark?> change)
    {
        var now = clock.GetUtcNow().UtcTicks;
        while (true)
        {
            var found = _marks.TryGetValue(productId, out var existing);
            if (change(found ? existing : null, now) is not { } updated)
            {
                return false;
            }

            if (found ? _marks.TryUpdate(productId, updated, existing) : _marks.TryAdd(productId, updated))
            {
                PruneIfDue(now);
                return true;
            }
        }
    }

    // A mark is forgotten once the longest an entry is kept has passed since it last changed: every entry it could
    // make stale has expired by then.
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
    }

    private readonly record struct Mark(long Version, long PurgedAtUnixMs, long AtTicks);
}
