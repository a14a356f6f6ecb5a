using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Redis killed mid-run: reads are still answered (L1 and the database), writes still succeed and are read back.</summary>
[Collection(EdgeCollection.Name)]
public sealed class RedisOutageTests(EdgeFixture fixture)
{
    [Fact]
    public async Task RedisStopped_ReadsAndWritesStillWork_AndRecoverWhenItReturns()
    {
        await using var redis = await RedisServer.StartOwnedAsync();
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis.ConnectionString, migrate: false);
        var cached = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(cached, "before the outage", helpful: 1);
        var uncached = await fixture.Catalog.ProductAsync();
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync($"/api/v1/products/{cached}/questions")).StatusCode);

        await redis.StopAsync();

        using (var hit = await edge.Client.GetAsync($"/api/v1/products/{cached}/questions"))
        {
            Assert.Equal((HttpStatusCode.OK, "HIT-L1"), (hit.StatusCode, HttpAssert.CacheOutcome(hit)));
        }

        using (var miss = await edge.Client.GetAsync($"/api/v1/products/{uncached}/questions"))
        {
            Assert.Equal((HttpStatusCode.OK, "MISS"), (miss.StatusCode, HttpAssert.CacheOutcome(miss)));
        }

        using (var ask = await edge.Client.PostAsJsonAsync($"/api/v1/products/{cached}/questions",
            new NewQuestion("during the outage", "jim", "jim@example.com"), QaWireFormat.Json.NewQuestion))
        {
            Assert.Equal(HttpStatusCode.Created, ask.StatusCode);
        }

        using (var vote = await edge.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        var page = await HttpAssert.PageAsync(edge.Client, $"/api/v1/products/{cached}/questions");
        Assert.Equal(2, page.TotalQuestions);
        Assert.Equal(2, page.Questions.Single(x => x.Id == q).Helpful);
        Assert.Equal(2L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", cached));

        await redis.RestartAsync();
        using var afterRecovery = await edge.Client.GetAsync($"/api/v1/products/{uncached}/questions?count=7");
        Assert.Equal(HttpStatusCode.OK, afterRecovery.StatusCode);
    }

    [Fact]
    public async Task SlowRedis_OpensTheCircuit_ReadsStillAnswer_AndItClosesWhenRedisRecovers()
    {
        await using var redis = await RedisServer.StartOwnedAsync();
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Qa:Cache:RedisTimeout"] = "00:00:00.100",
            ["Qa:Cache:RedisBreakAfterFailures"] = "3",
            ["Qa:Cache:RedisBreakDuration"] = "00:00:01",
        }, migrate: false);
        var products = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            products.Add(await fixture.Catalog.ProductAsync());
        }

        await redis.SleepAsync(TimeSpan.FromSeconds(2));
        foreach (var p in products)
        {
            Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync($"/api/v1/products/{p}/questions")).StatusCode);
        }

        using (var ready = await edge.Client.GetAsync("/readyz"))
        {
            Assert.Contains("\"redis\":\"circuit-open\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Eventually.TrueAsync(async () =>
        {
            using var ready = await edge.Client.GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.OK;
        }, "the circuit closes once Redis answers again", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task InvalidationChannelLost_StalenessIsBounded_AndTheNodeFlushesWhenItReturns()
    {
        await using var redis = await RedisServer.StartOwnedAsync();
        await using var origin = await EdgeHostInstance.StartAsync(fixture.Database, redis.ConnectionString, migrate: false);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis.ConnectionString,
            TopologyTests.OriginMode(origin.Client.BaseAddress!, new() { ["Qa:Coherence:MaxStalenessWhileDisconnected"] = "00:00:01" }), migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "before");
        Assert.Equal("before", (await HttpAssert.PageAsync(edge.Client, $"/api/v1/products/{p}/questions")).Questions[0].Body);

        await redis.StopAsync();
        await fixture.Catalog.ScalarAsync<long>("UPDATE questions SET body = 'changed while deaf' WHERE id = $1 RETURNING id", q);

        // The edge cannot hear the change, but it serves nothing older than the bound without asking the origin.
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(edge.Client, $"/api/v1/products/{p}/questions")).Questions[0].Body == "changed while deaf",
            "the bounded staleness brings the change", TimeSpan.FromSeconds(5));

        await redis.RestartAsync();
        await Eventually.TrueAsync(async () =>
        {
            using var ready = await edge.Client.GetAsync("/readyz");
            return ready.StatusCode == HttpStatusCode.OK;
        }, "the edge reconnects", TimeSpan.FromSeconds(10));
        await fixture.Catalog.ScalarAsync<long>("UPDATE questions SET body = 'changed after' WHERE id = $1 RETURNING id", q);
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(edge.Client, $"/api/v1/products/{p}/questions")).Questions[0].Body == "changed after",
            "invalidations flow again");
    }
}
