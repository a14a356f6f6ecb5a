namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Evicts a product's entries after a committed write: at once in this node's memory (by version, so no entry read
/// before the write can be served again here), and in L2 by deleting the product's keys. An L2 failure is logged by
/// the L2 layer and never fails the write: the data is committed, and L2 entries expire by TTL.
/// </summary>
internal sealed class CacheInvalidator(ProductVersions versions, RedisL2Cache? l2 = null)
{
    public async Task ProductChangedAsync(long productId, long version, CancellationToken cancellationToken)
    {
        versions.MarkChanged(productId, version);
        if (l2 is not null)
        {
            await l2.EvictProductAsync(productId, cancellationToken);
        }
    }
}
