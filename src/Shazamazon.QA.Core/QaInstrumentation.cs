namespace Shazamazon.QA.Core;

/// <summary>The name of QaEdge's meter and activity source, for a host's OpenTelemetry set-up (<c>AddMeter</c>, <c>AddSource</c>).</summary>
public static class QaInstrumentation
{
    /// <summary><c>Shazamazon.QA</c>: the meter of every <c>qa.*</c> instrument (names in docs/operations.md) and the activity source of cache fills.</summary>
    public const string Name = "Shazamazon.QA";

    /// <summary>
    /// The bucket bounds, in seconds (0.1 ms to 10 s), of the <c>qa.*</c> duration histograms; a host gives its own
    /// request-duration histogram the same (a view on <c>http.server.request.duration</c>), so a hit resolves.
    /// </summary>
    public static IReadOnlyList<double> DurationBounds => DurationAdvice.Bounds;
}
