using System.Diagnostics.Metrics;

namespace Shazamazon.QA.Core;

/// <summary>
/// The bucket bounds of QaEdge's duration histograms, in seconds, from 0.1 ms to 5 s: a Redis call, a fill and an
/// invalidation's trip through the channel each land inside them. Without this advice OpenTelemetry's default bounds
/// (0, 5, 10, 25 ... 10,000, meant for milliseconds) put every one of them in the first bucket, and a quantile of it
/// says nothing.
/// </summary>
internal static class DurationAdvice
{
    public static InstrumentAdvice<double> Seconds { get; } = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    };
}
