using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// Read-your-writes through nodes that never hear of the write (no Redis, no PostgreSQL notifications, entries that
/// outlive the test): only the consistency token of ../shared/API.md can make them answer it.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ConsistencyTokenTests(EdgeFixture fixture)
{
    private static readonly Dictionary<string, string?> Deaf = new()
    {
        ["Qa:Coherence:ListenToDatabase"] = "false",
        ["Qa:Cache:QuestionPages"] = "00:10:00",
        ["Qa:Cache:AnswerPages"] = "00:10:00",
        ["Qa:Cache:NotFound"] = "00:10:00",
    };

    [Fact]
    public async Task AWritesToken_AsHeaderOrCookie_MakesAnotherNodeAnswerTheWrite()
    {
        await using var writer = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, Deaf, migrate: false);
        await using var reader = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, Deaf, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "before", helpful: 1);
        var page = $"/api/v1/products/{p}/questions";
        Assert.Equal(1, (await HttpAssert.PageAsync(reader.Client, page)).TotalQuestions);

        using var asked = await writer.Client.PostAsJsonAsync(page, new NewQuestion("after?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var token = asked.Headers.GetValues("X-Qa-Version").Single();
        var cookie = asked.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("qa_consistency=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);

        // Without the token the reader answers from its cache, as it may within the invalidation bound.
        Assert.Equal(1, (await HttpAssert.PageAsync(reader.Client, page)).TotalQuestions);

        using (var withHeader = new HttpRequestMessage(HttpMethod.Get, page))
        {
            withHeader.Headers.Add("X-Qa-Min-Version", token);
            using var fresh = await reader.Client.SendAsync(withHeader);
            Assert.Equal("MISS", HttpAssert.CacheOutcome(fresh));
            Assert.Equal(2, (await HttpAssert.OkAsync(fresh, QaWireFormat.Json.ProductQuestionsPage)).TotalQuestions);
        }

        // The browser's way: the cookie, here for an answer page the reader answered 404 before the question existed.
        var created = (await asked.Content.ReadFromJsonAsync(QaWireFormat.Json.Question))!;
        var answers = $"/api/v1/questions/{created.Id + 1}/answers";
        await HttpAssert.ProblemAsync(await reader.Client.GetAsync(answers), HttpStatusCode.NotFound);
        using var second = await writer.Client.PostAsJsonAsync(page, new NewQuestion("and another?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
        var browserCookie = second.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("qa_consistency=", StringComparison.Ordinal)).Split(';')[0];
        Assert.Equal((created.Id + 1, 3), ((await second.Content.ReadFromJsonAsync(QaWireFormat.Json.Question))!.Id, (await HttpAssert.PageAsync(writer.Client, page)).TotalQuestions));
        Assert.Equal(HttpStatusCode.OK, (await reader.Client.GetAsync(answers)).StatusCode); // a question's 404 is never kept
        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, answers))
        {
            withCookie.Headers.Add("Cookie", browserCookie);
            using var fresh = await reader.Client.SendAsync(withCookie);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        using (var withCookie = new HttpRequestMessage(HttpMethod.Get, page))
        {
            withCookie.Headers.Add("Cookie", browserCookie);
            Assert.Equal(3, (await HttpAssert.OkAsync(await reader.Client.SendAsync(withCookie), QaWireFormat.Json.ProductQuestionsPage)).TotalQuestions);
        }

        // The refill was stored for everyone: a read without a token now sees it too.
        Assert.Equal(3, (await HttpAssert.PageAsync(reader.Client, page)).TotalQuestions);
        Assert.Equal(q, (await HttpAssert.PageAsync(reader.Client, page)).Questions[0].Id);
    }

    [Fact]
    public async Task ThroughAnEdge_TheTokenReachesTheOrigin_WhichRefillsToo()
    {
        await using var origin = await EdgeHostInstance.StartAsync(fixture.Database, redis: null, Deaf, migrate: false);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null,
            TopologyTests.OriginMode(origin.Client.BaseAddress!, Deaf), migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "vote on me", helpful: 1);
        var page = $"/api/v1/products/{p}/questions";
        Assert.Equal(1, (await HttpAssert.PageAsync(edge.Client, page)).Questions.Single().Helpful);

        // The write happens on a node neither of them hears.
        using var vote = await fixture.Edge.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        var token = vote.Headers.GetValues("X-Qa-Version").Single();
        Assert.Equal(1, (await HttpAssert.PageAsync(edge.Client, page)).Questions.Single().Helpful);

        using var request = new HttpRequestMessage(HttpMethod.Get, page);
        request.Headers.Add("X-Qa-Min-Version", token);
        Assert.Equal(2, (await HttpAssert.OkAsync(await edge.Client.SendAsync(request), QaWireFormat.Json.ProductQuestionsPage)).Questions.Single().Helpful);

        // The refill was stored: later reads without a token see it too, on the edge and on the origin.
        Assert.Equal(2, (await HttpAssert.PageAsync(edge.Client, page)).Questions.Single().Helpful);
        Assert.Equal(2, (await HttpAssert.PageAsync(origin.Client, page)).Questions.Single().Helpful);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("42:")]
    [InlineData("x:1")]
    [InlineData("42:-1")]
    [InlineData("1:1|2:2|3:3|4:4|5:5|6:6|7:7|8:8|9:9")]
    public async Task MalformedToken_Is400NamingTheHeader(string token)
    {
        var p = await fixture.Catalog.ProductAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{p}/questions");
        request.Headers.TryAddWithoutValidation("X-Qa-Min-Version", token);
        await HttpAssert.InvalidAsync(await fixture.Edge.Client.SendAsync(request), "X-Qa-Min-Version");
    }
}
