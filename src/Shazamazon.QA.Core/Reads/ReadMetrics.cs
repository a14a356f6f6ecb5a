using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The reads' instruments on the meter <c>Shazamazon.QA</c> (<c>qa.cache.requests</c>, <c>qa.cache.fills</c>,
/// <c>qa.cache.fill.duration</c>, <c>qa.cache.consistency_refills</c>, <c>qa.cache.past_end_pages</c>, <c>qa.cache.l2.revalidations</c>; names in docs/operations.md), the activity source of fills, and running totals for the
/// admin statistics.
/// </summary>
internal sealed class ReadMetrics
{
    /// <summary>The activity source of cache fills (<c>qa.fill</c>).</summary>
    public static readonly ActivitySource Tracing = new(QaInstrumentation.Name);

    private const string Revalidations = "l2-revalidations";
    private static readonly string[] OutcomeNames = ["miss", "hit-l1", "hit-l2", "stale", "refused"]; // by CacheOutcome
    private static readonly KeyValuePair<string, object?>[][] OutcomeTags = [.. OutcomeNames.Select(name => new[] { new KeyValuePair<string, object?>("outcome", name) })];
    private readonly Counter<long> _fills;
    private readonly Histogram<double> _fillDuration;
    private readonly Counter<long> _consistencyRefills;
    private readonly Counter<long> _pastTheEnd;
    private readonly long[] _outcomeTotals = new long[OutcomeNames.Length];
    private readonly ConcurrentDictionary<string, long> _fillTotals = new(StringComparer.Ordinal);

    public ReadMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(QaInstrumentation.Name);
        // Observed from the running totals when a reader collects (a scrape), not aggregated on every read: a hit
        // costs one interlocked increment here.
        meter.CreateObservableCounter("qa.cache.requests", ObserveOutcomes,
            description: "Cached reads by outcome: hit-l1, hit-l2, miss, stale, refused (a client out of its miss budget asked for what no cache held).");
        _pastTheEnd = meter.CreateCounter<long>("qa.cache.past_end_pages", description: "Pages past the end of a list of known length, answered empty without a query.");
        meter.CreateObservableCounter("qa.cache.l2.revalidations", () => _fillTotals.GetValueOrDefault(Revalidations), description: "L2 entries past their TTL found current by their product's mark, served again without a call to the source.");
        _fills = meter.CreateCounter<long>("qa.cache.fills", description: "Calls to the source to fill or refresh an entry, by kind, source and result.");
        _consistencyRefills = meter.CreateCounter<long>("qa.cache.consistency_refills", description: "Reads whose consistency token was newer than the cached entry, refilled past both caches.");
        _fillDuration = meter.CreateHistogram<double>("qa.cache.fill.duration", unit: "s", description: "Time to fill an entry from the source, by kind, source and result.",
            advice: DurationAdvice.Seconds);
    }

    /// <summary>Running totals since start: <c>requests.&lt;outcome&gt;</c>, and <c>fills.&lt;result&gt;</c> once there are any.</summary>
    public IEnumerable<KeyValuePair<string, long>> Totals =>
        OutcomeNames.Select((name, i) => new KeyValuePair<string, long>("requests." + name, Interlocked.Read(ref _outcomeTotals[i])))
            .Concat(_fillTotals);

    // The hot path: one interlocked increment, no allocation, no shared dictionary entry.
    public void Outcome(CacheOutcome outcome) => Interlocked.Increment(ref _outcomeTotals[(int)outcome]);

    private IEnumerable<Measurement<long>> ObserveOutcomes()
    {
        for (var i = 0; i < OutcomeNames.Length; i++)
        {
            yield return new Measurement<long>(Interlocked.Read(ref _outcomeTotals[i]), OutcomeTags[i]);
        }
    }

    public void ConsistencyRefill()
    {
        _consistencyRefills.Add(1);
        _fillTotals.AddOrUpdate("consistency-refills", 1, static (_, n) => n + 1);
    }

    public void Revalidated() => _fillTotals.AddOrUpdate(Revalidations, 1, static (_, n) => n + 1);

    public void PastTheEnd()
    {
        _pastTheEnd.Add(1);
        _fillTotals.AddOrUpdate("past-end-pages", 1, static (_, n) => n + 1);
    }

    public void Fill(string kind, string source, string result, double seconds)
    {
        var tags = new TagList { { "kind", kind }, { "source", source }, { "result", result } };
        _fills.Add(1, tags);
        _fillDuration.Record(seconds, tags);
        _fillTotals.AddOrUpdate("fills." + result, 1, static (_, n) => n + 1);
    }
}
