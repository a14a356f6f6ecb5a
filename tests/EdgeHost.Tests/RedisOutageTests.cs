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

        // Still serving: Redis degrades the node, it does not take it out of a load balancer.
        using (var ready = await edge.Client.GetAsync("/readyz"))
        {
            var body = await ready.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("\"status\":\"degraded\"", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"redis\":\"ok\"", body, StringComparison.Ordinal); // unavailable, or circuit-open
            Assert.Contains("\"postgres\":\"ok\"", body, StringComparison.Ordinal);
        }

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
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // degraded, still serving
            Assert.Contains("\"redis\":\"circuit-open\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await Eventually.TrueAsync(async () =>
        {
            using var ready = await edge.Client.GetAsync("/readyz");
            return (await ready.Content.ReadAsStringAsync()).Contains("\"status\":\"ready\"", StringComparison.Ordinal);
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
            return (await ready.Content.ReadAsStringAsync()).Contains("\"redis\":\"ok\"", StringComparison.Ordinal);
        }, "the edge reconnects", TimeSpan.FromSeconds(10));
        await fixture.Catalog.ScalarAsync<long>("UPDATE questions SET body = 'changed after' WHERE id = $1 RETURNING id", q);
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(edge.Client, $"/api/v1/products/{p}/questions")).Questions[0].Body == "changed after",
            "invalidations flow again");
    }

    [Fact]
    public async Task ANodeThatCouldNotAnnounceAWrite_HasEveryNodeFlush_WhenItRegainsRedis()
    {
        await using var redis = await RedisServer.StartOwnedAsync();
        await using var relay = TcpRelay.Start(int.Parse(redis.ConnectionString.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
        // Changes travel only through Redis here: neither node listens to PostgreSQL.
        var onlyRedis = new Dictionary<string, string?> { ["Qa:Coherence:ListenToDatabase"] = "false" };
        await using var a = await EdgeHostInstance.StartAsync(fixture.Database, $"127.0.0.1:{relay.Port}", onlyRedis, migrate: false);
        await using var b = await EdgeHostInstance.StartAsync(fixture.Database, redis.ConnectionString, onlyRedis, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "first");
        Assert.Equal(1, (await HttpAssert.PageAsync(b.Client, $"/api/v1/products/{p}/questions")).TotalQuestions);

        relay.Cut(); // a's path to Redis fails; b's does not
        await Eventually.TrueAsync(async () =>
        {
            using var ready = await a.Client.GetAsync("/readyz");
            return !(await ready.Content.ReadAsStringAsync()).Contains("\"redis\":\"ok\"", StringComparison.Ordinal);
        }, "a notices it lost Redis");
        using (var asked = await a.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("second", "jim", "jim@example.com"), QaWireFormat.Json.NewQuestion))
        {
            Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        }

        Assert.Equal(1, (await HttpAssert.PageAsync(b.Client, $"/api/v1/products/{p}/questions")).TotalQuestions); // b never heard

        relay.Restore();
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(b.Client, $"/api/v1/products/{p}/questions")).TotalQuestions == 2,
            "a's flush reaches b once a is back", TimeSpan.FromSeconds(20));
    }
}
