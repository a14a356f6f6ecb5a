using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// The one answer to "is this entry stale?", whichever cache level it came from and whenever its fill started. An entry
/// is stale when it was read at an older version than its product's last known change (this closes the race where a
/// fill that read before a write stores its result after the write's eviction), was rendered before an operator's purge
/// of its product or before this node's last flush, or, while an invalidation channel is down, is older than
/// <c>Qa:Coherence:MaxStalenessWhileDisconnected</c>. A stale entry is never served fresh; the reader refills it.
/// </summary>
internal sealed class Staleness(ProductVersions versions, CoherenceState coherence)
{
    /// <summary>The product's last version this node knows of (0 when none recent): data read at an older one is stale.</summary>
    public long KnownVersion(long productId) => versions.TryGet(productId, out var mark) ? mark.Version : 0;

    /// <summary>True when <paramref name="entry"/>, now <paramref name="age"/> old, must not be served as fresh.</summary>
    public bool IsStale(CachedResponse entry, TimeSpan age) => IsStale(entry.ProductId, entry.Version, entry.RenderedAtUnixMs, age);

    /// <summary>True when data of <paramref name="productId"/> read at <paramref name="version"/> and <paramref name="readAtUnixMs"/> must not be served as fresh.</summary>
    public bool IsStale(long productId, long version, long readAtUnixMs, TimeSpan age) =>
        readAtUnixMs <= versions.FlushedAtUnixMs
        || (productId != 0 && versions.TryGet(productId, out var mark)
            && (version < mark.Version || readAtUnixMs <= mark.PurgedAtUnixMs))
        || (coherence.MaxAge is { } bound && age > bound);
}
