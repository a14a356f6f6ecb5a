using Shazamazon.QA.Core.Coherence;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Evicts a product's entries after a change: at once in this node's memory (by version, so no entry read before the
/// change can be served again here), in L2 by deleting the product's keys, and on every other node through the
/// <see cref="InvalidationBus"/>. A Redis failure is logged by the L2 layer and never fails the write: the data is
/// committed, this node already ignores the old entries, and the others bound what they serve while they cannot hear.
/// </summary>
internal sealed class CacheInvalidator(ProductVersions versions, RedisL2Cache? l2 = null, InvalidationBus? bus = null)
{
    /// <summary>A change this node made (or learned from the origin's answer to a write it forwarded).</summary>
    public async Task ProductChangedAsync(long productId, long version, CancellationToken cancellationToken)
    {
        if (versions.MarkChanged(productId, version))
        {
            if (l2 is not null)
            {
                await l2.EvictProductAsync(productId, cancellationToken);
            }

            bus?.Publish(productId, version);
        }
    }

    /// <summary>A change PostgreSQL announced; news to this node unless it made it.</summary>
    public void ProductChangedInDatabase(long productId, long version)
    {
        if (versions.MarkChanged(productId, version))
        {
            _ = l2?.EvictProductAsync(productId, CancellationToken.None);
            bus?.Publish(productId, version);
        }
    }

    /// <summary>An operator's purge of one product: here, in L2, and on every node.</summary>
    public async Task PurgeProductAsync(long productId, CancellationToken cancellationToken)
    {
        versions.Purge(productId);
        if (l2 is not null)
        {
            await l2.EvictProductAsync(productId, cancellationToken);
        }

        bus?.PublishPurge(productId);
    }

    /// <summary>This node may have missed changes: forget everything cached so far, here and on every node.</summary>
    public void FlushEverywhere()
    {
        versions.Flush();
        bus?.PublishFlush();
    }
}
