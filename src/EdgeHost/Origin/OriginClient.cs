using System.Net;
using Microsoft.Net.Http.Headers;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Sources;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>
/// Sends the edge's own GETs (cache fills) to the YARP cluster named <c>origin</c>: a destination picked among the
/// healthy ones by the cluster's load-balancing policy, sent with the cluster's HTTP client within its
/// <c>HttpRequest:ActivityTimeout</c>. A destination that fails at the transport level is marked unhealthy for the
/// cluster's passive reactivation period, exactly as YARP does for proxied requests.
/// </summary>
internal sealed partial class OriginClient(IProxyStateLookup proxy, IEnumerable<ILoadBalancingPolicy> policies,
    IDestinationHealthUpdater health, Observability.ProxyMetrics metrics, ILogger<OriginClient> logger)
{
    public const string ClusterId = "origin";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan DefaultReactivation = TimeSpan.FromSeconds(30);
    private readonly Dictionary<string, ILoadBalancingPolicy> _policies = policies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The answer of the origin: status, the body's bytes and media type, and the edge headers.</summary>
    public sealed record Answer(HttpStatusCode Status, byte[] Body, string? MediaType, string? Version, TimeSpan Age);

    /// <summary>True when the cluster exists and has at least one healthy destination.</summary>
    public bool HasHealthyDestination =>
        proxy.TryGetCluster(ClusterId, out var cluster) && cluster.DestinationsState.AvailableDestinations.Count > 0;

    public async Task<Answer> GetAsync(string pathAndQuery, CancellationToken cancellationToken)
    {
        if (!proxy.TryGetCluster(ClusterId, out var cluster) || cluster.Model.HttpClient is not { } client)
        {
            throw new SourceUnavailableException($"The ReverseProxy cluster '{ClusterId}' is not configured.") { SourceName = OriginSource.SourceName };
        }

        var available = cluster.DestinationsState.AvailableDestinations;
        if (available.Count == 0)
        {
            throw new SourceUnavailableException("No healthy origin destination.") { SourceName = OriginSource.SourceName };
        }

        var destination = Pick(cluster, available);
        var config = cluster.Model.Config.HttpRequest;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(destination.Model.Config.Address), pathAndQuery))
        {
            Version = config?.Version ?? HttpVersion.Version11,
            VersionPolicy = config?.VersionPolicy ?? HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.ParseAdd(QaWireFormat.MessagePackMediaType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(config?.ActivityTimeout ?? DefaultTimeout);
        destination.ConcurrentRequestCount++;
        try
        {
            using var response = await client.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsByteArrayAsync(timeout.Token);
            var version = response.Headers.TryGetValues(Http.QaHeaders.Version, out var values) ? values.FirstOrDefault() : null;
            var age = response.Headers.Age ?? TimeSpan.Zero;
            metrics.Record(ClusterId, destination.DestinationId, (int)response.StatusCode >= 500 ? "fill-upstream-5xx" : "fill-ok");
            return new Answer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, version, age);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(ex, destination.DestinationId);
            metrics.Record(ClusterId, destination.DestinationId, "fill-timeout");
            throw new SourceUnavailableException("The origin did not answer in time.", ex) { SourceName = OriginSource.SourceName, Failure = SourceFailure.TimedOut };
        }
        catch (HttpRequestException ex)
        {
            LogFailed(ex, destination.DestinationId);
            metrics.Record(ClusterId, destination.DestinationId, "fill-error");
            health.SetPassive(cluster, destination, DestinationHealth.Unhealthy,
                cluster.Model.Config.HealthCheck?.Passive?.ReactivationPeriod ?? DefaultReactivation);
            throw new SourceUnavailableException("The origin could not be reached.", ex) { SourceName = OriginSource.SourceName };
        }
        finally
        {
            destination.ConcurrentRequestCount--;
        }
    }

    private DestinationState Pick(ClusterState cluster, IReadOnlyList<DestinationState> available)
    {
        if (available.Count == 1)
        {
            return available[0];
        }

        var name = cluster.Model.Config.LoadBalancingPolicy ?? LoadBalancingPolicies.PowerOfTwoChoices;
        var policy = _policies.GetValueOrDefault(name) ?? _policies[LoadBalancingPolicies.PowerOfTwoChoices];
        return policy.PickDestination(new DefaultHttpContext(), cluster, available) ?? available[0];
    }

    [LoggerMessage(LogEvents.OriginFillFailed, LogLevel.Warning, "Origin destination {Destination} failed a cache fill.")]
    private partial void LogFailed(Exception ex, string destination);
}
