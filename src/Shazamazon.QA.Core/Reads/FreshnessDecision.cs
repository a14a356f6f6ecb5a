namespace Shazamazon.QA.Core.Reads;

/// <summary>What a read does with the entry it found, as <see cref="Freshness.Decide"/> rules.</summary>
internal enum FreshnessDecision
{
    /// <summary>Fresh: served as it is.</summary>
    Serve,

    /// <summary>Within the stale-while-revalidate window: served at once, stale, while one background refresh runs.</summary>
    ServeStaleAndRefresh,

    /// <summary>
    /// Within the fail-safe window: refilled, waiting at most <c>Qa:Cache:FillTimeout</c>; when the source is slower or
    /// fails, the entry answers instead, stale.
    /// </summary>
    RefillWithinBudget,

    /// <summary>Past the fail-safe window: refilled however long the source takes, and its failure is the caller's.</summary>
    Refill,
}
