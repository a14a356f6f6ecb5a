namespace Shazamazon.QA.Core.Model;

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

    /// <summary>
    /// Not answered: the read was cache-only (<see cref="ReadOptions.CacheOnly"/>) and nothing cached could answer it;
    /// the response is a 429 problem.
    /// </summary>
    Refused,
}
