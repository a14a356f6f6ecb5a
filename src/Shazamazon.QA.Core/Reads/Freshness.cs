namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The freshness rule of every cached read, as a pure function of the entry's age and the windows of its kind. An entry
/// younger than its TTL is fresh; past it, it is served stale while one refresh runs for <c>StaleWhileRevalidate</c>;
/// then refilled within the <c>FillTimeout</c> budget, the stale entry answering when the source is slow or fails,
/// until <c>FailSafeMaxStaleness</c> past the TTL; later still, the source's answer (or failure) is the only answer.
/// An entry that is stale by invalidation (<see cref="Invalidation.Staleness"/>) is never fresh, but may still be the
/// fail-safe answer.
/// </summary>
internal static class Freshness
{
    /// <summary>Decides what to do with an entry <paramref name="age"/> old, of a kind kept fresh for <paramref name="ttl"/>.</summary>
    /// <param name="age">The entry's age: the time since it was rendered.</param>
    /// <param name="ttl">How long entries of its kind are fresh.</param>
    /// <param name="invalidated">True when a change, purge or flush made the entry stale, whatever its age.</param>
    /// <param name="staleWhileRevalidate">Past the TTL, how long the entry is served while one refresh runs.</param>
    /// <param name="failSafe">Past the TTL, how long the entry may answer when the source fails or is slow.</param>
    public static FreshnessDecision Decide(TimeSpan age, TimeSpan ttl, bool invalidated, TimeSpan staleWhileRevalidate, TimeSpan failSafe)
    {
        if (!invalidated && age < ttl)
        {
            return FreshnessDecision.Serve;
        }

        if (!invalidated && age < ttl + staleWhileRevalidate)
        {
            return FreshnessDecision.ServeStaleAndRefresh;
        }

        return age < ttl + failSafe ? FreshnessDecision.RefillWithinBudget : FreshnessDecision.Refill;
    }

    /// <summary>The age at <paramref name="now"/> of an entry rendered at <paramref name="renderedAtUnixMs"/>; never negative.</summary>
    public static TimeSpan Age(long renderedAtUnixMs, DateTimeOffset now) =>
        TimeSpan.FromMilliseconds(Math.Max(0, now.ToUnixTimeMilliseconds() - renderedAtUnixMs));
}
