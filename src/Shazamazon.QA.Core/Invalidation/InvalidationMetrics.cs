using System.Diagnostics;
using System.Diagnostics.Metrics;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary><c>qa.coherence.invalidations</c> on the meter <c>Shazamazon.QA</c>, and its running totals for the admin statistics.</summary>
internal sealed class InvalidationMetrics
{
    private static readonly string[] KindNames = ["change", "purge", "flush", "reset"]; // by InvalidationKind
    private readonly Counter<long> _invalidations;
    private long _sent;
    private long _received;

    public InvalidationMetrics(IMeterFactory meters) =>
        _invalidations = meters.Create(QaInstrumentation.Name).CreateCounter<long>("qa.coherence.invalidations",
            description: "Invalidations by direction (sent, received) and kind (change, purge, flush, reset).");

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
}
