using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>The two cache levels as clients see them: X-Cache, ETag/304, negative caching, L2 shared between nodes.</summary>
[Collection(EdgeCollection.Name)]
public sealed class CacheBehaviourTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task SecondRead_IsHitL1_AndUnknownParametersShareTheEntry()
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "q");
        using var first = await Client.GetAsync($"/api/v1/products/{p}/questions?count=3");
        using var second = await Client.GetAsync($"/api/v1/products/{p}/questions?count=3&utm_source=mail&x=1");
        Assert.Equal("MISS", HttpAssert.CacheOutcome(first));
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(second));
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IfNoneMatch_WithCurrentTag_Is304WithoutBody_AndWithOldTag200()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        using var first = await Client.GetAsync($"/api/v1/products/{p}/questions");
        var eTag = first.Headers.ETag!;

        foreach (var header in new[] { eTag.ToString(), $"\"zzz\", {eTag}", eTag.Tag, "*" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{p}/questions");
            request.Headers.TryAddWithoutValidation("If-None-Match", header);
            using var response = await Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
            Assert.Empty(await response.Content.ReadAsByteArrayAsync());
            Assert.Equal(eTag, response.Headers.ETag);
        }

        await Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        using var changed = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{p}/questions");
        changed.Headers.IfNoneMatch.Add(eTag);
        using var after = await Client.SendAsync(changed);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(eTag, after.Headers.ETag);
    }

    [Fact]
    public async Task NotFound_IsCached_SoItIsServedWithoutTheDatabase()
    {
        var id = await fixture.Catalog.ScalarAsync<long>("SELECT 9000000000 + (random() * 1000000)::bigint");
        using var first = await Client.GetAsync($"/api/v1/products/{id}/questions/count");
        Assert.Equal((HttpStatusCode.NotFound, "MISS"), (first.StatusCode, HttpAssert.CacheOutcome(first)));
        Assert.Equal("public, max-age=0, s-maxage=10", first.Headers.CacheControl?.ToString());

        // The product now exists in PostgreSQL, but the cached 404 still answers until its own TTL ends.
        await fixture.Catalog.ScalarAsync<int>("INSERT INTO products (id, name, category) VALUES ($1, 'late', 'x') RETURNING 1", id);
        using var second = await Client.GetAsync($"/api/v1/products/{id}/questions/count");
        Assert.Equal((HttpStatusCode.NotFound, "HIT-L1"), (second.StatusCode, HttpAssert.CacheOutcome(second)));
    }

    [Fact]
    public async Task NotFound_ExpiresAfterItsOwnShortTtl()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Cache:NotFound"] = "00:00:00.500" });
        var id = await fixture.Catalog.ScalarAsync<long>("SELECT 9100000000 + (random() * 1000000)::bigint");
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Client.GetAsync($"/api/v1/products/{id}/questions")).StatusCode);
        await fixture.Catalog.ScalarAsync<int>("INSERT INTO products (id, name, category) VALUES ($1, 'late', 'x') RETURNING 1", id);
        await Task.Delay(700);

        // Past its TTL the 404 is served once more while one refresh runs (stale-while-revalidate), then the product shows.
        using var stale = await edge.Client.GetAsync($"/api/v1/products/{id}/questions");
        Assert.Equal((HttpStatusCode.NotFound, "STALE"), (stale.StatusCode, HttpAssert.CacheOutcome(stale)));
        Assert.Equal("revalidating", string.Join(",", stale.Headers.GetValues("X-Cache-Stale")));
        await Eventually.TrueAsync(async () => (await edge.Client.GetAsync($"/api/v1/products/{id}/questions")).StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task NotFound_PastItsStaleWindow_IsGone_NeverServedFailSafe()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Cache:NotFound"] = "00:00:00.300",
            ["Qa:Cache:StaleWhileRevalidate"] = "00:00:00.300",
        });
        var id = await fixture.Catalog.ScalarAsync<long>("SELECT 9200000000 + (random() * 1000000)::bigint");
        Assert.Equal(HttpStatusCode.NotFound, (await edge.Client.GetAsync($"/api/v1/products/{id}/questions")).StatusCode);
        await fixture.Catalog.ScalarAsync<int>("INSERT INTO products (id, name, category) VALUES ($1, 'late', 'x') RETURNING 1", id);
        await Task.Delay(800);

        using var after = await edge.Client.GetAsync($"/api/v1/products/{id}/questions");
        Assert.Equal((HttpStatusCode.OK, "MISS"), (after.StatusCode, HttpAssert.CacheOutcome(after)));
    }

    [Fact]
    public async Task SecondNode_SharingRedis_ServesFromL2_WithoutTouchingPostgres()
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "shared through Redis");
        using var warm = await Client.GetAsync($"/api/v1/products/{p}/questions");
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        // This node cannot reach any database: whatever it answers came from Redis.
        await using var other = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, fixture.Redis.ConnectionString, migrate: false);
        using var fromL2 = await other.Client.GetAsync($"/api/v1/products/{p}/questions");
        Assert.Equal((HttpStatusCode.OK, "HIT-L2"), (fromL2.StatusCode, HttpAssert.CacheOutcome(fromL2)));
        Assert.Equal(await warm.Content.ReadAsStringAsync(), await fromL2.Content.ReadAsStringAsync());
        Assert.Equal(warm.Headers.ETag, fromL2.Headers.ETag);

        using var fromL1 = await other.Client.GetAsync($"/api/v1/products/{p}/questions");
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(fromL1));
    }

    [Fact]
    public async Task Write_SupersedesTheProductsL2Entries_SoAnotherNodeReadsNewData()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "vote on me", helpful: 1);
        await Client.GetAsync($"/api/v1/products/{p}/questions");
        await Client.GetAsync($"/api/v1/products/{p}/questions?sort=newest");

        using var vote = await Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);

        await using var other = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, migrate: false);
        foreach (var sort in new[] { "helpful", "newest" })
        {
            using var response = await other.Client.GetAsync($"/api/v1/products/{p}/questions?sort={sort}");
            Assert.Equal("MISS", HttpAssert.CacheOutcome(response));
            Assert.Equal(2, (await HttpAssert.OkAsync(response, QaWireFormat.Json.ProductQuestionsPage)).Questions[0].Helpful);
        }
    }

    [Fact]
    public async Task Write_OnAProductWithManyL2Entries_RaisesOneMark_AndDeletesNothing()
    {
        await using var redis = await RedisServer.StartOwnedAsync();
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis.ConnectionString, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "flooded", helpful: 1);
        var paths = (from sort in new[] { "helpful", "newest" } from count in Enumerable.Range(1, 100)
                     select $"/api/v1/products/{p}/questions?count={count}&sort={sort}").ToList();
        foreach (var path in paths)
        {
            using var fill = await edge.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, fill.StatusCode);
        }

        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.ConnectionString + ",allowAdmin=true");
        var server = connection.GetServers().Single();
        var keysBefore = await server.DatabaseSizeAsync();
        var before = await CommandCountsAsync(server);

        using (var vote = await edge.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        var after = await CommandCountsAsync(server);
        // Commands a script runs count too: one call of the mark script is the script, a GET and a SET of the mark.
        var issued = after.Where(c => c.Value > before.GetValueOrDefault(c.Key) && c.Key is not ("info" or "spublish" or "ping") && !c.Key.StartsWith("script", StringComparison.Ordinal))
            .ToDictionary(c => c.Key, c => c.Value - before.GetValueOrDefault(c.Key));
        var described = string.Join(", ", issued.OrderBy(c => c.Key).Select(c => $"{c.Key} x{c.Value}"));
        Assert.True(issued.Values.Sum() <= 3 && issued.Keys.All(k => k is "evalsha" or "eval" or "get" or "set"),
            $"The write issued {described} for a product with {paths.Count} entries; expected the mark script alone (a GET and a SET).");
        Assert.True(await server.DatabaseSizeAsync() >= keysBefore, "The write deleted L2 entries.");

        // Every one of the 200 entries is superseded for a node that never heard of the write.
        await using var fresh = await EdgeHostInstance.StartAsync(fixture.Database, redis.ConnectionString, migrate: false);
        foreach (var path in paths.Where((_, i) => i % 20 == 0))
        {
            using var read = await fresh.Client.GetAsync(path);
            Assert.Equal("MISS", HttpAssert.CacheOutcome(read));
        }

        static async Task<Dictionary<string, long>> CommandCountsAsync(StackExchange.Redis.IServer server) =>
            (await server.InfoAsync("commandstats")).SelectMany(g => g)
                .ToDictionary(kv => kv.Key.Replace("cmdstat_", "", StringComparison.Ordinal),
                    kv => long.Parse(kv.Value.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task L1Only_WithoutRedis_ServesAndCaches()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        Assert.Equal("MISS", HttpAssert.CacheOutcome(await edge.Client.GetAsync($"/api/v1/products/{p}/questions")));
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await edge.Client.GetAsync($"/api/v1/products/{p}/questions")));
        using var ready = await edge.Client.GetAsync("/readyz");
        Assert.DoesNotContain("redis", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DatabaseUnreachable_UncachedRead_Is503ProblemWithoutInternals()
    {
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, migrate: false);
        using var response = await edge.Client.GetAsync("/api/v1/products/12345/questions");
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        var text = problem.ToString();
        Assert.DoesNotContain("127.0.0.1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Npgsql", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT", text, StringComparison.Ordinal);
        Assert.NotNull(response.Headers.RetryAfter);
    }
}
