using Microsoft.Extensions.Logging;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Invalidates a product's entries after a change: at once in this node's memory (by version, so no entry read before
/// the change can be served again here), in L2 by raising the product's mark in Redis (one command, however many entries
/// the product has; older entries are then superseded for every node, even one that starts later), and on every other
/// node through the <see cref="InvalidationBus"/>. A Redis failure never fails the write: the data is committed, this
/// node already ignores the old entries, the others bound what they serve while they cannot hear, and every node is told
/// to flush once Redis is back.
/// </summary>
internal sealed partial class CacheInvalidator(ProductVersions versions, ILogger<CacheInvalidator> logger, RedisL2Cache? l2 = null,
    InvalidationBus? bus = null) : IQaInvalidator
{
    private string? _epoch; // the database epoch this node last observed
    /// <summary>A change this node made, or learned from the origin's answer to a write it forwarded.</summary>
    public async Task ProductChangedAsync(ProductChange change, CancellationToken cancellationToken = default)
    {
        if (versions.MarkChanged(change.ProductId, change.Version))
        {
            bus?.Publish(InvalidationMessage.Changed(change));
            if (l2 is not null && !await l2.MarkChangedAsync(change.ProductId, change.Version, cancellationToken))
            {
                bus?.FlushEveryNodeWhenBack();
            }
        }
    }

    /// <summary>
    /// A change PostgreSQL announced; news to this node unless it made it. Marked at once (the first step of
    /// <see cref="ProductChangedAsync"/> runs before it returns); the announcement and the mark go on without the
    /// listener waiting for Redis.
    /// </summary>
    public void ProductChangedInDatabase(ProductChange change) => _ = ProductChangedAsync(change, CancellationToken.None);

    /// <summary>An operator's purge of one product: here, in L2, and on every node.</summary>
    public async Task PurgeProductAsync(long productId, CancellationToken cancellationToken = default)
    {
        var at = versions.Purge(productId);
        bus?.Publish(InvalidationMessage.Purged(productId));
        if (l2 is not null && !await l2.MarkPurgedAsync(productId, at, cancellationToken))
        {
            bus?.FlushEveryNodeWhenBack();
        }
    }

    /// <summary>
    /// What the database is now: its <paramref name="epoch"/> (the primary's system identifier and timeline) and the
    /// newest version it has handed out. If it went back since this node or the fleet (Redis) last looked (another
    /// epoch, or a newest version below one this node has seen), every node resets: versions may now repeat.
    /// </summary>
    public async Task DatabaseObservedAsync(string epoch, long newestVersion, CancellationToken cancellationToken)
    {
        var previous = Interlocked.Exchange(ref _epoch, epoch);
        var fleet = l2 is null ? null : await l2.SwapEpochAsync(epoch, cancellationToken);
        var seen = versions.Highest;
        if ((previous ?? fleet) is { } before && before != epoch)
        {
            LogEpochChanged(before, epoch);
            ResetAll();
        }
        else if (newestVersion < seen)
        {
            LogVersionsWentBack(newestVersion, seen);
            ResetAll();
        }
    }

    /// <summary>The database went back: forget every version and entry so far, here, in L2 and on every node.</summary>
    public void ResetAll()
    {
        var at = versions.Reset();
        l2?.IgnoreMarksUntil(at);
        bus?.AnnounceReset(at);
    }

    /// <summary>This node may have missed changes, or an operator asked: forget everything cached so far, here and on every node.</summary>
    public void PurgeAll()
    {
        versions.Flush();
        bus?.AnnounceFlush();
    }

    [LoggerMessage(LogEvents.DatabaseEpochChanged, LogLevel.Warning, "The database is another one than before (epoch {Before} -> {Now}: a restore, a point-in-time recovery or a failover); every node resets its caches and known versions.")]
    private partial void LogEpochChanged(string before, string now);

    [LoggerMessage(LogEvents.DatabaseVersionsWentBack, LogLevel.Warning, "The database's newest version {Newest} is below one already seen ({Seen}): it was restored to an earlier point; every node resets its caches and known versions.")]
    private partial void LogVersionsWentBack(long newest, long seen);
}
