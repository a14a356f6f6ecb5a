namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary>Options of section <c>Qa:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Telemetry";

    /// <summary>An OTLP endpoint (e.g. <c>http://otel-collector:4317</c>) to export traces to. Unset (the default): no traces.</summary>
    public Uri? OtlpEndpoint { get; set; }
}
