using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// The topology as separate processes, as <c>./run.sh cluster</c> runs it: an origin (<c>Database</c>) and two edges
/// (<c>Origin</c>), one Redis, one PostgreSQL, configured by command-line arguments only.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ProcessClusterTests(EdgeFixture fixture)
{
    [Fact]
    public async Task OriginAndTwoEdges_AsProcesses_StayCoherent_AndKeepServingWhenTheOriginDies()
    {
        await using var redis = await RedisServer.StartOwnedAsync();
        await using var origin = await EdgeHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = fixture.Database,
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
        });
        var edgeSettings = new Dictionary<string, string?>
        {
            ["Qa:Source"] = "Origin",
            ["ConnectionStrings:Postgres"] = string.Empty,
            ["ConnectionStrings:Redis"] = redis.ConnectionString,
            ["ReverseProxy:Clusters:origin:Destinations:primary:Address"] = origin.Address.ToString(),
        };
        await using var a = await EdgeHostProcess.StartAsync(edgeSettings);
        await using var b = await EdgeHostProcess.StartAsync(edgeSettings);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "as processes?");
        var nodes = new[] { origin.Client, a.Client, b.Client };
        foreach (var node in nodes)
        {
            Assert.Single((await HttpAssert.PageAsync(node, $"/api/v1/products/{p}/questions")).Questions);
        }

        // A write through edge A: read back on A at once, then on every node.
        using (var asked = await a.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("second?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion))
        {
            Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        }

        Assert.Equal(2, (await HttpAssert.PageAsync(a.Client, $"/api/v1/products/{p}/questions")).TotalQuestions);
        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(node, $"/api/v1/products/{p}/questions")).TotalQuestions == 2, "every node sees the write");
        }

        // A change straight in SQL reaches every node.
        await fixture.Catalog.ScalarAsync<long>("UPDATE questions SET helpful = 50 WHERE id = $1 RETURNING id", q);
        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(node, $"/api/v1/products/{p}/questions")).Questions[0].Helpful == 50, "every node sees the SQL change");
        }

        // The origin dies: what the edges cached is still served, and nothing acknowledged was lost.
        await origin.KillAsync();
        foreach (var edge in new[] { a.Client, b.Client })
        {
            using var response = await edge.GetAsync($"/api/v1/products/{p}/questions");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(2L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", p));
    }
}
