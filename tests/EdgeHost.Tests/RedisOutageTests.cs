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
}
