using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Diagnostics;

/// <summary>
/// The meter <c>Shazamazon.QA</c> (exported on <c>/metrics</c>, names in docs/operations.md) and the activity source of
/// the same name (fills), plus running totals for the admin statistics.
/// </summary>
internal sealed class QaMetrics : IDisposable
{
    public const string Name = "Shazamazon.QA";
    public static readonly ActivitySource Tracing = new(Name);
    private readonly Meter _meter;
    private readonly Counter<long> _outcomes;
    private readonly Counter<long> _fills;
    private readonly Histogram<double> _fillDuration;
    private readonly Counter<long> _invalidations;
    private static readonly string[] OutcomeNames = ["miss", "hit-l1", "hit-l2", "stale"]; // by CacheOutcome
    private readonly long[] _outcomeTotals = new long[OutcomeNames.Length];
    private readonly ConcurrentDictionary<string, long> _totals = new(StringComparer.Ordinal);

    public QaMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(Name);
        _outcomes = _meter.CreateCounter<long>("qa.cache.requests", description: "Cached reads by outcome: hit-l1, hit-l2, miss, stale.");
        _fills = _meter.CreateCounter<long>("qa.cache.fills", description: "Calls to the source to fill or refresh an entry, by kind, source and result.");
        _fillDuration = _meter.CreateHistogram<double>("qa.cache.fill.duration", unit: "s", description: "Time to fill an entry from the source, by kind, source and result.");
        _invalidations = _meter.CreateCounter<long>("qa.coherence.invalidations", description: "Invalidations by direction (sent, received) and kind (change, purge, flush).");
    }

    public Meter Meter => _meter;

    public IReadOnlyDictionary<string, long> Totals
    {
        get
        {
            var totals = new Dictionary<string, long>(_totals, StringComparer.Ordinal);
            for (var i = 0; i < OutcomeNames.Length; i++)
            {
                totals["requests." + OutcomeNames[i]] = Interlocked.Read(ref _outcomeTotals[i]);
            }

            return totals;
        }
    }

    // The hot path: no allocation, no shared dictionary entry.
    public void Outcome(CacheOutcome outcome)
    {
        var index = (int)outcome;
        _outcomes.Add(1, new KeyValuePair<string, object?>("outcome", OutcomeNames[index]));
        Interlocked.Increment(ref _outcomeTotals[index]);
    }

    public void Fill(string kind, string source, string result, double seconds)
    {
        var tags = new TagList { { "kind", kind }, { "source", source }, { "result", result } };
        _fills.Add(1, tags);
        _fillDuration.Record(seconds, tags);
        _totals.AddOrUpdate("fills." + result, 1, static (_, n) => n + 1);
    }

    public void Invalidation(string direction, string kind)
    {
        _invalidations.Add(1, new TagList { { "direction", direction }, { "kind", kind } });
        _totals.AddOrUpdate($"invalidations.{direction}", 1, static (_, n) => n + 1);
    }

    public void Dispose() => _meter.Dispose();
}
