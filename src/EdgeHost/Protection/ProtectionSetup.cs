using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Shazamazon.QA.EdgeHost.Protection;

/// <summary>
/// Keeps the edge from being an open door: a budget of misses per client (<see cref="MissBudget"/>), writes rate-limited per client (429 with <c>Retry-After</c>; a client is an
/// IPv4 address or an IPv6 /64, <see cref="ClientKey"/>), forwarded headers honoured only from configured proxies (by
/// address or network), and Kestrel's limits on headers, request lines and bodies.
/// </summary>
internal static class ProtectionSetup
{
    public const string WritePolicy = "writes";

    public static void AddEdgeProtection(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ProtectionOptions, ProtectionOptionsValidator>(builder.Configuration, ProtectionOptions.SectionName);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProtectionOptions>>((forwarded, protection) =>
        {
            var proxies = protection.Value.KnownProxies;
            // Empty trust lists would mean "trust every sender": with no proxy configured, forwarded headers are ignored.
            forwarded.ForwardedHeaders = proxies.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // By default ASP.NET Core trusts loopback; we trust only what is configured (and validated).
            forwarded.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // the obsolete list still holds the default loopback network
            forwarded.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    forwarded.KnownProxies.Add(address);
                }
                else
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
            }
        });

        builder.Services.AddSingleton<MissBudget>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = { Status = 429, Title = "Too Many Requests", Detail = "Too many writes from this client; retry after the time in Retry-After." },
                });
            };
            limiter.AddPolicy(WritePolicy, context =>
            {
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("reads");
                }

                var perMinute = context.RequestServices.GetRequiredService<IOptionsMonitor<ProtectionOptions>>().CurrentValue.WritesPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey.Of(context.Connection.RemoteIpAddress).ToString(), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = EdgeApp.MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestHeadersTotalSize = 16 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 64;
            kestrel.Limits.MaxRequestLineSize = 4 * 1024;
            kestrel.AddServerHeader = false;
        });
    }

    // What an answer of the edge may load: data loads nothing; the edge's own pages (the widget's demo, the admin
    // dashboard) run their own scripts and styles, and call this node only.
    private const string DataPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Security headers on every answer: the contract's, the admin endpoints', and those the framework writes after an
    /// exception (the exception handler clears the response, so the headers are added as the answer starts, not before).
    /// The content security policy follows what the answer is (an HTML page, or data); an answer forwarded with a policy
    /// of its own keeps it. Register it first. Harmless for API clients.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                var response = (HttpResponse)state;
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                if (!headers.ContainsKey(HeaderNames.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true ? PagePolicy : DataPolicy;
                }

                headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            }, context.Response);
            return next(context);
        });
}
