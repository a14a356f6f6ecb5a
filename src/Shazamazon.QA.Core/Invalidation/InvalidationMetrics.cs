using System.Diagnostics;
using System.Diagnostics.Metrics;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// <c>qa.coherence.invalidations</c> and <c>qa.coherence.channel.delay</c> on the meter <c>Shazamazon.QA</c>, and the
/// running totals for the admin statistics.
/// </summary>
internal sealed class InvalidationMetrics
{
    private static readonly string[] KindNames = ["change", "purge", "flush", "reset"]; // by InvalidationKind
    private readonly Counter<long> _invalidations;
    private readonly Histogram<double> _channelDelay;
    private long _sent;
    private long _received;

    public InvalidationMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(QaInstrumentation.Name);
        _invalidations = meter.CreateCounter<long>("qa.coherence.invalidations",
            description: "Invalidations by direction (sent, received) and kind (change, purge, flush, reset).");
        _channelDelay = meter.CreateHistogram<double>("qa.coherence.channel.delay", unit: "s",
            description: "From publishing this node's heartbeat on the invalidation channel to hearing it back: how long any invalidation takes to reach the nodes.",
            advice: DurationAdvice.Seconds);
    }

    /// <summary>Running totals since start: <c>invalidations.sent</c> and <c>invalidations.received</c>, once there are any.</summary>
    public IEnumerable<KeyValuePair<string, long>> Totals
    {
        get
        {
            var (sent, received) = (Interlocked.Read(ref _sent), Interlocked.Read(ref _received));
            return new KeyValuePair<string, long>[] { new("invalidations.sent", sent), new("invalidations.received", received) }.Where(t => t.Value > 0);
        }
    }

    public void Sent(InvalidationKind kind)
    {
        Interlocked.Increment(ref _sent);
        _invalidations.Add(1, new TagList { { "direction", "sent" }, { "kind", KindNames[(int)kind] } });
    }

    public void Received(InvalidationKind kind)
    {
        Interlocked.Increment(ref _received);
        _invalidations.Add(1, new TagList { { "direction", "received" }, { "kind", KindNames[(int)kind] } });
    }

    public void ChannelDelay(TimeSpan delay) => _channelDelay.Record(delay.TotalSeconds);
}
