using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Diagnostics;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.EdgeHost.Admin;
using Shazamazon.QA.EdgeHost.Endpoints;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Observability;
using Shazamazon.QA.EdgeHost.Origin;
using Shazamazon.QA.EdgeHost.Protection;
using Yarp.ReverseProxy.Configuration;

namespace Shazamazon.QA.EdgeHost;

/// <summary>Builds the edge web application: services, limits, the endpoint groups of the contract, and YARP.</summary>
public static class EdgeApp
{
    /// <summary>The largest request body accepted; larger bodies get 413.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>Builds the application; <paramref name="configure"/> lets tests add configuration before services are built.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json sits beside the executable, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);

        builder.AddEdgeProtection();
        builder.AddEdgeTelemetry();
        builder.Services.AddSingleton<ProxyMetrics>();
        builder.Services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<SourceUnavailableHandler>();
        builder.Services.AddQaCore(builder.Configuration);

        // YARP: routes and clusters from the ReverseProxy section (reloaded on change), e.g. a catch-all route to the
        // other services of the product page; with Qa:Source=Origin, also the routes of the Q&A paths to "origin".
        var source = QaSourceConfiguration.Get(builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(OriginRoutes.AddWriteInvalidation);
        if (source == QaSourceKind.Origin)
        {
            RequireOriginCluster(builder.Configuration);
            builder.Services.AddSingleton<IProxyConfigProvider, OriginRoutes>();
            builder.Services.AddSingleton<OriginClient>();
            builder.Services.AddSingleton<IQaSource, OriginSource>();
            builder.Services.AddSingleton<IReadinessCheck, OriginReadiness>();
        }
        else
        {
            builder.Services.AddOptions<DatabaseStartupOptions>().BindConfiguration(DatabaseStartupOptions.SectionName);
            builder.Services.AddHostedService<MigrateOnStart>();
        }

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseRateLimiter();
        _ = app.Services.GetRequiredService<QaStatistics>(); // its gauges exist from the start

        // The contract's routes; the write routes are rate-limited per client (reads never are).
        var writes = source == QaSourceKind.Database;
        app.MapProductQuestionEndpoints(writes);
        app.MapQuestionEndpoints(writes);
        app.MapAnswerEndpoints(writes);
        app.MapLegacyEndpoints(writes);
        app.MapHealthEndpoints();
        app.MapAdminEndpoints();
        app.MapPrometheusScrapingEndpoint("/metrics");

        // Everything the edge does not own (lower precedence than the routes above); upstream failures become
        // 502/504 problems through the status-code pages, without detail.
        app.MapReverseProxy(proxy =>
        {
            proxy.Use(ProxyMetrics.RecordAsync);
            proxy.UseSessionAffinity();
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        }).RequireRateLimiting(ProtectionSetup.WritePolicy);
        return app;
    }

    private static void RequireOriginCluster(ConfigurationManager configuration)
    {
        var destinations = configuration.GetSection($"ReverseProxy:Clusters:{OriginClient.ClusterId}:Destinations").GetChildren();
        if (!destinations.Any(d => !string.IsNullOrWhiteSpace(d["Address"])))
        {
            throw new InvalidOperationException(
                $"Qa:Source is 'Origin' but ReverseProxy:Clusters:{OriginClient.ClusterId} has no destination. Add one, e.g. " +
                $"ReverseProxy__Clusters__{OriginClient.ClusterId}__Destinations__primary__Address=http://127.0.0.1:5080/, or set Qa:Source=Database.");
        }
    }
}
