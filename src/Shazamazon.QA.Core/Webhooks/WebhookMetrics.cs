using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Shazamazon.QA.Core.Webhooks;

/// <summary>
/// On the meter <c>Shazamazon.QA</c>: <c>qa.webhooks.deliveries</c> (by outcome: delivered, retried, failed),
/// <c>qa.webhooks.delivery.lag</c> (from the write's commit to the receiver's 2xx, seconds), and the gauges
/// <c>qa.webhooks.pending</c>, <c>qa.webhooks.failed</c> and <c>qa.webhooks.leader</c> (1 on the delivering node), as the
/// delivering node last counted them.
/// </summary>
internal sealed class WebhookMetrics
{
    private readonly Counter<long> _deliveries;
    private readonly Histogram<double> _lag;
    private long _pending;
    private long _failed;
    private int _leading;

    public WebhookMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(QaInstrumentation.Name);
        _deliveries = meter.CreateCounter<long>("qa.webhooks.deliveries", description: "Webhook delivery attempts by outcome (delivered, retried, failed).");
        _lag = meter.CreateHistogram<double>("qa.webhooks.delivery.lag", unit: "s",
            description: "From the commit of an event's write to its receiver's 2xx.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 3600] });
        meter.CreateObservableGauge("qa.webhooks.pending", () => Interlocked.Read(ref _pending), description: "Deliveries waiting or retrying, as the delivering node last counted.");
        meter.CreateObservableGauge("qa.webhooks.failed", () => Interlocked.Read(ref _failed), description: "Deliveries kept as failed, as the delivering node last counted.");
        meter.CreateObservableGauge("qa.webhooks.leader", () => Volatile.Read(ref _leading), description: "1 on the node that delivers webhooks, else 0.");
    }

    public void Leading(bool leading) => Volatile.Write(ref _leading, leading ? 1 : 0);

    public void Counted(long pending, long failed)
    {
        Interlocked.Exchange(ref _pending, pending);
        Interlocked.Exchange(ref _failed, failed);
    }

    public void Delivered(TimeSpan lag)
    {
        _deliveries.Add(1, new TagList { { "outcome", "delivered" } });
        _lag.Record(Math.Max(0, lag.TotalSeconds));
    }

    public void Failed(bool final) => _deliveries.Add(1, new TagList { { "outcome", final ? "failed" : "retried" } });
}
