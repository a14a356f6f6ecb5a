using Microsoft.Extensions.Primitives;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.EdgeHost.Browsers;
using Shazamazon.QA.EdgeHost.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>
/// With <c>Qa:Source=Origin</c>, the Q&amp;A paths this node does not serve itself (writes, and any other
/// <c>/api/v1</c> path) go to the cluster <c>origin</c>. These routes are added in code beside those of the
/// <c>ReverseProxy</c> section; the cluster (destinations, health checks, load balancing, timeouts) comes from that
/// section. When the origin confirms a write, this node evicts the product at once (read-your-writes). Browsers are
/// this node's to admit, as in Database mode: the routes carry its own CORS policies (it answers preflights itself),
/// and the origin's <c>Access-Control-*</c> headers are dropped from what it forwards.
/// </summary>
internal sealed class OriginRoutes : IProxyConfigProvider
{
    public const string WriteRoute = "qa-origin-writes";
    public const string ApiRoute = "qa-origin-api";
    public const string LegacyVoteRoute = "qa-origin-legacy-vote";
    private readonly IProxyConfig _config = new Config();

    public IProxyConfig GetConfig() => _config;

    /// <summary>The response transform of every route to the origin: a confirmed write evicts its product here.</summary>
    public static void AddWriteInvalidation(TransformBuilderContext context)
    {
        if (context.Cluster?.ClusterId != OriginClient.ClusterId)
        {
            return;
        }

        context.AddResponseTransform(static async transform =>
        {
            DropOriginCors(transform.HttpContext.Response.Headers);
            var method = transform.HttpContext.Request.Method;
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || transform.ProxyResponse is not { IsSuccessStatusCode: true } response
                || !response.Headers.TryGetValues(QaHeaders.Version, out var values)
                || !InvalidationMessage.TryParseChange(values.FirstOrDefault(), out var change))
            {
                return;
            }

            var invalidator = transform.HttpContext.RequestServices.GetRequiredService<IQaInvalidator>();
            await invalidator.ProductChangedAsync(change, CancellationToken.None); // confirmed by the origin: evict even if the client hung up
        });
    }

    // The origin admits browsers by its own lists; what this node forwards is admitted by this node's (its CORS
    // middleware sets its headers as the answer starts, after this).
    private static void DropOriginCors(IHeaderDictionary headers)
    {
        foreach (var name in headers.Keys.Where(static name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            headers.Remove(name);
        }
    }

    private sealed class Config : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes { get; } =
        [
            // Writes by method, so that their preflights match here even on paths with a read of this node's (routing
            // matches a preflight to the routes that name its method).
            new RouteConfig
            {
                RouteId = WriteRoute, ClusterId = OriginClient.ClusterId, CorsPolicy = CorsSetup.Writes,
                Match = new RouteMatch { Path = "/api/v1/{**rest}", Methods = [HttpMethods.Post, HttpMethods.Put, HttpMethods.Patch, HttpMethods.Delete] },
            },
            new RouteConfig { RouteId = ApiRoute, ClusterId = OriginClient.ClusterId, Match = new RouteMatch { Path = "/api/v1/{**rest}" } },
            new RouteConfig
            {
                RouteId = LegacyVoteRoute, ClusterId = OriginClient.ClusterId, CorsPolicy = CorsSetup.Legacy,
                Match = new RouteMatch { Path = "/updateVote", Methods = [HttpMethods.Put] },
            },
        ];

        public IReadOnlyList<ClusterConfig> Clusters { get; } = [];

        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
