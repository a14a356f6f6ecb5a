using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// Every write of the contract, and read-your-writes: a read through the same node right after a write reflects it,
/// although the read before the write had cached the old answer.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class WriteRouteTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task VoteBeyondTheCountsRange_Is409NamingHelpful_NotStoreUnavailable()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "imported with a count at the top of its range", helpful: int.MaxValue);
        var a = await fixture.Catalog.AnswerAsync(q, "so was this one", helpful: int.MaxValue);
        foreach (var path in new[] { $"/api/v1/questions/{q}/votes", $"/api/v1/answers/{a}/votes" })
        {
            using var vote = await Client.PostAsJsonAsync(path, new Vote("up"), QaWireFormat.Json.Vote);
            var problem = await HttpAssert.ProblemAsync(vote, HttpStatusCode.Conflict);
            Assert.True(problem.GetProperty("errors").TryGetProperty("helpful", out _), problem.ToString());
            Assert.True(vote.Headers.CacheControl?.NoStore);
        }

        Assert.Equal(int.MaxValue, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
        using var down = await Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("down"), QaWireFormat.Json.Vote);
        Assert.Equal(HttpStatusCode.NoContent, down.StatusCode);
    }

    [Fact]
    public async Task AskQuestion_Returns201WithLocation_AndNextReadShowsIt()
    {
        var p = await fixture.Catalog.ProductAsync();
        var before = await CachedPageAsync(p);
        Assert.Empty(before.Questions);

        using var response = await Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("Is it waterproof?", "jim", "jim@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync(QaWireFormat.Json.Question))!;
        Assert.Equal(("Is it waterproof?", "jim", 0, 0), (created.Body, created.AskerName, created.Helpful, created.AnswerCount));
        Assert.Equal($"/api/v1/questions/{created.Id}/answers", response.Headers.Location?.ToString());

        var after = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions");
        Assert.Equal([created.Id], after.Questions.Select(q => q.Id));
        var count = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/count"), QaWireFormat.Json.ProductQuestionCount);
        Assert.Equal(1, count.TotalQuestions);
    }

    [Fact]
    public async Task AddAnswer_Returns201_AndQuestionAndAnswerPagesShowIt()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Does it fold?");
        await CachedPageAsync(p);
        await Client.GetAsync($"/api/v1/questions/{q}/answers");

        using var response = await Client.PostAsJsonAsync($"/api/v1/questions/{q}/answers",
            new NewAnswer("Yes, flat.", "bob", "bob@example.com"), QaWireFormat.Json.NewAnswer);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = (await response.Content.ReadFromJsonAsync(QaWireFormat.Json.Answer))!;
        Assert.NotNull(response.Headers.Location);

        var page = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions");
        Assert.Equal([created.Id], page.Questions.Single().Answers.Select(a => a.Id));
        Assert.Equal(1, page.Questions.Single().AnswerCount);
        var answers = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/questions/{q}/answers"), QaWireFormat.Json.QuestionAnswersPage);
        Assert.Equal([created.Id], answers.Answers.Select(a => a.Id));
    }

    [Fact]
    public async Task VoteQuestion_UpAndDown_MovesHelpfulByOneAndReorders()
    {
        var p = await fixture.Catalog.ProductAsync();
        var first = await fixture.Catalog.QuestionAsync(p, "first", helpful: 1);
        var second = await fixture.Catalog.QuestionAsync(p, "second", helpful: 1);
        Assert.Equal([second, first], (await CachedPageAsync(p)).Questions.Select(q => q.Id));

        Assert.Equal(HttpStatusCode.NoContent, (await VoteAsync($"/api/v1/questions/{first}/votes", "up")).StatusCode);
        var page = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions");
        Assert.Equal([first, second], page.Questions.Select(q => q.Id));
        Assert.Equal(2, page.Questions[0].Helpful);

        Assert.Equal(HttpStatusCode.NoContent, (await VoteAsync($"/api/v1/questions/{first}/votes", "down")).StatusCode);
        Assert.Equal(1, (await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions")).Questions.First(q => q.Id == first).Helpful);
    }

    [Fact]
    public async Task VoteAnswer_Up_ShowsInQuestionPageAndAnswerPage()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        var a = await fixture.Catalog.AnswerAsync(q, "a", helpful: 4);
        await CachedPageAsync(p);
        await Client.GetAsync($"/api/v1/questions/{q}/answers");

        Assert.Equal(HttpStatusCode.NoContent, (await VoteAsync($"/api/v1/answers/{a}/votes", "up")).StatusCode);
        Assert.Equal(5, (await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions")).Questions[0].Answers[0].Helpful);
        var answers = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/questions/{q}/answers"), QaWireFormat.Json.QuestionAnswersPage);
        Assert.Equal(5, answers.Answers[0].Helpful);
    }

    [Fact]
    public async Task ReportQuestionAndAnswer_Return204_AndTheyDisappear()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q1 = await fixture.Catalog.QuestionAsync(p, "keep");
        var q2 = await fixture.Catalog.QuestionAsync(p, "report me");
        var a = await fixture.Catalog.AnswerAsync(q1, "report this answer");
        await CachedPageAsync(p);

        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/api/v1/questions/{q2}/report", HttpAssert.EmptyJson())).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.PostAsync($"/api/v1/answers/{a}/report", HttpAssert.EmptyJson())).StatusCode);
        var page = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions");
        var only = Assert.Single(page.Questions);
        Assert.Equal(q1, only.Id);
        Assert.Empty(only.Answers);
        Assert.Equal(0, only.AnswerCount);

        // Reporting again is a no-op: 204, the same version (no free flush of the product everywhere), and the page
        // cached since stays a hit.
        var version = await fixture.Catalog.ScalarAsync<long>("SELECT version FROM products WHERE id = $1", p);
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await Client.GetAsync($"/api/v1/products/{p}/questions")));
        foreach (var again in new[] { $"/api/v1/questions/{q2}/report", $"/api/v1/answers/{a}/report" })
        {
            using var answer = await Client.PostAsync(again, HttpAssert.EmptyJson());
            Assert.Equal((HttpStatusCode.NoContent, $"{p}:{version}"), (answer.StatusCode, answer.Headers.GetValues("X-Qa-Version").Single()));
        }

        Assert.Equal(version, await fixture.Catalog.ScalarAsync<long>("SELECT version FROM products WHERE id = $1", p));
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await Client.GetAsync($"/api/v1/products/{p}/questions")));
    }

    [Fact]
    public async Task LegacyUpdateVote_SetsVotes_AndLegacyItemShowsIt()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "legacy", helpful: 2);
        Assert.Equal(2, (await HttpAssert.OkAsync(await Client.GetAsync($"/item?id={p}"), QaWireFormat.Json.LegacyItem)).QA[0].Votes);

        using var response = await Client.PutAsJsonAsync("/updateVote", new LegacyVoteUpdate(p, q, 40), QaWireFormat.Json.LegacyVoteUpdate);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(40, (await HttpAssert.OkAsync(await Client.GetAsync($"/item?id={p}"), QaWireFormat.Json.LegacyItem)).QA[0].Votes);
        Assert.Equal(40, (await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions")).Questions[0].Helpful);

        var other = await fixture.Catalog.ProductAsync();
        using var wrongProduct = await Client.PutAsJsonAsync("/updateVote", new LegacyVoteUpdate(other, q, 1), QaWireFormat.Json.LegacyVoteUpdate);
        await HttpAssert.ProblemAsync(wrongProduct, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Writes_ToUnknownIds_Are404()
    {
        await HttpAssert.ProblemAsync(await Client.PostAsJsonAsync("/api/v1/products/999999999999/questions",
            new NewQuestion("b", "n", "n@example.com"), QaWireFormat.Json.NewQuestion), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.PostAsJsonAsync("/api/v1/questions/999999999999/answers",
            new NewAnswer("b", "n", "n@example.com"), QaWireFormat.Json.NewAnswer), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await VoteAsync("/api/v1/questions/999999999999/votes", "up"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await VoteAsync("/api/v1/answers/999999999999/votes", "up"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/questions/999999999999/report", HttpAssert.EmptyJson()), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.PostAsync("/api/v1/answers/999999999999/report", HttpAssert.EmptyJson()), HttpStatusCode.NotFound);
    }

    // Reads a page twice so the second read is certainly served from the cache: the write must beat that.
    private async Task<ProductQuestionsPage> CachedPageAsync(long productId)
    {
        await Client.GetAsync($"/api/v1/products/{productId}/questions");
        using var response = await Client.GetAsync($"/api/v1/products/{productId}/questions");
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(response));
        return await HttpAssert.OkAsync(response, QaWireFormat.Json.ProductQuestionsPage);
    }

    private Task<HttpResponseMessage> VoteAsync(string path, string direction) =>
        Client.PostAsJsonAsync(path, new Vote(direction), QaWireFormat.Json.Vote);
}
