using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Evicts a product's entries after a change: at once in this node's memory (by version, so no entry read before the
/// change can be served again here), in L2 by deleting the product's keys, and on every other node through the
/// <see cref="InvalidationBus"/>. A Redis failure is logged by the L2 layer and never fails the write: the data is
/// committed, this node already ignores the old entries, and the others bound what they serve while they cannot hear.
/// </summary>
internal sealed class CacheInvalidator(ProductVersions versions, RedisL2Cache? l2 = null, InvalidationBus? bus = null) : IQaInvalidator
{
    /// <summary>A change this node made, or learned from the origin's answer to a write it forwarded.</summary>
    public async Task ProductChangedAsync(ProductChange change, CancellationToken cancellationToken = default)
    {
        if (versions.MarkChanged(change.ProductId, change.Version))
        {
            if (l2 is not null)
            {
                await l2.EvictProductAsync(change.ProductId, cancellationToken);
            }

            bus?.Publish(InvalidationMessage.Changed(change));
        }
    }

    /// <summary>
    /// A change PostgreSQL announced; news to this node unless it made it. Marked at once (the first step of
    /// <see cref="ProductChangedAsync"/> runs before it returns); the eviction and the announcement go on without the
    /// listener waiting for Redis.
    /// </summary>
    public void ProductChangedInDatabase(ProductChange change) => _ = ProductChangedAsync(change, CancellationToken.None);

    /// <summary>An operator's purge of one product: here, in L2, and on every node.</summary>
    public async Task PurgeProductAsync(long productId, CancellationToken cancellationToken = default)
    {
        versions.Purge(productId);
        if (l2 is not null)
        {
            await l2.EvictProductAsync(productId, cancellationToken);
        }

        bus?.Publish(InvalidationMessage.Purged(productId));
    }

    /// <summary>This node may have missed changes, or an operator asked: forget everything cached so far, here and on every node.</summary>
    public void PurgeAll()
    {
        versions.Flush();
        bus?.Publish(InvalidationMessage.Flush);
    }
}
