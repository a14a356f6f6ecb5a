using System.ComponentModel;

namespace Shazamazon.QA.Core.Model;

/// <summary>
/// A response rendered once, at fill time, in both encodings of the contract, with its validator. The edge writes these
/// bytes unchanged on every hit. The type is sealed and immutable, so HybridCache keeps the instance itself in L1 and
/// never deserializes it on an L1 hit.
/// </summary>
[ImmutableObject(true)]
public sealed class CachedResponse
{
    private int _served;
    private int _stored;

    internal CachedResponse(int statusCode, long productId, long version, long renderedAtUnixMs, string eTag,
        ReadOnlyMemory<byte> json, ReadOnlyMemory<byte> messagePack, CacheOutcome origin, bool isEmpty = false)
    {
        StatusCode = statusCode;
        IsEmpty = isEmpty;
        ProductId = productId;
        Version = version;
        RenderedAtUnixMs = renderedAtUnixMs;
        ETag = eTag;
        Json = json;
        MessagePack = messagePack;
        Origin = origin;
        VersionTag = InvalidationMessage.Changed(new ProductChange(productId, version)).ToString();
    }

    /// <summary>200, or 404 for a product or question that does not exist (then <see cref="Json"/> is problem details).</summary>
    public int StatusCode { get; }

    /// <summary>A 200 that lists nothing: a page past the end, a product without questions, a search without a hit.</summary>
    public bool IsEmpty { get; }

    /// <summary>
    /// A 404 or an empty answer: what floods of unknown ids, pages past the end and random searches produce. Such entries
    /// live only for <c>Qa:Cache:NotFound</c>, apart from the hot entries (<c>Caching/NegativeEntries</c>).
    /// </summary>
    public bool IsNegative => StatusCode == 404 || IsEmpty;

    /// <summary>The product the entry belongs to; 0 for a 404.</summary>
    public long ProductId { get; }

    /// <summary>The product's version when the data was read; older than the product's last write means stale.</summary>
    public long Version { get; }

    /// <summary><c>"&lt;product&gt;:&lt;version&gt;"</c>, sent as <c>X-Qa-Version</c> so a downstream edge caches it with the same version.</summary>
    public string VersionTag { get; }

    /// <summary>When the entry was rendered (Unix milliseconds, UTC).</summary>
    public long RenderedAtUnixMs { get; }

    /// <summary>The entity tag of the data (weak: both encodings carry the same data).</summary>
    public string ETag { get; }

    /// <summary>The body as <c>application/json</c> (or <c>application/problem+json</c> for a 404).</summary>
    public ReadOnlyMemory<byte> Json { get; }

    /// <summary>The body as <c>application/x-msgpack</c>; empty for a 404.</summary>
    public ReadOnlyMemory<byte> MessagePack { get; }

    /// <summary>How this instance came to be: filled from the source, or read from L2.</summary>
    internal CacheOutcome Origin { get; }

    /// <summary>
    /// This entry, found current at <paramref name="atUnixMs"/> past its TTL (its product's mark in Redis still accepts it):
    /// the same bytes and validator, with its age starting over, as an HTTP cache's response does once revalidated.
    /// </summary>
    internal CachedResponse Revalidated(long atUnixMs) =>
        new(StatusCode, ProductId, Version, atUnixMs, ETag, Json, MessagePack, Origin, IsEmpty);

    /// <summary>
    /// The outcome to report for one request that received this instance: its origin the first time, L1 after that (every
    /// later request found the instance already in this process's memory).
    /// </summary>
    internal CacheOutcome ClaimOutcome() =>
        Volatile.Read(ref _served) != 0 || Interlocked.Exchange(ref _served, 1) != 0 ? CacheOutcome.HitL1 : Origin;

    /// <summary>True for the one caller that is to store this instance in L1 (a fill shared by several requests stores it once).</summary>
    internal bool ClaimStore() => Volatile.Read(ref _stored) == 0 && Interlocked.Exchange(ref _stored, 1) == 0;
}
