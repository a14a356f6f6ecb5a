using Shazamazon.QA.EdgeHost.Browsers;
using Shazamazon.QA.EdgeHost.Protection;

namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary>
/// The group every write route is mapped on: rate-limited per client (<see cref="ProtectionSetup.WritePolicy"/>),
/// open to the browsers of the listed origins only (<see cref="CorsSetup.Writes"/>), and answered <c>no-store</c>,
/// whatever the answer, since it concerns one client's write.
/// </summary>
internal static class WriteRoutes
{
    public static RouteGroupBuilder MapWrites(this IEndpointRouteBuilder routes) =>
        routes.MapGroup(string.Empty)
            .RequireRateLimiting(ProtectionSetup.WritePolicy)
            .RequireCors(CorsSetup.Writes)
            .AddEndpointFilter(static (context, next) =>
            {
                context.HttpContext.Response.Headers.CacheControl = "no-store";
                return next(context);
            });
}
