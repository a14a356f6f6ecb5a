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
internal sealed class CacheInvalidator(ProductVersions versions, RedisL2Cache? l2 = null, InvalidationBus? bus = null) : IQaInvalidator
{
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

    /// <summary>This node may have missed changes, or an operator asked: forget everything cached so far, here and on every node.</summary>
    public void PurgeAll()
    {
        versions.Flush();
        bus?.AnnounceFlush();
    }
}
