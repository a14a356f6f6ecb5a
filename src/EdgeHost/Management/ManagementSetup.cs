namespace Shazamazon.QA.EdgeHost.Management;

/// <summary>
/// The management address (<c>Qa:Management:Url</c>): Kestrel listens on it beside <c>Urls</c>, and the endpoints marked
/// <see cref="RequireManagement{TBuilder}"/> (<c>/metrics</c>, <c>/admin</c>) answer only on connections to its port,
/// 404 elsewhere. The check is the connection's local port, not the <c>Host</c> header, which a client chooses. The
/// framework's <c>RequireHost</c> matches that header, so it cannot do this.
/// </summary>
internal static class ManagementSetup
{
    public static void AddEdgeManagement(this WebApplicationBuilder builder)
    {
        // Where to listen is decided before the host is built: read, and validated, now.
        var options = builder.Configuration.ReadValidated<ManagementOptions, ManagementOptionsValidator>(ManagementOptions.SectionName);
        if (options.Url is not { } url)
        {
            return;
        }

        var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey];
        var management = url.GetLeftPart(UriPartial.Authority);
        builder.WebHost.UseSetting(WebHostDefaults.ServerUrlsKey, string.IsNullOrEmpty(urls) ? management : $"{urls};{management}");
        builder.Services.AddSingleton(new ManagementPort(url.Port));
    }

    /// <summary>Answers 404 for endpoints marked for management when the connection is not to the management port.</summary>
    public static IApplicationBuilder UseManagementPort(this IApplicationBuilder app)
    {
        var port = app.ApplicationServices.GetService<ManagementPort>();
        return port is null ? app : app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<ManagementPort>() is not null && context.Connection.LocalPort != port.Port)
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    /// <summary>Serves the endpoints only on the management address, when one is configured.</summary>
    public static TBuilder RequireManagement<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(ManagementPort.Marker);
}
