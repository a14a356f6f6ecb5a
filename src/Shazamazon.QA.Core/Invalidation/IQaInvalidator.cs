using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Evicts cached Q&amp;A on demand: for a write this node forwarded to the origin (which answered with the product's
/// new version), and for operators' purges. Every eviction reaches this node's memory, L2 and every other node.
/// </summary>
public interface IQaInvalidator
{
    /// <summary>Evicts the product's entries older than <paramref name="change"/> here, in L2 and on every node.</summary>
    Task ProductChangedAsync(ProductChange change, CancellationToken cancellationToken = default);

    /// <summary>Drops everything cached for <paramref name="productId"/>, here, in L2 and on every node.</summary>
    Task PurgeProductAsync(long productId, CancellationToken cancellationToken = default);

    /// <summary>Drops everything cached, here and on every node (L2 entries are then ignored until they expire).</summary>
    void PurgeAll();
}
