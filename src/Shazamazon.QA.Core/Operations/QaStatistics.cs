using System.Diagnostics.Metrics;
using Microsoft.Extensions.Caching.Memory;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Operations;

/// <summary>
/// This node's cache statistics for the admin endpoint, and the same state as gauges on the meter <c>Shazamazon.QA</c>
/// (created with the first resolution of this service, which a host does at start-up).
/// </summary>
internal sealed class QaStatistics : IQaStatistics
{
    private readonly IMemoryCache _memory;
    private readonly ProductVersions _versions;
    private readonly CoherenceState _coherence;
    private readonly ReadMetrics _reads;
    private readonly InvalidationMetrics _invalidations;
    private readonly RedisL2Cache? _l2;
    private readonly DatabaseSource? _database;

    public QaStatistics(IMemoryCache memory, ProductVersions versions, CoherenceState coherence, ReadMetrics reads,
        InvalidationMetrics invalidations, IMeterFactory meters, RedisL2Cache? l2 = null, DatabaseSource? database = null)
    {
        _memory = memory;
        _versions = versions;
        _coherence = coherence;
        _reads = reads;
        _invalidations = invalidations;
        _l2 = l2;
        _database = database;
        var meter = meters.Create(QaInstrumentation.Name);
        meter.CreateObservableGauge("qa.cache.l1.entries", () => L1().Entries, description: "Entries in this node's memory (L1).");
        meter.CreateObservableGauge("qa.cache.l1.size", () => L1().Bytes, unit: "By", description: "Bytes of the entries in L1.");
        meter.CreateObservableGauge("qa.cache.redis.circuit_open", () => _l2 is { IsCircuitOpen: true } ? 1 : 0, description: "1 while Redis is skipped after repeated failures.");
        meter.CreateObservableCounter("qa.cache.l2.superseded", () => _l2?.Superseded ?? 0, description: "L2 entries found superseded by their product's mark (answered as misses, then overwritten).");
        meter.CreateObservableCounter("qa.cache.l2.unmarked", () => _l2?.Unmarked ?? 0, description: "L2 entries found without their product's mark (evicted or expired before them), answered as misses.");
        meter.CreateObservableGauge("qa.database.circuit_open", () => _database is { IsCircuitOpen: true } ? 1 : 0, description: "1 while PostgreSQL is not called after repeated failures (misses answer 503, cached entries are served STALE).");
        meter.CreateObservableCounter("qa.database.primary_rereads", () => _database?.PrimaryRereads ?? 0, description: "Misses a read replica answered with data older than required, read again from the primary.");
        meter.CreateObservableGauge("qa.coherence.connected", () => _coherence.IsConnected ? 1 : 0, description: "1 while every invalidation channel is up.");
    }

    public QaCacheStatistics Snapshot()
    {
        var (entries, bytes) = L1();
        return new QaCacheStatistics(entries, bytes, _versions.Count, _coherence.IsConnected, _l2?.IsCircuitOpen, _database?.IsCircuitOpen,
            new SortedDictionary<string, long>(_reads.Totals.Concat(_invalidations.Totals).ToDictionary(), StringComparer.Ordinal));
    }

    private (long Entries, long Bytes) L1() =>
        _memory.GetCurrentStatistics() is { } stats ? (stats.CurrentEntryCount, stats.CurrentEstimatedSize ?? 0) : (0, 0);
}
