using System.Diagnostics.Metrics;

namespace Shazamazon.QA.Core;

/// <summary>
/// The bucket bounds of every duration histogram an edge exports, in seconds, from 0.1 ms to 10 s: a Redis call, a fill,
/// an invalidation's trip through the channel and a request, a hit included, each land inside them. Without them
/// OpenTelemetry's default bounds (0, 5, 10, 25 ... 10,000, meant for milliseconds) put every one of QaEdge's own in the
/// first bucket, and ASP.NET Core's request durations start at 5 ms, above a whole hit.
/// </summary>
internal static class DurationAdvice
{
    /// <summary>The bounds, in seconds.</summary>
    public static double[] Bounds { get; } = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>The bounds as the advice of QaEdge's own histograms.</summary>
    public static InstrumentAdvice<double> Seconds { get; } = new() { HistogramBucketBoundaries = Bounds };
}
