using System.Diagnostics;
using System.Diagnostics.Metrics;
using Shazamazon.QA.Core;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary><c>qa.proxy.forwards</c>: requests YARP forwarded (and cache fills sent to the origin), by cluster, destination and outcome.</summary>
internal sealed class ProxyMetrics
{
    private readonly Counter<long> _forwards;

    public ProxyMetrics(IMeterFactory meters) =>
        _forwards = meters.Create(QaInstrumentation.Name).CreateCounter<long>("qa.proxy.forwards",
            description: "Requests forwarded through YARP and cache fills sent to the origin, by cluster, destination and outcome.");

    public void Record(string cluster, string destination, string outcome) =>
        _forwards.Add(1, new TagList { { "cluster", cluster }, { "destination", destination }, { "outcome", outcome } });

    /// <summary>The step of YARP's pipeline that records each forwarded request once it has an answer.</summary>
    public static async Task RecordAsync(HttpContext context, Func<Task> next)
    {
        await next();
        var proxy = context.GetReverseProxyFeature();
        var error = context.GetForwarderErrorFeature();
        context.RequestServices.GetRequiredService<ProxyMetrics>().Record(
            proxy.Cluster.Config.ClusterId,
            proxy.ProxiedDestination?.DestinationId ?? "none",
            error is null ? (context.Response.StatusCode >= 500 ? "upstream-5xx" : "ok") : error.Error.ToString());
    }
}
