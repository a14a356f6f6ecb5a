namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>The headers edges exchange with each other besides the contract's own.</summary>
internal static class QaHeaders
{
    /// <summary>
    /// <c>"&lt;product&gt;:&lt;version&gt;"</c>: on a cached read, the product version the data reflects; on a write's answer,
    /// the product's version after the write. An edge in front (<c>Qa:Source=Origin</c>) caches and evicts by it.
    /// </summary>
    public const string Version = "X-Qa-Version";

    /// <summary>
    /// A read's consistency token: <c>"&lt;product&gt;:&lt;version&gt;"</c> (a write's <c>X-Qa-Version</c>), or several joined
    /// by <c>|</c>. The answer is never older than it; an edge filling a miss from its origin passes it on.
    /// </summary>
    public const string MinVersion = "X-Qa-Min-Version";

    /// <summary><c>MISS</c>, <c>HIT-L2</c>, <c>HIT-L1</c> or <c>STALE</c>.</summary>
    public const string Cache = "X-Cache";

    /// <summary>Why a <c>STALE</c> answer was served: <c>revalidating</c>, <c>source-unavailable</c> or <c>source-slow</c>.</summary>
    public const string Stale = "X-Cache-Stale";
}
