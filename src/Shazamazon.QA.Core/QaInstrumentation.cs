namespace Shazamazon.QA.Core;

/// <summary>The name of QaEdge's meter and activity source, for a host's OpenTelemetry set-up (<c>AddMeter</c>, <c>AddSource</c>).</summary>
public static class QaInstrumentation
{
    /// <summary><c>Shazamazon.QA</c>: the meter of every <c>qa.*</c> instrument (names in docs/operations.md) and the activity source of cache fills.</summary>
    public const string Name = "Shazamazon.QA";
}
