using System.Diagnostics;
using System.Diagnostics.Metrics;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Diagnostics;

/// <summary>The meter <c>Shazamazon.QA</c>: what the cache did, and how long fills took.</summary>
internal sealed class QaMetrics : IDisposable
{
    public const string MeterName = "Shazamazon.QA";
    private readonly Meter _meter;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _fills;
    private readonly Histogram<double> _fillDuration;
    private readonly Counter<long> _invalidations;

    public QaMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _outcomes = _meter.CreateCounter<long>("qa.cache.requests", description: "Cached reads by outcome (hit-l1, hit-l2, miss, stale).");
        _fills = _meter.CreateCounter<long>("qa.cache.fills", description: "Calls to the source to fill or refresh an entry, by kind and result.");
        _fillDuration = _meter.CreateHistogram<double>("qa.cache.fill.duration", unit: "s", description: "Time to fill an entry from the source.");
        _invalidations = _meter.CreateCounter<long>("qa.cache.invalidations", description: "Product changes applied on this node.");
    }

    public void Outcome(CacheOutcome outcome) =>
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", outcome switch
        {
            CacheOutcome.HitL1 => "hit-l1",
            CacheOutcome.HitL2 => "hit-l2",
            CacheOutcome.Stale => "stale",
            _ => "miss",
        }));

    public void Fill(string kind, string result, double seconds)
    {
        var tags = new TagList { { "kind", kind }, { "result", result } };
        _fills.Add(1, tags);
        _fillDuration.Record(seconds, tags);
    }

    public void Invalidation() => _invalidations.Add(1);

    public void Dispose() => _meter.Dispose();
}
