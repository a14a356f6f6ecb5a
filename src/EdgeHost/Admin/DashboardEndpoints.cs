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
    public static IEndpointRouteBuilder MapAdminDashboard(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/admin").RequireManagement().ExcludeFromDescription();
        foreach (var (path, name) in new[] { ("/dashboard", "dashboard.html"), ("/dashboard.js", "dashboard.js"), ("/dashboard.css", "dashboard.css") })
        {
            var asset = EmbeddedAsset.Load($"Admin/Assets/{name}");
            group.MapGet(path, (HttpContext context, IOptionsMonitor<AdminOptions> admin) => string.IsNullOrEmpty(admin.CurrentValue.ApiKey)
                ? AccessKeys.Absent().ExecuteAsync(context) // as every admin route while no key is set
                : asset.WriteAsync(context, "no-cache"));
        }

        return routes;
    }
}
