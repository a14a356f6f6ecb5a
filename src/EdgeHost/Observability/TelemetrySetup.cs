using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Shazamazon.QA.Core;

namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary>
/// OpenTelemetry: metrics (ASP.NET Core, HttpClient, runtime, and the meter <c>Shazamazon.QA</c>) scraped in
/// Prometheus text at <c>/metrics</c>; traces of requests, fills, HttpClient and Npgsql calls exported over OTLP when
/// an endpoint is configured (no endpoint: no tracing at all, so requests create no activities).
/// </summary>
internal static class TelemetrySetup
{
    public static void AddEdgeTelemetry(this WebApplicationBuilder builder)
    {
        // Whether to trace at all decides what is registered: read, and validated, now. Nothing reads it later.
        var options = builder.Configuration.ReadValidated<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.SectionName);
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddMeter(QaInstrumentation.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddPrometheusExporter());
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(QaInstrumentation.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
    }
}
