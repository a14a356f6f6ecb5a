using Microsoft.Extensions.Caching.Memory;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Coherence;

namespace Shazamazon.QA.Core.Diagnostics;

/// <summary>What this node's cache holds and has done: for the admin endpoint, and as gauges on the meter.</summary>
public sealed class QaStatistics
{
    private readonly IMemoryCache _memory;
    private readonly ProductVersions _versions;
    private readonly CoherenceState _coherence;
    private readonly QaMetrics _metrics;
    private readonly RedisL2Cache? _l2;

    internal QaStatistics(IMemoryCache memory, ProductVersions versions, CoherenceState coherence, QaMetrics metrics, RedisL2Cache? l2)
    {
        _memory = memory;
        _versions = versions;
        _coherence = coherence;
        _metrics = metrics;
        _l2 = l2;
        metrics.Meter.CreateObservableGauge("qa.cache.l1.entries", () => L1().Entries, description: "Entries in this node's memory (L1).");
        metrics.Meter.CreateObservableGauge("qa.cache.l1.size", () => L1().Bytes, unit: "By", description: "Bytes of the entries in L1.");
        metrics.Meter.CreateObservableGauge("qa.cache.redis.circuit_open", () => _l2 is { IsCircuitOpen: true } ? 1 : 0, description: "1 while Redis is skipped after repeated failures.");
        metrics.Meter.CreateObservableGauge("qa.coherence.connected", () => _coherence.IsConnected ? 1 : 0, description: "1 while every invalidation channel is up.");
    }

    /// <summary>A snapshot of this node's cache.</summary>
    public QaCacheStatistics Snapshot()
    {
        var (entries, bytes) = L1();
        return new QaCacheStatistics(entries, bytes, _versions.Count, _coherence.IsConnected, _l2?.IsCircuitOpen,
            new SortedDictionary<string, long>(_metrics.Totals.ToDictionary(), StringComparer.Ordinal));
    }

    private (long Entries, long Bytes) L1() =>
        _memory.GetCurrentStatistics() is { } stats ? (stats.CurrentEntryCount, stats.CurrentEstimatedSize ?? 0) : (0, 0);
}

/// <summary>A snapshot of one node's cache.</summary>
/// <param name="L1Entries">Entries in memory.</param>
/// <param name="L1Bytes">Their rendered size in bytes.</param>
/// <param name="ProductsRecentlyChanged">Products whose recent changes this node tracks.</param>
/// <param name="InvalidationsConnected">Whether every invalidation channel is up.</param>
/// <param name="RedisCircuitOpen">Whether Redis is being skipped; null without Redis.</param>
/// <param name="Totals">Running totals since start: requests by outcome, fills by result, invalidations by direction.</param>
public sealed record QaCacheStatistics(long L1Entries, long L1Bytes, int ProductsRecentlyChanged, bool InvalidationsConnected,
    bool? RedisCircuitOpen, IReadOnlyDictionary<string, long> Totals);
