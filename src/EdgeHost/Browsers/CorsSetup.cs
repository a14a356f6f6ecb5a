using AspNetCors = Microsoft.AspNetCore.Cors.Infrastructure;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Browsers;

/// <summary>
/// CORS on ASP.NET Core's middleware, with one policy per kind of route: reads open to any origin by default, writes
/// only to listed origins (with credentials, for the consistency cookie), the legacy routes as open as the original.
/// Each route group names its policy; the middleware answers preflights and adds the headers. The options are read and
/// validated once, here: YARP resolves the CORS policies while the application is built, before start-up validation.
/// </summary>
internal static class CorsSetup
{
    public const string Reads = "qa-reads";
    public const string Writes = "qa-writes";
    public const string Legacy = "qa-legacy";

    // What a page's script may read from an answer: the cache's validators and outcome, and the consistency token.
    private static readonly string[] ReadExposed = ["ETag", "Age", QaHeaders.Cache, QaHeaders.Stale, QaHeaders.Version];

    public static void AddEdgeCors(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.ReadValidated<CorsOptions, CorsOptionsValidator>(CorsOptions.SectionName);
        builder.Services.AddCors(cors =>
        {
            var maxAge = options.PreflightMaxAge;
            cors.AddPolicy(Reads, policy => Origins(policy, options.ReadOrigins, ["*"])
                .WithMethods(HttpMethods.Get, HttpMethods.Head)
                .WithHeaders(QaHeaders.MinVersion, "If-None-Match")
                .WithExposedHeaders(ReadExposed)
                .SetPreflightMaxAge(maxAge));
            cors.AddPolicy(Writes, policy => Origins(policy, options.WriteOrigins, [])
                .AllowCredentials()
                .WithMethods(HttpMethods.Post, HttpMethods.Put)
                .WithHeaders("Content-Type", QaHeaders.MinVersion)
                .WithExposedHeaders(QaHeaders.Version, "Location")
                .SetPreflightMaxAge(maxAge));
            cors.AddPolicy(Legacy, policy => Origins(policy, options.LegacyOrigins, ["*"])
                .WithMethods(HttpMethods.Get, HttpMethods.Head, HttpMethods.Put)
                .WithHeaders("Content-Type")
                .WithExposedHeaders(ReadExposed)
                .SetPreflightMaxAge(maxAge));
        });
    }

    // The configured origins, or the default when the list is empty; "*" is any origin.
    private static AspNetCors.CorsPolicyBuilder Origins(AspNetCors.CorsPolicyBuilder policy,
        IList<string> configured, string[] fallback)
    {
        var origins = configured.Count > 0 ? [.. configured] : fallback;
        return origins.Contains("*") ? policy.AllowAnyOrigin() : policy.WithOrigins(origins);
    }
}
