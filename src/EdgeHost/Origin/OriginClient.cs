using System.Net;
using Microsoft.Net.Http.Headers;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.LoadBalancing;
using Yarp.ReverseProxy.Model;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>
/// Sends the edge's own GETs (cache fills) to the YARP cluster named <c>origin</c>: a destination picked among the
/// available ones by the cluster's load-balancing policy, sent with the cluster's HTTP client within its
/// <c>HttpRequest:ActivityTimeout</c>. Every fill's outcome feeds the cluster's passive health policy, exactly as YARP
/// does for the requests it forwards, so a fill's transport failure counts toward the failure rate that benches a
/// destination (<see cref="OriginClusterDefaults"/>), never a single strike.
/// </summary>
internal sealed partial class OriginClient(IProxyStateLookup proxy, IEnumerable<ILoadBalancingPolicy> policies,
    IEnumerable<IPassiveHealthCheckPolicy> passivePolicies, Observability.ProxyMetrics metrics, LogSampler logSampler, ILogger<OriginClient> logger)
{
    public const string ClusterId = "origin";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly Dictionary<string, ILoadBalancingPolicy> _policies = policies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IPassiveHealthCheckPolicy> _passivePolicies = passivePolicies.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The answer of the origin: status, the body's bytes and media type, and the edge headers.</summary>
    public sealed record Answer(HttpStatusCode Status, byte[] Body, string? MediaType, string? Version, TimeSpan Age);

    /// <summary>True when the cluster has a destination that neither active nor passive health checks found unhealthy.</summary>
    public bool HasHealthyDestination =>
        proxy.TryGetCluster(ClusterId, out var cluster)
        && cluster.Destinations.Values.Any(d => d.Health.Active != DestinationHealth.Unhealthy && d.Health.Passive != DestinationHealth.Unhealthy);

    public async Task<Answer> GetAsync(string pathAndQuery, ConsistencyToken atLeast, CancellationToken cancellationToken)
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

        // One request context per fill, as YARP has per forwarded request: the load-balancing and passive health
        // policies both read it.
        var context = new DefaultHttpContext();
        var destination = Pick(context, cluster, available);
        var config = cluster.Model.Config.HttpRequest;
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(destination.Model.Config.Address), pathAndQuery))
        {
            Version = config?.Version ?? HttpVersion.Version11,
            VersionPolicy = config?.VersionPolicy ?? HttpVersionPolicy.RequestVersionOrLower,
        };
        request.Headers.Accept.ParseAdd(QaWireFormat.MessagePackMediaType);
        if (!atLeast.IsEmpty)
        {
            request.Headers.Add(Http.QaHeaders.MinVersion, atLeast.ToString());
        }

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
            ReportToPassiveHealth(context, cluster, destination, failure: null);
            return new Answer(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, version, age);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            Failed(ex, destination.DestinationId);
            metrics.Record(ClusterId, destination.DestinationId, "fill-timeout");
            ReportToPassiveHealth(context, cluster, destination, new FillError(ForwarderError.RequestTimedOut, ex));
            throw new SourceUnavailableException("The origin did not answer in time.", ex) { SourceName = OriginSource.SourceName, Failure = SourceFailure.TimedOut };
        }
        catch (HttpRequestException ex)
        {
            Failed(ex, destination.DestinationId);
            metrics.Record(ClusterId, destination.DestinationId, "fill-error");
            ReportToPassiveHealth(context, cluster, destination, new FillError(ForwarderError.Request, ex));
            throw new SourceUnavailableException("The origin could not be reached.", ex) { SourceName = OriginSource.SourceName };
        }
        finally
        {
            destination.ConcurrentRequestCount--;
        }
    }

    // The outcome of a fill, told to the cluster's passive health policy as YARP's middleware tells it a forwarded
    // request's: the request context carries the forwarder's error feature when the fill failed at the transport level.
    private void ReportToPassiveHealth(HttpContext context, ClusterState cluster, DestinationState destination, FillError? failure)
    {
        var passive = cluster.Model.Config.HealthCheck?.Passive;
        if (passive is not { Enabled: true }
            || !_passivePolicies.TryGetValue(passive.Policy ?? HealthCheckConstants.PassivePolicy.TransportFailureRate, out var policy))
        {
            return;
        }

        if (failure is not null)
        {
            context.Features.Set<IForwarderErrorFeature>(failure);
        }

        policy.RequestProxied(context, cluster, destination);
    }

    private DestinationState Pick(HttpContext context, ClusterState cluster, IReadOnlyList<DestinationState> available)
    {
        if (available.Count == 1)
        {
            return available[0];
        }

        var name = cluster.Model.Config.LoadBalancingPolicy ?? LoadBalancingPolicies.PowerOfTwoChoices;
        var policy = _policies.GetValueOrDefault(name) ?? _policies[LoadBalancingPolicies.PowerOfTwoChoices];
        return policy.PickDestination(context, cluster, available) ?? available[0];
    }

    // One warning per destination each interval, with how many were held back: a dead origin fails every fill.
    private void Failed(Exception ex, string destination)
    {
        if (logSampler.TryEnter("origin-fill-failed:" + destination, out var heldBack))
        {
            LogFailed(ex, destination, heldBack);
        }
    }

    [LoggerMessage(LogEvents.OriginFillFailed, LogLevel.Warning, "Origin destination {Destination} failed a cache fill ({HeldBack} more held back since the last such entry).")]
    private partial void LogFailed(Exception ex, string destination, long heldBack);
}
