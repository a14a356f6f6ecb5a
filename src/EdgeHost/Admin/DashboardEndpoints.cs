using Microsoft.Extensions.Options;
using Shazamazon.QA.EdgeHost.Http;
using Shazamazon.QA.EdgeHost.Management;

namespace Shazamazon.QA.EdgeHost.Admin;

/// <summary>
/// <c>/admin/dashboard</c>: a page showing this node's live figures without any other software (reads/s by outcome,
/// hit ratio, STALE, misses, L1, readiness, invalidation channels, Redis and PostgreSQL circuits, every total). The page
/// and its script hold no data: the script asks for the admin key and polls <c>/admin/cache</c> with it, which answers
/// 401 without it. Like every admin route, served only on the management address when one is set, and 404 while no
/// admin key is configured.
/// </summary>
internal static class DashboardEndpoints
{
    // The page runs its own script and styles and calls this node only.
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapAdminDashboard(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin").RequireManagement().ExcludeFromDescription();
        foreach (var (path, name, contentType) in new[]
        {
            ("/dashboard", "dashboard.html", "text/html; charset=utf-8"),
            ("/dashboard.js", "dashboard.js", "text/javascript; charset=utf-8"),
            ("/dashboard.css", "dashboard.css", "text/css; charset=utf-8"),
        })
        {
            var asset = EmbeddedAsset.Load($"Admin/Assets/{name}", contentType);
            group.MapGet(path, (HttpContext context, IOptionsMonitor<AdminOptions> admin) =>
            {
                if (string.IsNullOrEmpty(admin.CurrentValue.ApiKey))
                {
                    return Problems.NotFound("There is no such resource.").ExecuteAsync(context); // as every admin route while no key is set
                }

                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
                return asset.WriteAsync(context, "no-cache");
            });
        }

        return routes;
    }
}
