using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// What a hostile client can make the edge do with reads: unknown ids, pages past the end and misses in bulk, each
/// bounded (docs/operations.md, "Abuse bounds").
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class AbuseBoundsTests(EdgeFixture fixture)
{
    [Fact]
    public async Task UnknownQuestion_IsNeverCached_SoTheNextIdAnswersOnceItIsAsked()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString,
            new Dictionary<string, string?> { ["Qa:Cache:NotFound"] = "00:10:00" });
        var p = await fixture.Catalog.ProductAsync();

        // Ids are sequential: a client probing the next ones gets 404s...
        var next = await fixture.Catalog.ScalarAsync<long>("SELECT last_value + 1 FROM questions_id_seq");
        for (var id = next; id < next + 300; id++)
        {
            using var probe = await edge.Client.GetAsync($"/api/v1/questions/{id}/answers");
            Assert.Equal(HttpStatusCode.NotFound, probe.StatusCode);
        }

        // ...and none of them outlives the question's creation, on this node or (through Redis) another.
        using var asked = await edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("Does it float?", "Ann", "ann@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var created = (await asked.Content.ReadFromJsonAsync(QaWireFormat.Json.Question))!.Id;
        Assert.InRange(created, next, next + 299);
        await using var other = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, migrate: false);
        foreach (var client in new[] { edge.Client, other.Client })
        {
            using var answers = await client.GetAsync(asked.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, answers.StatusCode);
        }
    }

    [Fact]
    public async Task PagesPastTheEnd_AreAnsweredWithoutAQuery_UntilTheListGrows()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null);
        var p = await fixture.Catalog.ProductAsync();
        for (var i = 0; i < 3; i++)
        {
            await fixture.Catalog.QuestionAsync(p, $"question {i}");
        }

        using var first = await edge.Client.GetAsync($"/api/v1/products/{p}/questions?count=2");
        Assert.Equal(3, (await first.Content.ReadFromJsonAsync(QaWireFormat.Json.ProductQuestionsPage))!.TotalQuestions);

        // Every page past the third item is empty, and answered from the known length: no fill, whatever page or count.
        foreach (var (page, count) in new[] { (3, 2), (4, 1), (99_999, 100), (2, 3) })
        {
            using var past = await edge.Client.GetAsync($"/api/v1/products/{p}/questions?page={page}&count={count}&sort=newest");
            Assert.Equal((HttpStatusCode.OK, "HIT-L1"), (past.StatusCode, HttpAssert.CacheOutcome(past)));
            var body = (await past.Content.ReadFromJsonAsync(QaWireFormat.Json.ProductQuestionsPage))!;
            Assert.Equal((page, count, "newest", 3, 0), (body.Page, body.Count, body.Sort, body.TotalQuestions, body.Questions.Count));
        }

        // A fourth question makes page 2 of 3 real: the known length is out of date and the page is read.
        using var asked = await edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("A fourth?", "Bo", "bo@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        using var grown = await edge.Client.GetAsync($"/api/v1/products/{p}/questions?page=2&count=3&sort=newest");
        Assert.Single((await grown.Content.ReadFromJsonAsync(QaWireFormat.Json.ProductQuestionsPage))!.Questions);
    }

    [Fact]
    public async Task PagesPastTheEnd_OfAnswers_AreAnsweredWithoutAQuery()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        await fixture.Catalog.AnswerAsync(q, "a");
        using var first = await edge.Client.GetAsync($"/api/v1/questions/{q}/answers");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);

        using var past = await edge.Client.GetAsync($"/api/v1/questions/{q}/answers?page=7&count=9");
        Assert.Equal((HttpStatusCode.OK, "HIT-L1"), (past.StatusCode, HttpAssert.CacheOutcome(past)));
        var body = (await past.Content.ReadFromJsonAsync(QaWireFormat.Json.QuestionAnswersPage))!;
        Assert.Equal((q, 7, 9, 1, 0), (body.QuestionId, body.Page, body.Count, body.TotalAnswers, body.Answers.Count));
    }

    [Fact]
    public async Task NegativeAnswers_NeverEvictHotEntries()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Cache:L1SizeLimitMegabytes"] = "1",
            ["Qa:Cache:NegativeEntryLimit"] = "100",
            ["Qa:Protection:MissesPerSecond"] = "0",
        });
        // Hot pages that list questions (an empty page is itself a negative answer).
        var hot = new List<string>();
        await using (var command = fixture.DataSource.CreateCommand("SELECT DISTINCT product_id FROM questions WHERE product_id <= 200 ORDER BY 1 LIMIT 20"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                hot.Add($"/api/v1/products/{reader.GetInt64(0)}/questions?count=5");
            }
        }

        Assert.Equal(20, hot.Count);
        foreach (var path in hot)
        {
            (await edge.Client.GetAsync(path)).EnsureSuccessStatusCode();
        }

        // A flood of unknown products and of searches that find nothing, several times what L1 could hold.
        var flood = Enumerable.Range(0, 4000).Select(i => i % 2 == 0
            ? $"/api/v1/products/{8_000_000_000L + i}/questions?count=100"
            : $"/api/v1/products/{1 + (i % 20)}/questions/search?q=zzq{i}xx&count=50");
        await Parallel.ForEachAsync(flood, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (path, ct) =>
        {
            using var response = await edge.Client.GetAsync(path, ct);
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{path}: {response.StatusCode}");
        });

        foreach (var path in hot)
        {
            using var again = await edge.Client.GetAsync(path);
            Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(again));
        }
    }

    [Fact]
    public async Task MissBudget_RefusesOnlyMisses_AndHitsStillAnswer()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Protection:MissesPerSecond"] = "1",
            ["Qa:Protection:MissBurst"] = "5",
            ["Qa:Protection:RefusalDelay"] = "00:00:00",
        });
        using var hot = await edge.Client.GetAsync("/api/v1/products/3/questions");
        Assert.Equal(HttpStatusCode.OK, hot.StatusCode);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
        {
            using var miss = await edge.Client.GetAsync($"/api/v1/products/{10 + i}/questions?count=7");
            statuses.Add(miss.StatusCode);
            if (miss.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Equal("application/problem+json", miss.Content.Headers.ContentType?.MediaType);
                Assert.NotNull(miss.Headers.RetryAfter);
                Assert.True(miss.Headers.CacheControl?.NoStore);
            }
        }

        // The burst of 5 (one spent on the hot page) then 429s; at most one token came back during the loop.
        Assert.InRange(statuses.Count(s => s == HttpStatusCode.OK), 4, 5);
        Assert.All(statuses.SkipWhile(s => s == HttpStatusCode.OK).Skip(1), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));

        // Hits are never limited, nor are the misses of other requests this node already answered.
        for (var i = 0; i < 20; i++)
        {
            using var again = await edge.Client.GetAsync("/api/v1/products/3/questions");
            Assert.Equal((HttpStatusCode.OK, "HIT-L1"), (again.StatusCode, HttpAssert.CacheOutcome(again)));
        }

        await Eventually.TrueAsync(async () => (await edge.Client.GetAsync("/api/v1/products/40/questions?count=7")).StatusCode == HttpStatusCode.OK,
            "the budget refills at 1 per second");
    }

    [Fact]
    public async Task MissBudget_Refusals_WaitTheirDelay_SoALoopCannotFloodWithThem()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Protection:MissesPerSecond"] = "1",
            ["Qa:Protection:MissBurst"] = "1",
            ["Qa:Protection:RefusalDelay"] = "00:00:00.600",
        });
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync("/api/v1/products/5/questions?count=9")).StatusCode);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        using var refused = await edge.Client.GetAsync("/api/v1/products/6/questions?count=9");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(waited.Elapsed >= TimeSpan.FromMilliseconds(550), $"refused after {waited.Elapsed}");
    }
}
