using System.Net;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary><c>/metrics</c> and <c>/admin</c> on a separate management address, and nowhere else.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ManagementAddressTests(EdgeFixture fixture)
{
    private const string Key = "management-test-key-0123456789";

    [Fact]
    public async Task MetricsAndAdmin_AnswerOnTheManagementAddressOnly()
    {
        var port = ServerProcess.FreePort();
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Management:Url"] = $"http://127.0.0.1:{port}",
            ["Qa:Admin:ApiKey"] = Key,
        }, migrate: false);
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        Assert.NotEqual(port, edge.Client.BaseAddress!.Port);

        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.SendAsync(Admin())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Client.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Client.SendAsync(Admin())).StatusCode);

        // The Host header is the client's to choose: naming the management port on the public address changes nothing.
        using var spoofed = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        spoofed.Headers.Host = $"127.0.0.1:{port}";
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Client.SendAsync(spoofed)).StatusCode);

        // Health answers on both; the contract on the public address.
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await management.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync("/api/v1/products/1/questions/count")).StatusCode);
    }

    private static HttpRequestMessage Admin()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/admin/cache");
        request.Headers.Add("X-Api-Key", Key);
        return request;
    }
}
