using Microsoft.AspNetCore.Server.Kestrel.Core;
using Shazamazon.QA.EdgeHost.Endpoints;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost;

/// <summary>Builds the edge web application: services, limits, and the endpoint groups of the contract.</summary>
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

        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.AddServerHeader = false;
        });
        builder.Services.Configure<KestrelServerOptions>(o => o.AllowSynchronousIO = false);
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<SourceUnavailableHandler>();
        builder.Services.AddQaCore(builder.Configuration);
        builder.Services.AddOptions<DatabaseStartupOptions>().BindConfiguration(DatabaseStartupOptions.SectionName);
        builder.Services.AddHostedService<MigrateOnStart>();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        app.MapProductQuestionEndpoints();
        app.MapQuestionEndpoints();
        app.MapAnswerEndpoints();
        app.MapLegacyEndpoints();
        app.MapHealthEndpoints();
        // The next layer (YARP forwarding to an origin and to the other services of the product page) maps its
        // catch-all route here, after the routes the edge owns.
        return app;
    }
}
