using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using MessagePack;
using Microsoft.AspNetCore.Http;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// Edges in <c>Qa:Source=Origin</c> mode in front of a <c>Database</c> node (the fixture's), real Kestrel and YARP
/// everywhere: the contract through an edge, writes through an edge, changes reaching every node, chaining, and the
/// catch-all route.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class TopologyTests(EdgeFixture fixture)
{
    internal static Dictionary<string, string?> OriginMode(Uri origin, Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Qa:Source"] = "Origin",
            ["ReverseProxy:Clusters:origin:Destinations:primary:Address"] = origin.ToString(),
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Edge_ServesEveryReadFromTheOrigin_ThenFromItsCache()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Does it float in rain?");
        await fixture.Catalog.AnswerAsync(q, "It floats.");
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, OriginMode(fixture.Edge.Client.BaseAddress!), migrate: false);

        using var fromOrigin = await fixture.Edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        using var first = await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        using var second = await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        Assert.Equal(("MISS", "HIT-L1"), (HttpAssert.CacheOutcome(first), HttpAssert.CacheOutcome(second)));
        Assert.Equal(await fromOrigin.Content.ReadAsStringAsync(), await first.Content.ReadAsStringAsync());
        Assert.Equal(fromOrigin.Headers.ETag, first.Headers.ETag);

        foreach (var path in new[] { $"/api/v1/questions/{q}/answers", $"/api/v1/products/{p}/questions/count", $"/api/v1/products/{p}/questions/search?q=rain", $"/item?id={p}" })
        {
            using var direct = await fixture.Edge.Client.GetAsync(path);
            using var viaEdge = await edge.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, viaEdge.StatusCode);
            Assert.Equal(await direct.Content.ReadAsStringAsync(), await viaEdge.Content.ReadAsStringAsync());
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{p}/questions");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(QaWireFormat.MessagePackMediaType));
        using var packed = await edge.Client.SendAsync(request);
        Assert.Equal(p, MessagePackSerializer.Deserialize<ProductQuestionsPage>(await packed.Content.ReadAsByteArrayAsync(), QaWireFormat.MessagePack).ProductId);

        await HttpAssert.ProblemAsync(await edge.Client.GetAsync("/api/v1/products/999999999999/questions"), HttpStatusCode.NotFound);
        await HttpAssert.InvalidAsync(await edge.Client.GetAsync("/api/v1/products/x/questions"), "productId");
    }

    [Fact]
    public async Task WriteThroughOneEdge_IsReadBackThereAtOnce_AndReachesTheOtherEdge()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "first", helpful: 1);
        var settings = OriginMode(fixture.Edge.Client.BaseAddress!);
        await using var a = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, fixture.Redis.ConnectionString, settings, migrate: false);
        await using var b = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, fixture.Redis.ConnectionString, settings, migrate: false);
        foreach (var node in new[] { a, b, fixture.Edge })
        {
            Assert.Single((await HttpAssert.PageAsync(node.Client, $"/api/v1/products/{p}/questions")).Questions);
        }

        using var asked = await a.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("second?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Equal(2, (await HttpAssert.PageAsync(a.Client, $"/api/v1/products/{p}/questions")).TotalQuestions);
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(b.Client, $"/api/v1/products/{p}/questions")).TotalQuestions == 2, "edge B sees the new question");

        using var vote = await b.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        Assert.Equal(2, (await HttpAssert.PageAsync(b.Client, $"/api/v1/products/{p}/questions")).Questions.Single(x => x.Id == q).Helpful);
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(a.Client, $"/api/v1/products/{p}/questions")).Questions.Single(x => x.Id == q).Helpful == 2, "edge A sees the vote");

        using var bad = await a.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
        await HttpAssert.InvalidAsync(bad, "body");
    }

    [Fact]
    public async Task DirectSqlChange_ReachesEveryNode()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "before");
        var settings = OriginMode(fixture.Edge.Client.BaseAddress!);
        await using var a = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, fixture.Redis.ConnectionString, settings, migrate: false);
        await using var b = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, fixture.Redis.ConnectionString, settings, migrate: false);
        var nodes = new[] { fixture.Edge, a, b };
        foreach (var node in nodes)
        {
            await node.Client.GetAsync($"/api/v1/products/{p}/questions");
            Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await node.Client.GetAsync($"/api/v1/products/{p}/questions")));
        }

        await fixture.Catalog.ScalarAsync<long>("UPDATE questions SET body = 'after (edited in SQL)' WHERE id = $1 RETURNING id", q);

        foreach (var node in nodes)
        {
            await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(node.Client, $"/api/v1/products/{p}/questions")).Questions[0].Body == "after (edited in SQL)",
                "every node shows the SQL edit");
        }
    }

    [Fact]
    public async Task ChainedEdges_ReadAndWriteThroughTheChain()
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "chained?");
        await using var middle = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, OriginMode(fixture.Edge.Client.BaseAddress!), migrate: false);
        await using var front = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, OriginMode(middle.Client.BaseAddress!), migrate: false);

        Assert.Single((await HttpAssert.PageAsync(front.Client, $"/api/v1/products/{p}/questions")).Questions);
        using var asked = await front.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("through two edges?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        Assert.Equal(2, (await HttpAssert.PageAsync(front.Client, $"/api/v1/products/{p}/questions")).TotalQuestions);
        Assert.Equal(2, (await HttpAssert.PageAsync(middle.Client, $"/api/v1/products/{p}/questions")).TotalQuestions);
    }

    [Fact]
    public async Task CatchAllRoute_ForwardsWhatTheEdgeDoesNotOwn_AndUpstreamFailureIsAProblem()
    {
        await using var site = await FakeService.StartAsync();
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["ReverseProxy:Routes:site:ClusterId"] = "site",
            ["ReverseProxy:Routes:site:Match:Path"] = "{**catch-all}",
            ["ReverseProxy:Clusters:site:Destinations:one:Address"] = site.Address.ToString(),
        }, migrate: false);
        var p = await fixture.Catalog.ProductAsync();

        Assert.Equal("fake:/cart/42", await edge.Client.GetStringAsync("/cart/42"));
        using var owned = await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        Assert.Equal("MISS", HttpAssert.CacheOutcome(owned));
        Assert.Equal(0, site.Hits($"/api/v1/products/{p}/questions"));

        await site.DisposeAsync();
        using var failed = await edge.Client.GetAsync("/cart/42");
        var problem = await HttpAssert.ProblemAsync(failed, HttpStatusCode.BadGateway);
        Assert.DoesNotContain("127.0.0.1", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OriginMode_WithoutAnOriginCluster_RefusesToStart()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Shazamazon.QA.EdgeHost.EdgeApp.Build([], b =>
            Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(b.Configuration,
                new Dictionary<string, string?> { ["Qa:Source"] = "Origin" })));
        Assert.Contains("ReverseProxy:Clusters:origin", error.Message, StringComparison.Ordinal);
    }
}
