using Shazamazon.QA.Bulk.Seeding;
using StackExchange.Redis;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// Two deployments over two databases sharing one Redis, each under its own <c>Qa:Cache:RedisPrefix</c>: a node is
/// served the entries of its own deployment's nodes from Redis, never the other's (same product ids, other data).
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class RedisPrefixTests(EdgeFixture fixture)
{
    private const string Page = "/api/v1/products/1/questions?count=5";

    [Fact]
    public async Task TwoDeploymentsOnOneRedis_UnderTheirOwnPrefixes_AreServedTheirOwnEntriesOnly()
    {
        var prefix = "shop-" + Guid.NewGuid().ToString("N")[..8]; // apart from other runs on a shared Redis
        var (first, second) = (await fixture.Postgres.CreateDatabaseAsync(), await fixture.Postgres.CreateDatabaseAsync());
        await using var shopA = await StartAsync(first, prefix + "-a");
        await using var shopB = await StartAsync(second, prefix + "-b");
        await EdgeFixture.SeedAsync(first, new SeedOptions { Products = 3, Seed = 1 });
        await EdgeFixture.SeedAsync(second, new SeedOptions { Products = 3, Seed = 2 });

        var filled = await shopA.Client.GetAsync(Page);
        Assert.Equal("MISS", Outcome(filled));
        await using var otherNodeOfA = await StartAsync(first, prefix + "-a");
        var shared = await otherNodeOfA.Client.GetAsync(Page);
        var ofB = await shopB.Client.GetAsync(Page);

        Assert.Equal(("HIT-L2", await filled.Content.ReadAsStringAsync()), (Outcome(shared), await shared.Content.ReadAsStringAsync()));
        Assert.Equal("MISS", Outcome(ofB));
        Assert.NotEqual(await filled.Content.ReadAsStringAsync(), await ofB.Content.ReadAsStringAsync());

        await using var redis = await ConnectionMultiplexer.ConnectAsync(fixture.Redis.ConnectionString);
        var server = redis.GetServers().Single(s => !s.IsReplica);
        Assert.NotEmpty(await server.KeysAsync(pattern: $"{prefix}-a:qa:v2:{{p1}}:*").ToListAsync());
        var channels = (RedisResult[])(await server.ExecuteAsync("PUBSUB", "SHARDCHANNELS", prefix + "-*"))!;
        Assert.Equal([$"{prefix}-a:qa:v2:changes", $"{prefix}-b:qa:v2:changes"], channels.Select(c => (string)c!).Order(StringComparer.Ordinal));
    }

    private Task<EdgeHostInstance> StartAsync(string database, string prefix) =>
        EdgeHostInstance.StartAsync(database, fixture.Redis.ConnectionString, new Dictionary<string, string?> { ["Qa:Cache:RedisPrefix"] = prefix });

    private static string? Outcome(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Cache", out var values) ? values.Single() : null;
}
