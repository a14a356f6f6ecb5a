using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Health;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>
/// The health behaviour of the <c>origin</c> cluster where its configuration leaves it unset, so that a fleet survives
/// the faults it sees every day: passive health on YARP's <c>TransportFailureRate</c> policy (a destination is benched
/// only when the failure rate of the last minute's requests passes the limit, never for one failed request), and
/// <c>HealthyOrPanic</c> available destinations (when every destination is unhealthy, all are tried rather than none:
/// the last destination is never removed). Whatever <c>ReverseProxy:Clusters:origin:HealthCheck</c> sets wins.
/// </summary>
internal sealed class OriginClusterDefaults : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        if (cluster.ClusterId != OriginClient.ClusterId)
        {
            return ValueTask.FromResult(cluster);
        }

        var health = cluster.HealthCheck ?? new HealthCheckConfig();
        return ValueTask.FromResult(cluster with
        {
            HealthCheck = health with
            {
                AvailableDestinationsPolicy = health.AvailableDestinationsPolicy ?? HealthCheckConstants.AvailableDestinations.HealthyOrPanic,
                Passive = health.Passive ?? new PassiveHealthCheckConfig
                {
                    Enabled = true,
                    Policy = HealthCheckConstants.PassivePolicy.TransportFailureRate,
                },
            },
        });
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
