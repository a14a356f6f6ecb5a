using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Startup;

/// <summary>
/// Drains the node on shutdown: once the host is asked to stop (SIGTERM, Ctrl-C), readiness turns <c>draining</c> (503)
/// while the node goes on serving for <c>Qa:Shutdown:DrainTime</c>; then the server closes. It runs before the hosted
/// services stop, so writes made while draining still announce their changes. A node that never finished starting (its
/// address taken, say) served nothing and stops at once.
/// </summary>
internal sealed class ShutdownDrain(IOptions<ShutdownOptions> options, IHostApplicationLifetime lifetime) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("draining") : HealthCheckResult.Healthy("serving"));

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        if (!lifetime.ApplicationStarted.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await Task.Delay(options.Value.DrainTime, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout ended the drain early: stop now.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
