using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary>Options of section <c>Qa:Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Telemetry";

    /// <summary>An OTLP endpoint (e.g. <c>http://otel-collector:4317</c>) to export traces to. Unset (the default): no traces.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

/// <summary>
/// OpenTelemetry: metrics (ASP.NET Core, HttpClient, runtime, and the meter <c>Shazamazon.QA</c>) scraped in
/// Prometheus text at <c>/metrics</c>; traces of requests, fills, HttpClient and Npgsql calls exported over OTLP when
/// an endpoint is configured.
/// </summary>
internal static class TelemetrySetup
{
    public static void AddEdgeTelemetry(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter("Shazamazon.QA")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource("Shazamazon.QA")
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
    }
}
