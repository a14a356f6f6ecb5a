namespace Shazamazon.QA.Core.Model;

/// <summary>What one read requires, and what it may do to answer.</summary>
public readonly record struct ReadOptions
{
    /// <summary>What the caller has written: no answer older than this token's versions (see <see cref="ConsistencyToken"/>).</summary>
    public ConsistencyToken AtLeast { get; init; }

    /// <summary>
    /// Answer only from what is cached (L1, the negative answers, L2), never from the source: for a client that has used
    /// its budget of misses. A read that would need the source is answered with <see cref="CacheOutcome.Refused"/>.
    /// </summary>
    public bool CacheOnly { get; init; }
}
