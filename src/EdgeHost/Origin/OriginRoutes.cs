using Microsoft.Extensions.Primitives;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.EdgeHost.Http;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Transforms;
using Yarp.ReverseProxy.Transforms.Builder;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>
/// With <c>Qa:Source=Origin</c>, the Q&amp;A paths this node does not serve itself (writes, and any other
/// <c>/api/v1</c> path) go to the cluster <c>origin</c>. These routes are added in code beside those of the
/// <c>ReverseProxy</c> section; the cluster (destinations, health checks, load balancing, timeouts) comes from that
/// section. When the origin confirms a write, this node evicts the product at once (read-your-writes).
/// </summary>
internal sealed class OriginRoutes : IProxyConfigProvider
{
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

    private sealed class Config : IProxyConfig
    {
        public IReadOnlyList<RouteConfig> Routes { get; } =
        [
            new RouteConfig { RouteId = ApiRoute, ClusterId = OriginClient.ClusterId, Match = new RouteMatch { Path = "/api/v1/{**rest}" } },
            new RouteConfig { RouteId = LegacyVoteRoute, ClusterId = OriginClient.ClusterId, Match = new RouteMatch { Path = "/updateVote" } },
        ];

        public IReadOnlyList<ClusterConfig> Clusters { get; } = [];

        public IChangeToken ChangeToken { get; } = new CancellationChangeToken(CancellationToken.None);
    }
}
