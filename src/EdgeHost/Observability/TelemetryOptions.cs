using Microsoft.Extensions.Configuration;

namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary>
/// The standard OpenTelemetry settings the edge itself decides on, read from any configuration source (environment
/// variables first of all). The SDK reads the others itself: <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>_HEADERS</c>,
/// <c>_TIMEOUT</c>, the per-signal endpoints, <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_METRIC_EXPORT_INTERVAL</c>.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section: the root, where the standard names live.</summary>
    public const string SectionName = "";

    /// <summary>
    /// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>: where traces, metrics and logs are exported over OTLP (e.g.
    /// <c>http://otel-collector:4317</c>). Unset (the default): nothing is exported and requests create no activities;
    /// metrics are still served at <c>/metrics</c>.
    /// </summary>
    [ConfigurationKeyName("OTEL_EXPORTER_OTLP_ENDPOINT")]
    public Uri? OtlpEndpoint { get; set; }

    /// <summary><c>OTEL_SERVICE_NAME</c>: the <c>service.name</c> of everything exported. Default <c>qaedge</c>.</summary>
    [ConfigurationKeyName("OTEL_SERVICE_NAME")]
    public string? ServiceName { get; set; }
}
