using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// A database node on a PostgreSQL primary with a streaming replica (<c>pg_basebackup -R</c>), reached through one
/// multi-host connection string: misses read the standby, a standby that lags never makes a node serve data older than
/// it knows, and either server may stop while reads go on. Its own servers: these tests stop them.
/// </summary>
public sealed class ReadReplicaTests : IAsyncLifetime
{
    private static readonly Dictionary<string, string?> Settings = new() { ["Qa:Cache:QuestionPages"] = "00:10:00" };
    private PostgresServer _primary = null!;
    private PostgresServer _replica = null!;
    private NpgsqlDataSource _data = null!;
    private TestCatalog _catalog = null!;
    private string _database = null!;

    public async Task InitializeAsync()
    {
        _primary = await PostgresServer.StartAsync();
        _database = await _primary.CreateDatabaseAsync();
        await using (await EdgeHostInstance.StartAsync(_database, redis: null))
        {
            // migrated by its start
        }

        _replica = await _primary.StartReplicaAsync();
        _data = NpgsqlDataSource.Create(_database);
        _catalog = new TestCatalog(_data);
    }

    public async Task DisposeAsync()
    {
        await _data.DisposeAsync();
        await _replica.DisposeAsync();
        await _primary.DisposeAsync();
    }

    [Fact]
    public async Task ALaggingStandby_NeverHidesAWriteTheNodeKnows_OrTheClientCarries()
    {
        var both = _primary.MultiHost(_database, _replica);
        await using var writer = await EdgeHostInstance.StartAsync(both, redis: null, Settings, migrate: false);
        await using var other = await EdgeHostInstance.StartAsync(both, redis: null,
            new Dictionary<string, string?>(Settings) { ["Qa:Coherence:ListenToDatabase"] = "false" }, migrate: false);
        var p = await _catalog.ProductAsync();
        var q = await _catalog.QuestionAsync(p, "is the standby behind?", helpful: 1);
        var page = $"/api/v1/products/{p}/questions";
        await Eventually.TrueAsync(async () => (await other.Client.GetAsync($"/api/v1/products/{p}/questions/count")).StatusCode == HttpStatusCode.OK,
            "the standby has the product");
        Assert.Equal(1, (await HttpAssert.PageAsync(writer.Client, page)).Questions.Single().Helpful);

        await _replica.ExecuteAsync("SELECT pg_wal_replay_pause()");
        using var vote = await writer.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        var token = vote.Headers.GetValues("X-Qa-Version").Single();

        // The writer knows the new version: the standby's older answer is read again from the primary (this read
        // carries no token).
        Assert.Equal(2, (await HttpAssert.PageAsync(writer.Client, page)).Questions.Single().Helpful);

        Assert.Contains("result=\"behind\"", await writer.Client.GetStringAsync("/metrics"), StringComparison.Ordinal);

        // A node that never heard of it reads the standby (misses do), and is behind ...
        Assert.Equal(1, (await HttpAssert.PageAsync(other.Client, $"{page}?sort=newest")).Questions.Single().Helpful);

        // ... unless the client carries its write's token.
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{page}?sort=newest");
        request.Headers.Add("X-Qa-Min-Version", token);
        Assert.Equal(2, (await HttpAssert.OkAsync(await other.Client.SendAsync(request), QaWireFormat.Json.ProductQuestionsPage)).Questions.Single().Helpful);
        Assert.Matches("qa_database_primary_rereads_total\\{[^}]*\\} [1-9]", await other.Client.GetStringAsync("/metrics"));
        await _replica.ExecuteAsync("SELECT pg_wal_replay_resume()");
    }

    [Fact]
    public async Task StandbyStopped_MissesGoToThePrimary_PrimaryStopped_MissesGoToTheStandby_AndWritesAre503()
    {
        var both = _primary.MultiHost(_database, _replica);
        await using var node = await EdgeHostInstance.StartAsync(both, redis: null, Settings, migrate: false);
        var products = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            products.Add(await _catalog.ProductAsync());
        }

        var q = await _catalog.QuestionAsync(products[0], "still there?");
        await Eventually.TrueAsync(async () => (await node.Client.GetAsync($"/api/v1/products/{products[2]}/questions")).StatusCode == HttpStatusCode.OK,
            "the standby has the products");
        Assert.Contains("\"postgres-primary\":\"ok\"", await ReadyAsync(node, HttpStatusCode.OK), StringComparison.Ordinal);

        await _replica.StopAsync();
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync($"/api/v1/products/{products[0]}/questions/count")).StatusCode);
        await _replica.StartProcessAsync();
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // Npgsql looks at the standby again (Host Recheck Seconds=1)

        await _primary.StopAsync();
        try
        {
            using (var miss = await node.Client.GetAsync($"/api/v1/products/{products[1]}/questions/count"))
            {
                Assert.True(miss.StatusCode == HttpStatusCode.OK, $"{(int)miss.StatusCode}: {await miss.Content.ReadAsStringAsync()}");
                Assert.Equal("MISS", HttpAssert.CacheOutcome(miss));
            }

            using (var vote = await node.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
            {
                await HttpAssert.ProblemAsync(vote, HttpStatusCode.ServiceUnavailable);
            }

            // Still serving: the primary down degrades the node; it stays in its load balancer.
            var ready = await ReadyAsync(node, HttpStatusCode.OK);
            Assert.Contains("\"postgres\":\"ok\"", ready, StringComparison.Ordinal);
            Assert.Contains("\"postgres-primary\":\"unavailable\"", ready, StringComparison.Ordinal);
            Assert.Contains("\"status\":\"degraded\"", ready, StringComparison.Ordinal);
        }
        finally
        {
            await _primary.StartProcessAsync();
        }

        _data.Clear(); // the test's own pooled connections died with the primary
        Assert.Equal(0, await _catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q)); // the refused vote left nothing
    }

    private static async Task<string> ReadyAsync(EdgeHostInstance node, HttpStatusCode expected)
    {
        using var ready = await node.Client.GetAsync("/readyz");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.True(ready.StatusCode == expected, $"/readyz answered {(int)ready.StatusCode}: {body}");
        return body;
    }
}
