using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Shazamazon.QA.Core;

namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary>
/// OpenTelemetry on its standard settings (<see cref="TelemetryOptions"/>): metrics of ASP.NET Core, HttpClient, the
/// runtime, Npgsql (meter <c>Npgsql</c>) and the meter <c>Shazamazon.QA</c> (Redis calls included), scraped in
/// Prometheus text at <c>/metrics</c>; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, also traces (requests, fills, HttpClient
/// and Npgsql calls), metrics and logs exported over OTLP, as <c>OTEL_SERVICE_NAME</c> (default <c>qaedge</c>).
/// </summary>
internal static class TelemetrySetup
{
    /// <summary>The <c>service.name</c> when <c>OTEL_SERVICE_NAME</c> is unset.</summary>
    public const string DefaultServiceName = "qaedge";

    public static void AddEdgeTelemetry(this WebApplicationBuilder builder)
    {
        // Whether to export at all decides what is registered: read, and validated, now. Nothing reads it later.
        var options = builder.Configuration.ReadValidated<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.SectionName);
        var telemetry = builder.Services.AddOpenTelemetry()
            // The SDK's default resource reads OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES; a service added here
            // would override them, so it is added only when they name none.
            .ConfigureResource(resource =>
            {
                if (options.ServiceName is null)
                {
                    resource.AddService(DefaultServiceName);
                }
            })
            .WithMetrics(metrics => metrics
                .AddMeter(QaInstrumentation.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                // Every request's route and status are in http.server.request.duration already; the routing's count
                // of match attempts would aggregate a second series on every request (a hit's cost) to say less.
                .AddView("aspnetcore.routing.match_attempts", MetricStreamConfiguration.Drop)
                // ASP.NET Core's request durations start at 5 ms, above a whole hit: QaEdge's bounds resolve it.
                .AddView("http.server.request.duration", new ExplicitBucketHistogramConfiguration { Boundaries = [.. QaInstrumentation.DurationBounds] })
                .AddPrometheusExporter());
        if (options.OtlpEndpoint is not null)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(QaInstrumentation.Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddNpgsql());
            telemetry.UseOtlpExporter();
        }
    }
}
