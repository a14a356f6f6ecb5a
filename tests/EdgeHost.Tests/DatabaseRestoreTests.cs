using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// The database restored to an earlier point while nodes run: versions go back, and coherence must hold. Its own
/// database on the fixture's server, and its own Redis.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class DatabaseRestoreTests(EdgeFixture fixture)
{
    // Entries that outlive the test: only an invalidation (here, the reset) can make a node read past them.
    private static readonly Dictionary<string, string?> LongLived = new() { ["Qa:Cache:QuestionPages"] = "00:10:00" };

    [Fact]
    public async Task RestoreToAnEarlierPoint_ResetsEveryNode_AndLaterWritesAreSeenThoughTheirVersionsAreLower()
    {
        var database = await fixture.Postgres.CreateDatabaseAsync();
        await using var redis = await RedisServer.StartOwnedAsync();
        await using var node = await EdgeHostInstance.StartAsync(database, redis.ConnectionString, LongLived);
        await using var data = NpgsqlDataSource.Create(database);
        var catalog = new TestCatalog(data);
        var p = await catalog.ProductAsync();
        var q = await catalog.QuestionAsync(p, "what was it like before?", helpful: 1);
        var page = $"/api/v1/products/{p}/questions";
        Assert.Equal(1, Helpful(await HttpAssert.PageAsync(node.Client, page)));

        var dump = await fixture.Postgres.DumpAsync(database);
        for (var i = 0; i < 2; i++)
        {
            using var vote = await node.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        Assert.Equal(3, Helpful(await HttpAssert.PageAsync(node.Client, page)));

        // Back to the dump: one vote fewer... two. The node's entry (helpful 3) is of a database that no longer exists.
        await fixture.Postgres.RestoreAsync(database, dump);
        data.Clear();
        await Eventually.TrueAsync(async () => Helpful(await HttpAssert.PageAsync(node.Client, page)) == 1,
            "the node serves the restored data", TimeSpan.FromSeconds(20));

        // A write now gets a version below ones the node had seen before the restore; it must still be seen, here and
        // by a node that starts later and finds the product's entries and mark in Redis.
        using (var vote = await node.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        Assert.Equal(2, Helpful(await HttpAssert.PageAsync(node.Client, page)));
        await using var later = await EdgeHostInstance.StartAsync(database, redis.ConnectionString, LongLived, migrate: false);
        Assert.Equal(2, Helpful(await HttpAssert.PageAsync(later.Client, page)));

        // And it is cached again: versions from before the restore no longer judge the new ones (in memory, or as the
        // product's mark in Redis, which would otherwise supersede every new entry).
        using (var again = await node.Client.GetAsync(page))
        {
            Assert.Equal((2, "HIT-L1"), (Helpful(await HttpAssert.OkAsync(again, QaWireFormat.Json.ProductQuestionsPage)), HttpAssert.CacheOutcome(again)));
        }

        await using var third = await EdgeHostInstance.StartAsync(database, redis.ConnectionString, LongLived, migrate: false);
        using (var shared = await third.Client.GetAsync(page))
        {
            Assert.Equal((2, "HIT-L2"), (Helpful(await HttpAssert.OkAsync(shared, QaWireFormat.Json.ProductQuestionsPage)), HttpAssert.CacheOutcome(shared)));
        }

        Assert.Contains("kind=\"reset\"", await node.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);
    }

    private static int Helpful(ProductQuestionsPage page) => page.Questions.Single().Helpful;
}
