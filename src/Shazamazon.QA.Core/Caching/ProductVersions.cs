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
    private long _nextPruneTicks;

    public int Count => _marks.Count;

    /// <summary>Records that <paramref name="productId"/> was written at <paramref name="version"/>.</summary>
    public void MarkChanged(long productId, long version)
    {
        var now = clock.GetUtcNow().UtcTicks;
        _marks.AddOrUpdate(productId,
            static (_, arg) => new Mark(arg.version, arg.now),
            static (_, existing, arg) => new Mark(Math.Max(existing.Version, arg.version), arg.now),
            (version, now));
        PruneIfDue(now);
    }

    /// <summary>True when an entry of <paramref name="productId"/> read at <paramref name="version"/> predates a known write.</summary>
    public bool IsStale(long productId, long version) =>
        productId != 0 && _marks.TryGetValue(productId, out var mark) && version < mark.Version;

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

    private readonly record struct Mark(long Version, long AtTicks);
}
