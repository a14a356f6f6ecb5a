using System.Net;
using Microsoft.AspNetCore.Http;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// How an edge judges its origin: by the failure rate of its fills and forwarded requests, never by one failure, and
/// never to the point of trying no origin at all.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class OriginHealthTests
{
    private static readonly Func<HttpContext, Task> Page = FakeService.PageFrom(77, 1);

    [Fact]
    public async Task OneFailedFill_DoesNotBenchTheOrigin()
    {
        await using var origin = await FakeService.StartAsync();
        var failures = 1;
        origin.Handler = context => Interlocked.Decrement(ref failures) >= 0 ? FakeService.Abort(context) : Page(context);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(origin.Address), migrate: false);

        await HttpAssert.ProblemAsync(await edge.Client.GetAsync("/api/v1/products/1/questions"), HttpStatusCode.BadGateway);

        using var next = await edge.Client.GetAsync("/api/v1/products/2/questions");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task AnOriginFailingMostFills_IsMarkedUnhealthy_ButStillTried_WhenItIsTheOnlyOne()
    {
        await using var origin = await FakeService.StartAsync();
        origin.Handler = FakeService.Abort;
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(origin.Address), migrate: false);

        // YARP's failure-rate policy judges a destination once it has seen 10 requests in its window.
        for (var product = 1; product <= 12; product++)
        {
            await HttpAssert.ProblemAsync(await edge.Client.GetAsync($"/api/v1/products/{product}/questions"), HttpStatusCode.BadGateway);
        }

        using (var ready = await edge.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("\"origin\":\"unavailable\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        origin.Handler = Page; // it recovers: the unhealthy origin is still the one tried, and it answers
        using var recovered = await edge.Client.GetAsync("/api/v1/products/13/questions");
        Assert.Equal(HttpStatusCode.OK, recovered.StatusCode);
    }
}
