using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary><c>GET /api/v1/products/{productId}/questions/stats</c>: a product's figures over its visible items, cached and invalidated like pages.</summary>
[Collection(EdgeCollection.Name)]
public sealed class StatsTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task Stats_CountVisibleItems_AndFollowWrites()
    {
        var p = await fixture.Catalog.ProductAsync();
        var asked = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        var q1 = await fixture.Catalog.QuestionAsync(p, "answered", createdAt: asked);
        var q2 = await fixture.Catalog.QuestionAsync(p, "open", createdAt: asked.AddDays(1));
        await fixture.Catalog.QuestionAsync(p, "hidden", createdAt: asked.AddDays(9), status: "pending");
        await fixture.Catalog.AnswerAsync(q1, "yes");
        await fixture.Catalog.AnswerAsync(q1, "spam", status: "pending");
        var lastAnswer = await fixture.Catalog.ScalarAsync<DateTime>("SELECT max(created_at) FROM answers WHERE question_id = $1 AND status = 'approved'", q1);

        var stats = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/stats"), QaWireFormat.Json.ProductQuestionStats);
        Assert.Equal(new ProductQuestionStats(p, 2, 1, 1, asked.AddDays(1), lastAnswer), stats);
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await Client.GetAsync($"/api/v1/products/{p}/questions/stats")));

        using var answered = await Client.PostAsJsonAsync($"/api/v1/questions/{q2}/answers", new NewAnswer("Now it is.", "cy", "cy@example.com"), QaWireFormat.Json.NewAnswer);
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        var after = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/stats"), QaWireFormat.Json.ProductQuestionStats);
        Assert.Equal((2, 2, 2), (after.TotalQuestions, after.AnsweredQuestions, after.TotalAnswers));
        Assert.True(after.LastAnsweredAt > lastAnswer);
    }

    [Fact]
    public async Task Stats_OfAProductWithoutQuestions_HaveNullTimes_AndUnknownOrBadIdsAreProblems()
    {
        var p = await fixture.Catalog.ProductAsync();
        Assert.Equal(new ProductQuestionStats(p, 0, 0, 0, null, null),
            await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/stats"), QaWireFormat.Json.ProductQuestionStats));
        await HttpAssert.ProblemAsync(await Client.GetAsync("/api/v1/products/999999999999/questions/stats"), HttpStatusCode.NotFound);
        var problem = await HttpAssert.ProblemAsync(await Client.GetAsync("/api/v1/products/abc/questions/stats"), HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("productId", out _));
    }

    [Fact]
    public async Task Stats_ThroughAnEdge_ComeFromTheOrigin()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        await fixture.Catalog.AnswerAsync(q, "a");
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null,
            TopologyTests.OriginMode(Client.BaseAddress!), migrate: false);
        var stats = await HttpAssert.OkAsync(await edge.Client.GetAsync($"/api/v1/products/{p}/questions/stats"), QaWireFormat.Json.ProductQuestionStats);
        Assert.Equal((p, 1, 1, 1), (stats.ProductId, stats.TotalQuestions, stats.AnsweredQuestions, stats.TotalAnswers));
    }
}
