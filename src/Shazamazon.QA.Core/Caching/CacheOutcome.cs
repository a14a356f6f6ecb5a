namespace Shazamazon.QA.Core.Caching;

/// <summary>Where a response came from; the edge reports it in the <c>X-Cache</c> header.</summary>
public enum CacheOutcome
{
    /// <summary>Read from the source (PostgreSQL) and rendered by this request: <c>MISS</c>.</summary>
    Miss,

    /// <summary>Served from this process's memory: <c>HIT-L1</c>.</summary>
    HitL1,

    /// <summary>Served from Redis, shared by every node: <c>HIT-L2</c>.</summary>
    HitL2,

    /// <summary>Served past its freshness, see <see cref="StaleReason"/>: <c>STALE</c>.</summary>
    Stale,
}

/// <summary>Why a stale entry was served.</summary>
public enum StaleReason
{
    /// <summary>Within the stale-while-revalidate window: one refresh runs in the background.</summary>
    Revalidating,

    /// <summary>The source failed (fail-safe).</summary>
    SourceUnavailable,

    /// <summary>The source did not answer within <c>Qa:Cache:FillTimeout</c> (fail-safe); the refresh goes on.</summary>
    SourceSlow,
}
