using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Serving through failures: stampedes, stale-while-revalidate, fail-safe for a slow, failing or stopped source.</summary>
[Collection(EdgeCollection.Name)]
public sealed class FailureServingTests(EdgeFixture fixture)
{
    // Fresh for 1 s, then refreshed synchronously with a 300 ms budget; stale answers allowed for an hour.
    private static readonly Dictionary<string, string?> ShortLived = new()
    {
        ["Qa:Cache:QuestionPages"] = "00:00:01",
        ["Qa:Cache:StaleWhileRevalidate"] = "00:00:00",
        ["Qa:Cache:FailSafeMaxStaleness"] = "01:00:00",
        ["Qa:Cache:FillTimeout"] = "00:00:00.300",
    };

    [Fact]
    public async Task ConcurrentMisses_OfOneKey_CauseOneOriginRequest()
    {
        await using var origin = await FakeService.StartAsync();
        origin.Handler = FakeService.PageFrom(productId: 77, version: 1);
        origin.Delay = TimeSpan.FromMilliseconds(300);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(origin.Address), migrate: false);

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => edge.Client.GetAsync("/api/v1/products/77/questions")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, origin.Hits("/api/v1/products/77/questions?page=1&count=5&sort=helpful"));
    }

    [Fact]
    public async Task ConcurrentMisses_OfOneKey_CauseOneDatabaseFill()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var fills = 0;
        using var listener = new MeterListener();
        var meters = edge.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "qa.cache.fills" && ReferenceEquals(instrument.Meter.Scope, meters))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref fills, (int)value));
        listener.Start();

        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => edge.Client.GetAsync($"/api/v1/products/{p}/questions")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, fills);
    }

    [Fact]
    public async Task PastTtl_WithinStaleWhileRevalidate_ServesAtOnceAndRefreshesInTheBackground()
    {
        await using var origin = await FakeService.StartAsync();
        origin.Handler = FakeService.PageFrom(productId: 78, version: 1);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(origin.Address, new()
        {
            ["Qa:Cache:QuestionPages"] = "00:00:01",
            ["Qa:Cache:StaleWhileRevalidate"] = "00:01:00",
        }), migrate: false);
        const string Origin = "/api/v1/products/78/questions?page=1&count=5&sort=helpful";
        Assert.Equal("MISS", HttpAssert.CacheOutcome(await edge.Client.GetAsync("/api/v1/products/78/questions")));
        await Task.Delay(1100);

        origin.Handler = FakeService.PageFrom(productId: 78, version: 2, total: 9);
        using var stale = await edge.Client.GetAsync("/api/v1/products/78/questions");
        Assert.Equal(("STALE", "revalidating"), (HttpAssert.CacheOutcome(stale), string.Join(",", stale.Headers.GetValues("X-Cache-Stale"))));
        Assert.Equal(1, (await stale.Content.ReadFromJsonAsync(QaWireFormat.Json.ProductQuestionsPage))!.TotalQuestions);
        Assert.True(stale.Headers.Age >= TimeSpan.FromSeconds(1));

        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(edge.Client, "/api/v1/products/78/questions")).TotalQuestions == 9, "the background refresh");
        Assert.Equal(2, origin.Hits(Origin));
    }

    [Fact]
    public async Task SlowOrigin_PastTheFillBudget_ServesStaleAndStillRefreshes()
    {
        await using var origin = await FakeService.StartAsync();
        origin.Handler = FakeService.PageFrom(productId: 79, version: 1);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(origin.Address, ShortLived), migrate: false);
        await edge.Client.GetAsync("/api/v1/products/79/questions");
        await Task.Delay(1100);

        origin.Delay = TimeSpan.FromSeconds(2);
        origin.Handler = FakeService.PageFrom(productId: 79, version: 2, total: 5);
        using var stale = await edge.Client.GetAsync("/api/v1/products/79/questions");
        Assert.Equal(("STALE", "source-slow"), (HttpAssert.CacheOutcome(stale), string.Join(",", stale.Headers.GetValues("X-Cache-Stale"))));
        Assert.Equal(1, (await stale.Content.ReadFromJsonAsync(QaWireFormat.Json.ProductQuestionsPage))!.TotalQuestions);

        origin.Delay = TimeSpan.Zero;
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(edge.Client, "/api/v1/products/79/questions")).TotalQuestions == 5, "the slow refresh lands");
    }

    [Fact]
    public async Task OriginAnswering500_CachedIsServedStale_UncachedIs502WithoutInternals()
    {
        await using var origin = await FakeService.StartAsync();
        origin.Handler = FakeService.PageFrom(productId: 80, version: 1);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(origin.Address, ShortLived), migrate: false);
        await edge.Client.GetAsync("/api/v1/products/80/questions");
        await Task.Delay(1100);

        origin.Handler = context =>
        {
            context.Response.StatusCode = 500;
            return context.Response.WriteAsync("System.InvalidOperationException at Secret.Internal.Method");
        };
        using var stale = await edge.Client.GetAsync("/api/v1/products/80/questions");
        Assert.Equal((HttpStatusCode.OK, "STALE", "source-unavailable"),
            (stale.StatusCode, HttpAssert.CacheOutcome(stale), string.Join(",", stale.Headers.GetValues("X-Cache-Stale"))));

        using var uncached = await edge.Client.GetAsync("/api/v1/products/81/questions");
        var problem = await HttpAssert.ProblemAsync(uncached, HttpStatusCode.BadGateway);
        Assert.DoesNotContain("Secret", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OriginStopped_CachedReadsAnswer_UncachedIs502_WritesAre502()
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "q");
        var originHost = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, migrate: false);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, TopologyTests.OriginMode(originHost.Client.BaseAddress!, ShortLived), migrate: false);
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync($"/api/v1/products/{p}/questions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync($"/api/v1/products/{p}/questions/count")).StatusCode);

        await originHost.DisposeAsync();

        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await edge.Client.GetAsync($"/api/v1/products/{p}/questions/count")));
        await Task.Delay(1100);
        using var stale = await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        Assert.Equal((HttpStatusCode.OK, "STALE"), (stale.StatusCode, HttpAssert.CacheOutcome(stale)));
        Assert.NotNull(stale.Headers.Age);
        await HttpAssert.ProblemAsync(await edge.Client.GetAsync($"/api/v1/products/{p}/questions?count=9"), HttpStatusCode.BadGateway);
        await HttpAssert.ProblemAsync(await edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("lost?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion), HttpStatusCode.BadGateway);
        Assert.Equal(1L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", p));
    }

    [Fact]
    public async Task PostgresStopped_ExpiredEntriesServedStale_WritesFailCleanly_AndAcknowledgedWritesSurvive()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var edge = await EdgeHostInstance.StartAsync(database, redis: null, ShortLived);
        var catalog = new TestCatalog(Npgsql.NpgsqlDataSource.Create(database));
        var p = await catalog.ProductAsync();
        using (var asked = await edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("kept?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion))
        {
            Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        }

        Assert.Equal(1, (await HttpAssert.PageAsync(edge.Client, $"/api/v1/products/{p}/questions")).TotalQuestions);
        await postgres.StopAsync();
        await Task.Delay(1100);

        using var stale = await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        Assert.Equal((HttpStatusCode.OK, "STALE", "source-unavailable"),
            (stale.StatusCode, HttpAssert.CacheOutcome(stale), string.Join(",", stale.Headers.GetValues("X-Cache-Stale"))));
        await HttpAssert.ProblemAsync(await edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("during", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion), HttpStatusCode.ServiceUnavailable);
        using (var ready = await edge.Client.GetAsync("/readyz"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }

        await postgres.StartProcessAsync();
        var last = string.Empty;
        await Eventually.TrueAsync(async () =>
        {
            using var response = await edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
                new NewQuestion("after", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
            last = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            return response.StatusCode == HttpStatusCode.Created;
        }, "writes succeed again", TimeSpan.FromSeconds(15)).ContinueWith(t => Assert.True(t.IsCompletedSuccessfully, last));
        // A fresh pool: the test's own connections died with the server.
        Assert.Equal(2L, await new TestCatalog(Npgsql.NpgsqlDataSource.Create(database)).ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", p));
        await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(edge.Client, $"/api/v1/products/{p}/questions")).TotalQuestions == 2, "reads catch up");
    }
}
