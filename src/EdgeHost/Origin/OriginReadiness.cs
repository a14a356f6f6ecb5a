using Shazamazon.QA.EdgeHost.Endpoints;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary><c>/readyz</c>'s <c>origin</c>: ok while the cluster has a healthy destination.</summary>
internal sealed class OriginReadiness(OriginClient origin) : IReadinessCheck
{
    public string Name => "origin";

    public Task<string> CheckAsync(CancellationToken cancellationToken) =>
        Task.FromResult(origin.HasHealthyDestination ? "ok" : "unavailable");
}
