using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Evicts cached Q&amp;A for changes this node did not make itself: a write it forwarded to the origin, which answered
/// with the product's new version.
/// </summary>
public sealed class QaInvalidator
{
    private readonly CacheInvalidator _invalidator;

    internal QaInvalidator(CacheInvalidator invalidator) => _invalidator = invalidator;

    /// <summary>Evicts the product's entries older than <paramref name="change"/> here, in L2 and on every node.</summary>
    public Task ProductChangedAsync(ProductChange change, CancellationToken cancellationToken = default) =>
        _invalidator.ProductChangedAsync(change.ProductId, change.Version, cancellationToken);
}
