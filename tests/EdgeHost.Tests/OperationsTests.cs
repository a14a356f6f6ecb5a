using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shazamazon.QA.Core.Data.Migrations;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>What ops rely on: TTLs from a reloaded file, /metrics, the admin endpoints, and protection.</summary>
[Collection(EdgeCollection.Name)]
public sealed class OperationsTests(EdgeFixture fixture)
{
    private const string Key = "a-long-enough-admin-key-0123456789";

    [Fact]
    public async Task Readiness_OnASchemaBehindTheBuildsMigrations_SaysMigrationsPending_UntilMigrated()
    {
        var database = await fixture.Postgres.CreateDatabaseAsync();
        await using var edge = await EdgeHostInstance.StartAsync(database, redis: null, migrate: false);

        using (var ready = await edge.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            Assert.Contains("\"postgres\":\"migrations-pending\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await edge.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();

        using (var ready = await edge.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Contains("\"postgres\":\"ok\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CacheTtl_ChangedInTheSettingsFile_ChangesSharedMaxAgeWithoutRestart()
    {
        var file = Path.Combine(Path.GetTempPath(), $"qaedge-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, """{ "Qa": { "Cache": { "QuestionPages": "00:01:00" } } }""");
        try
        {
            await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, migrate: false,
                configure: configuration => configuration.AddJsonFile(file, optional: false, reloadOnChange: true));
            var p = await fixture.Catalog.ProductAsync();
            await fixture.Catalog.QuestionAsync(p, "listed, so the page is not an empty (negative) answer");
            Assert.Equal(TimeSpan.FromMinutes(1), (await edge.Client.GetAsync($"/api/v1/products/{p}/questions")).Headers.CacheControl?.SharedMaxAge);

            await File.WriteAllTextAsync(file, """{ "Qa": { "Cache": { "QuestionPages": "00:00:07" } } }""");
            await Eventually.TrueAsync(async () =>
                (await edge.Client.GetAsync($"/api/v1/products/{p}/questions?count=3")).Headers.CacheControl?.SharedMaxAge == TimeSpan.FromSeconds(7),
                "new responses carry the new TTL", TimeSpan.FromSeconds(10));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Metrics_ExposeTheDocumentedNames()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "metrics?");
        await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        await edge.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);

        string text = string.Empty;
        await Eventually.TrueAsync(async () =>
        {
            text = await edge.Client.GetStringAsync("/metrics");
            return text.Contains("qa_cache_requests_total", StringComparison.Ordinal);
        }, "/metrics shows the cache counters");
        foreach (var name in new[]
        {
            "qa_cache_requests_total{", "outcome=\"hit-l1\"", "outcome=\"miss\"", "qa_cache_fills_total{", "source=\"database\"",
            "qa_cache_fill_duration_seconds_bucket{", "qa_cache_l1_entries", "qa_cache_l1_size_bytes", "qa_cache_redis_circuit_open", "qa_cache_l2_superseded_total",
            "qa_coherence_connected", "qa_coherence_invalidations_total{", "direction=\"sent\"", "http_server_request_duration_seconds_bucket{",
        })
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Admin_IsOffWithoutAKey_AndRefusesAWrongKey()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Edge.Client.GetAsync("/admin/cache")).StatusCode);

        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?> { ["Qa:Admin:ApiKey"] = Key }, migrate: false);
        await HttpAssert.ProblemAsync(await edge.Client.GetAsync("/admin/cache"), HttpStatusCode.Unauthorized);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/admin/purge");
        wrong.Headers.Add("X-Api-Key", Key + "x");
        await HttpAssert.ProblemAsync(await edge.Client.SendAsync(wrong), HttpStatusCode.Unauthorized);

        using var right = new HttpRequestMessage(HttpMethod.Get, "/admin/cache");
        right.Headers.Add("X-Api-Key", Key);
        using var stats = await edge.Client.SendAsync(right);
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Contains("\"l1Entries\"", await stats.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", stats.Headers.CacheControl?.ToString());
    }

    [Fact]
    public void Admin_KeyTooShort_RefusesToStart()
    {
        var error = Assert.ThrowsAny<Exception>(() => EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Admin:ApiKey"] = "short" }, migrate: false).GetAwaiter().GetResult());
        Assert.Contains("Qa:Admin:ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminPurge_OfAProduct_ReachesEveryNode()
    {
        var settings = new Dictionary<string, string?> { ["Qa:Admin:ApiKey"] = Key };
        await using var a = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, settings, migrate: false);
        await using var b = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, settings, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        foreach (var node in new[] { a, b })
        {
            await node.Client.GetAsync($"/api/v1/products/{p}/questions");
            Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await node.Client.GetAsync($"/api/v1/products/{p}/questions")));
        }

        using var purge = new HttpRequestMessage(HttpMethod.Post, $"/admin/products/{p}/purge");
        purge.Headers.Add("X-Api-Key", Key);
        Assert.Equal(HttpStatusCode.NoContent, (await a.Client.SendAsync(purge)).StatusCode);

        Assert.Equal("MISS", HttpAssert.CacheOutcome(await a.Client.GetAsync($"/api/v1/products/{p}/questions")));
        await Eventually.TrueAsync(async () => HttpAssert.CacheOutcome(await b.Client.GetAsync($"/api/v1/products/{p}/questions?count=5")) != "HIT-L1"
            || false, "the other node dropped the product");
    }

    [Fact]
    public async Task Writes_BeyondTheLimit_Are429WithRetryAfter_ReadsAreNotLimited_AndSpoofedForwardingDoesNotHelp()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Protection:WritesPerMinute"] = "3" }, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "limited", helpful: 0);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await edge.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote)).StatusCode);
        }

        using var spoofed = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/questions/{q}/votes") { Content = JsonContent.Create(new Vote("up"), QaWireFormat.Json.Vote) };
        spoofed.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var limited = await edge.Client.SendAsync(spoofed);
        await HttpAssert.ProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.NotNull(limited.Headers.RetryAfter);
        Assert.Equal(3, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync($"/api/v1/products/{p}/questions")).StatusCode);
        }
    }

    [Fact]
    public async Task BehindAProxyTrustedByNetwork_EachForwardedClientHasItsOwnLimit_AndAnIPv6ClientIsItsSlash64()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Protection:WritesPerMinute"] = "2",
            ["Qa:Protection:KnownProxies:0"] = "127.0.0.0/8",
        }, migrate: false);
        var q = await fixture.Catalog.QuestionAsync(await fixture.Catalog.ProductAsync(), "who is the client?");

        async Task<HttpStatusCode> VoteAsFor(string client)
        {
            using var vote = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/questions/{q}/votes") { Content = JsonContent.Create(new Vote("up"), QaWireFormat.Json.Vote) };
            vote.Headers.Add("X-Forwarded-For", client);
            using var answer = await edge.Client.SendAsync(vote);
            return answer.StatusCode;
        }

        // Two clients behind the same proxy: each has its own two writes.
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests],
            [await VoteAsFor("203.0.113.7"), await VoteAsFor("203.0.113.7"), await VoteAsFor("203.0.113.7")]);
        Assert.Equal(HttpStatusCode.NoContent, await VoteAsFor("198.51.100.4"));

        // An IPv6 client that takes a new address in its /64 for every request is still one client.
        Assert.Equal([HttpStatusCode.NoContent, HttpStatusCode.NoContent, HttpStatusCode.TooManyRequests],
            [await VoteAsFor("2001:db8:5:6::1"), await VoteAsFor("2001:db8:5:6:aaaa::2"), await VoteAsFor("2001:db8:5:6:ffff:1:2:3")]);
        Assert.Equal(HttpStatusCode.NoContent, await VoteAsFor("2001:db8:5:7::1"));
    }

    [Fact]
    public async Task Limits_OverlongUrlsAndMalformedHeaders_AreRejected_AndSecurityHeadersAreSent()
    {
        using var longUrl = await fixture.Edge.Client.GetAsync($"/api/v1/products/1/questions?x={new string('a', 8000)}");
        Assert.Equal(HttpStatusCode.RequestUriTooLong, longUrl.StatusCode);

        // A header with a control character inside its value (a header injection attempt): Kestrel refuses the request.
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", fixture.Edge.Client.BaseAddress!.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("GET /api/v1/products/1/questions HTTP/1.1\r\nHost: x\r\nX-Evil: a\u0000Set-Cookie: y\r\n\r\n"));
        var buffer = new byte[512];
        var read = await stream.ReadAsync(buffer);
        Assert.StartsWith("HTTP/1.1 400", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);

        using var ok = await fixture.Edge.Client.GetAsync("/healthz");
        Assert.Equal("nosniff", string.Join(",", ok.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", string.Join(",", ok.Headers.GetValues("X-Frame-Options")));
    }
}
