using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Evicts cached Q&amp;A on demand: for a write this node forwarded to the origin (which answered with the product's
/// new version), and for operators' purges. Every eviction reaches L2 and every node.
/// </summary>
public sealed class QaInvalidator
{
    private readonly CacheInvalidator _invalidator;

    internal QaInvalidator(CacheInvalidator invalidator) => _invalidator = invalidator;

    /// <summary>Evicts the product's entries older than <paramref name="change"/> here, in L2 and on every node.</summary>
    public Task ProductChangedAsync(ProductChange change, CancellationToken cancellationToken = default) =>
        _invalidator.ProductChangedAsync(change.ProductId, change.Version, cancellationToken);

    /// <summary>Drops everything cached for <paramref name="productId"/>, here, in L2 and on every node.</summary>
    public Task PurgeProductAsync(long productId, CancellationToken cancellationToken = default) =>
        _invalidator.PurgeProductAsync(productId, cancellationToken);

    /// <summary>Drops everything cached, here and on every node (L2 entries are then ignored until they expire).</summary>
    public void PurgeAll() => _invalidator.FlushEverywhere();
}
