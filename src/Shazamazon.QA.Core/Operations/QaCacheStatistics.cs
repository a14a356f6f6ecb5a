namespace Shazamazon.QA.Core.Operations;

/// <summary>A snapshot of one node's cache.</summary>
/// <param name="L1Entries">Entries in memory.</param>
/// <param name="L1Bytes">Their rendered size in bytes.</param>
/// <param name="ProductsRecentlyChanged">Products whose recent changes this node tracks.</param>
/// <param name="InvalidationsConnected">Whether every invalidation channel is up.</param>
/// <param name="RedisCircuitOpen">Whether Redis is being skipped; null without Redis.</param>
/// <param name="DatabaseCircuitOpen">Whether PostgreSQL is not being called after repeated failures; null for a node that fills from an origin.</param>
/// <param name="Totals">Running totals since start: requests by outcome, fills by result, invalidations by direction.</param>
public sealed record QaCacheStatistics(long L1Entries, long L1Bytes, int ProductsRecentlyChanged, bool InvalidationsConnected,
    bool? RedisCircuitOpen, bool? DatabaseCircuitOpen, IReadOnlyDictionary<string, long> Totals);
