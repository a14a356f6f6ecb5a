using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// What this node knows of recent changes: the last version (and operator purge) of every product changed recently, and
/// the instant of the last flush. <see cref="Staleness"/> judges entries by it. Memory stays bounded: a product is
/// forgotten once the longest an entry is kept has passed since its last change, because every entry older than that
/// has expired anyway.
/// </summary>
internal sealed class ProductVersions(IOptionsMonitor<QaCacheOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<long, Mark> _marks = new();
    private long _nextPruneTicks;
    private long _flushedAtUnixMs;
    private long _highest;

    /// <summary>How many products this node tracks a recent change or purge of.</summary>
    public int Count => _marks.Count;

    /// <summary>When this node last flushed (Unix milliseconds): every entry rendered until then is stale.</summary>
    public long FlushedAtUnixMs => Interlocked.Read(ref _flushedAtUnixMs);

    /// <summary>The highest version this node has marked since it started or last reset (never pruned).</summary>
    public long Highest => Interlocked.Read(ref _highest);

    /// <summary>Records that <paramref name="productId"/> was written at <paramref name="version"/>.</summary>
    /// <returns>True when this raised the product's known version (the change was news to this node).</returns>
    public bool MarkChanged(long productId, long version)
    {
        AtomicMaximum.Raise(ref _highest, version);
        return Update(productId, (existing, now) => existing is { } mark && version <= mark.Version ? null : new Mark(version, existing?.PurgedAtUnixMs ?? 0, now));
    }

    /// <summary>The database went back, found now: see <see cref="Reset(long)"/>.</summary>
    /// <returns>The reset's instant (Unix milliseconds).</returns>
    public long Reset()
    {
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Reset(at);
        return at;
    }

    /// <summary>
    /// The database went back at <paramref name="atUnixMs"/>: every entry rendered until then is stale, and every
    /// version marked until then is forgotten (versions written from now on may be lower). Marks made after that
    /// instant stay: they are of the database as it is now.
    /// </summary>
    public void Reset(long atUnixMs)
    {
        FlushedAt(atUnixMs);
        var until = DateTimeOffset.FromUnixTimeMilliseconds(atUnixMs).UtcTicks;
        foreach (var (productId, mark) in _marks)
        {
            if (mark.AtTicks <= until)
            {
                _marks.TryRemove(new KeyValuePair<long, Mark>(productId, mark));
            }
        }

        Interlocked.Exchange(ref _highest, _marks.IsEmpty ? 0 : _marks.Values.Max(m => m.Version));
    }

    /// <summary>Records an operator's purge of <paramref name="productId"/> now.</summary>
    /// <returns>The purge's instant (Unix milliseconds).</returns>
    public long Purge(long productId)
    {
        var at = clock.GetUtcNow();
        Update(productId, (existing, now) => new Mark(existing?.Version ?? 0, at.ToUnixTimeMilliseconds(), now));
        return at.ToUnixTimeMilliseconds();
    }

    /// <summary>Records a flush now: what this node does when it may have missed changes (its invalidation channel was down).</summary>
    /// <returns>The flush's instant (Unix milliseconds).</returns>
    public long Flush()
    {
        var at = clock.GetUtcNow().ToUnixTimeMilliseconds();
        FlushedAt(at);
        return at;
    }

    /// <summary>Records a flush that happened at <paramref name="atUnixMs"/> (another node's, recorded in Redis); never moves the flush back.</summary>
    public void FlushedAt(long atUnixMs) => AtomicMaximum.Raise(ref _flushedAtUnixMs, atUnixMs);

    /// <summary>The product's last known change and purge, if it changed recently.</summary>
    public bool TryGet(long productId, out Mark mark) => _marks.TryGetValue(productId, out mark);

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

    /// <summary>A product's last known change.</summary>
    /// <param name="Version">Its highest known version.</param>
    /// <param name="PurgedAtUnixMs">When an operator last purged it (Unix milliseconds); 0 when never.</param>
    /// <param name="AtTicks">When this mark last changed (UTC ticks), for pruning.</param>
    public readonly record struct Mark(long Version, long PurgedAtUnixMs, long AtTicks);
}
