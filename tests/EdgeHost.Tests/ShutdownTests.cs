using System.Net;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>A node asked to stop, as a service manager asks (SIGTERM): it leaves the load balancer first, then closes.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ShutdownTests(EdgeFixture fixture)
{
    [Fact]
    public async Task OnSigterm_TheNodeTurnsNotReadyButKeepsServing_ForTheDrainTime_ThenExits()
    {
        var p = await fixture.Catalog.ProductAsync();
        await using var edge = await EdgeHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = fixture.Database,
            ["ConnectionStrings:Redis"] = string.Empty,
            ["Qa:Shutdown:DrainTime"] = "00:00:04",
        });
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync("/readyz")).StatusCode);

        await edge.TerminateAsync();

        await Eventually.TrueAsync(async () =>
        {
            using var ready = await edge.Client.GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.ServiceUnavailable
                && (await ready.Content.ReadAsStringAsync()).Contains("\"node\":\"draining\"", StringComparison.Ordinal);
        }, "readiness turns draining");
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync($"/api/v1/products/{p}/questions")).StatusCode);
        await Eventually.TrueAsync(() => Task.FromResult(edge.HasExited), "the node exits after the drain", TimeSpan.FromSeconds(30));
    }
}
