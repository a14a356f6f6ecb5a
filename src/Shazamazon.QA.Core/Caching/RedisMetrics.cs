using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Redis calls as this node makes them, on the meter <c>Shazamazon.QA</c>: <c>qa.redis.operation.duration</c> by command
/// and outcome (<c>ok</c>, <c>error</c>, <c>skipped</c> while disconnected or the circuit is open). StackExchange.Redis
/// publishes no metrics of its own, so the edge measures its calls where it makes them.
/// </summary>
internal sealed class RedisMetrics(IMeterFactory meters)
{
    private readonly Histogram<double> _duration = meters.Create(QaInstrumentation.Name).CreateHistogram<double>(
        "qa.redis.operation.duration", unit: "s", description: "Redis calls (L2 reads and writes, marks, flush and reset instants) by command and outcome.",
        advice: DurationAdvice.Seconds);

    public void Record(string command, string outcome, long startedTimestamp) =>
        _duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,
            new KeyValuePair<string, object?>("command", command), new KeyValuePair<string, object?>("outcome", outcome));
}
