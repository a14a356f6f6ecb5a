using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// Nodes on a real Redis Cluster (three masters, one replica each) as L2 and invalidation channel: cluster-safe keys and
/// scripts, sharded pub/sub, and a master failover under reads and writes.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class RedisClusterTests(EdgeFixture fixture)
{
    // Entries that never expire during a test, a lost channel that never bounds them, and no PostgreSQL notifications:
    // only the Redis channel can make a node read a write it did not make.
    private static readonly Dictionary<string, string?> OnlyInvalidationRefreshes = new()
    {
        ["Qa:Coherence:ListenToDatabase"] = "false",
        ["Qa:Cache:QuestionPages"] = "00:10:00",
        ["Qa:Cache:AnswerPages"] = "00:10:00",
        ["Qa:Coherence:MaxStalenessWhileDisconnected"] = "00:10:00",
        ["Qa:Coherence:Heartbeat"] = "00:00:00.250",
    };

    [Fact]
    public async Task OnACluster_AWriteSupersedesL2ForANewNode_AndReachesEveryNodesL1()
    {
        await using var cluster = await RedisCluster.StartAsync();
        await using var a = await EdgeHostInstance.StartAsync(fixture.Database, cluster.ConnectionString, OnlyInvalidationRefreshes, migrate: false);
        await using var b = await EdgeHostInstance.StartAsync(fixture.Database, cluster.ConnectionString, OnlyInvalidationRefreshes, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "does it survive a shard?", helpful: 1);
        var answer = await fixture.Catalog.AnswerAsync(q, "ask the cluster", helpful: 1);
        foreach (var node in new[] { a, b })
        {
            Assert.Equal(1, (await HttpAssert.PageAsync(node.Client, $"/api/v1/products/{p}/questions")).Questions.Single().Helpful);
            Assert.Equal(1, (await AnswersAsync(node, q)).Answers.Single().Helpful);
        }

        using (var vote = await a.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        using (var vote = await a.Client.PostAsJsonAsync($"/api/v1/answers/{answer}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        // A node that never heard of the writes: the entries in Redis are superseded by their product's mark.
        await using (var fresh = await EdgeHostInstance.StartAsync(fixture.Database, cluster.ConnectionString, OnlyInvalidationRefreshes, migrate: false))
        {
            using var page = await fresh.Client.GetAsync($"/api/v1/products/{p}/questions");
            Assert.Equal("MISS", HttpAssert.CacheOutcome(page));
            Assert.Equal(2, (await HttpAssert.OkAsync(page, QaWireFormat.Json.ProductQuestionsPage)).Questions.Single().Helpful);
            Assert.Equal(2, (await AnswersAsync(fresh, q)).Answers.Single().Helpful);
        }

        // The node that heard them on the sharded channel.
        await Eventually.TrueAsync(async () =>
            (await HttpAssert.PageAsync(b.Client, $"/api/v1/products/{p}/questions")).Questions.Single().Helpful == 2
            && (await AnswersAsync(b, q)).Answers.Single().Helpful == 2, "node B reads both votes", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task MasterFailover_ReadsAndWritesNeverFail_AndInvalidationResumes()
    {
        await using var cluster = await RedisCluster.StartAsync();
        await using var a = await EdgeHostInstance.StartAsync(fixture.Database, cluster.ConnectionString, OnlyInvalidationRefreshes, migrate: false);
        await using var b = await EdgeHostInstance.StartAsync(fixture.Database, cluster.ConnectionString, OnlyInvalidationRefreshes, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "who serves the channel now?", helpful: 1);
        var path = $"/api/v1/products/{p}/questions";
        foreach (var node in new[] { a, b })
        {
            Assert.Equal(1, (await HttpAssert.PageAsync(node.Client, path)).Questions.Single().Helpful);
        }

        // The master holding the invalidation channel dies; both nodes keep reading through it, and one writes.
        var channelSlot = await cluster.SlotOfAsync("qa:v2:changes");
        using var stop = new CancellationTokenSource();
        var readers = new[] { a, b }.Select(node => ReadUntilAsync(node.Client, path, stop.Token)).ToArray();
        var formerMaster = await cluster.KillMasterOfAsync(channelSlot);
        using (var vote = await a.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        var failover = Stopwatch.StartNew();
        await cluster.WaitForFailoverAsync(channelSlot, formerMaster, TimeSpan.FromSeconds(30));
        failover.Stop();

        // The vote made during the failover reaches B (a message, or the flush owed for one that was lost) ...
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(b.Client, path)).Questions.Single().Helpful == 2,
            "node B reads the vote made during the failover", TimeSpan.FromSeconds(15));

        // ... and once the channel is back, a new write reaches B by its message.
        using (var vote = await a.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        }

        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(b.Client, path)).Questions.Single().Helpful == 3,
            "node B reads the vote made after the failover", TimeSpan.FromSeconds(10));

        await stop.CancelAsync();
        var failures = (await Task.WhenAll(readers)).Sum();
        Assert.True(failures == 0, $"{failures} reads failed through the failover (which took {failover.Elapsed.TotalSeconds:F1} s).");
    }

    private static async Task<QuestionAnswersPage> AnswersAsync(EdgeHostInstance node, long questionId) =>
        await HttpAssert.OkAsync(await node.Client.GetAsync($"/api/v1/questions/{questionId}/answers"), QaWireFormat.Json.QuestionAnswersPage);

    // Reads a cached page until stopped; the count of answers other than 200.
    private static async Task<int> ReadUntilAsync(HttpClient client, string path, CancellationToken stop)
    {
        var failures = 0;
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync(path, CancellationToken.None);
            failures += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
            await Task.Delay(20, CancellationToken.None);
        }

        return failures;
    }
}
