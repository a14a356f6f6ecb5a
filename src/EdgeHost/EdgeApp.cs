using Shazamazon.QA.Core.Operations;
using Shazamazon.QA.EdgeHost.Admin;
using Shazamazon.QA.EdgeHost.ApiDocument;
using Shazamazon.QA.EdgeHost.Browsers;
using Shazamazon.QA.EdgeHost.Endpoints;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Management;
using Shazamazon.QA.EdgeHost.Moderation;
using Shazamazon.QA.EdgeHost.Observability;
using Shazamazon.QA.EdgeHost.Origin;
using Shazamazon.QA.EdgeHost.Protection;
using Shazamazon.QA.EdgeHost.Startup;
using Shazamazon.QA.EdgeHost.Widget;
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

        var settings = StartupSettings.ForServer(builder.Configuration);
        builder.AddEdgeManagement();
        builder.AddEdgeProtection();
        builder.AddEdgeCors();
        builder.AddEdgeTelemetry();
        builder.AddEdgeApiDocument();
        builder.AddEdgeWidget();
        builder.Services.AddSingleton<ProxyMetrics>();
        builder.Services.AddValidatedOptions<AdminOptions, AdminOptionsValidator>(builder.Configuration, AdminOptions.SectionName);
        builder.Services.AddValidatedOptions<ShutdownOptions, ShutdownOptionsValidator>(builder.Configuration, ShutdownOptions.SectionName);
        builder.Services.AddOptions<LegacyOptions>().Bind(builder.Configuration.GetSection(LegacyOptions.SectionName)).ValidateOnStart(); // a bool: binding is its check
        builder.Services.AddSingleton<ShutdownDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ShutdownDrain>());
        builder.Services.AddHealthChecks().AddCheck<ShutdownDrain>("node");
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<WriteRejectedHandler>();
        builder.Services.AddExceptionHandler<SourceUnavailableHandler>();

        // The Q&A core, filled from PostgreSQL or from the origin cluster, with Redis as L2 when configured. YARP:
        // routes and clusters from the ReverseProxy section (reloaded on change), e.g. a catch-all route to the other
        // services of the product page; with Qa:Source=Origin, also the routes of the Q&A paths to "origin".
        var core = builder.Services.AddQaCore(builder.Configuration);
        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddTransforms(OriginRoutes.AddWriteInvalidation)
            .AddConfigFilter<OriginClusterDefaults>();
        if (settings.Source == QaSourceKind.Origin)
        {
            core.AddSource<OriginSource>();
            builder.Services.AddSingleton<IProxyConfigProvider, OriginRoutes>();
            builder.Services.AddSingleton<OriginClient>();
            builder.Services.AddHealthChecks().AddCheck<OriginHealthCheck>("origin");
        }
        else
        {
            core.AddPostgresSource(settings.RequiredPostgres);
        }

        if (settings.Redis is { } redis)
        {
            core.AddRedisL2(redis);
        }

        var app = builder.Build();
        app.UseSecurityHeaders();
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseManagementPort();
        app.UseCors(); // before the rate limiter: a preflight is answered here and never counts as a write
        app.UseRateLimiter();
        // The statistics' gauges exist from the start: resolved once options are validated (resolving reads them).
        app.Lifetime.ApplicationStarted.Register(() => app.Services.GetRequiredService<IQaStatistics>());

        // The contract's routes; the write routes are rate-limited per client (reads never are).
        var writes = settings.Source == QaSourceKind.Database;
        app.MapProductQuestionEndpoints(writes);
        app.MapQuestionEndpoints(writes);
        app.MapAnswerEndpoints(writes);
        app.MapLegacyEndpoints(writes);
        if (writes)
        {
            app.MapModerationEndpoints();
        }

        app.MapWidgetEndpoints();
        app.MapHealthEndpoints();
        app.MapEdgeApiDocument();
        app.MapAdminEndpoints();
        app.MapAdminDashboard();
        app.MapPrometheusScrapingEndpoint("/metrics").RequireManagement();

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
}
