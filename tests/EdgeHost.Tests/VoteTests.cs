using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>One vote per voter per item (../shared/API.md, "Votes"), counted exactly under concurrency.</summary>
[Collection(EdgeCollection.Name)]
public sealed class VoteTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task OneVoterVotingTwice_MovesHelpfulOnce_AndSwitchingMovesItByTwo()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q", helpful: 5);
        var a = await fixture.Catalog.AnswerAsync(q, "a", helpful: 5);
        foreach (var (path, helpful) in new[]
        {
            ($"/api/v1/questions/{q}/votes", "SELECT helpful FROM questions WHERE id = $1"),
            ($"/api/v1/answers/{a}/votes", "SELECT helpful FROM answers WHERE id = $1"),
        })
        {
            var id = path.Contains("questions", StringComparison.Ordinal) ? q : a;
            await VoteAsync(path, "up", "ann");
            Assert.Equal(6, await fixture.Catalog.ScalarAsync<int>(helpful, id));

            var version = await fixture.Catalog.ScalarAsync<long>("SELECT version FROM products WHERE id = $1", p);
            await VoteAsync(path, "up", "ann");
            Assert.Equal(6, await fixture.Catalog.ScalarAsync<int>(helpful, id));
            Assert.Equal(version, await fixture.Catalog.ScalarAsync<long>("SELECT version FROM products WHERE id = $1", p)); // a repeat changes nothing

            await VoteAsync(path, "down", "ann");
            Assert.Equal(4, await fixture.Catalog.ScalarAsync<int>(helpful, id));
            await VoteAsync(path, "up", "bo");
            Assert.Equal(5, await fixture.Catalog.ScalarAsync<int>(helpful, id));
        }
    }

    [Fact]
    public async Task WithoutAVoter_TheQaVoterCookieNamesIt()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = true }) { BaseAddress = Client.BaseAddress };
        using (var first = await browser.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
            var cookie = first.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("qa_voter=", StringComparison.Ordinal));
            Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        }

        using (var again = await browser.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote))
        {
            Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
            Assert.False(again.Headers.Contains("Set-Cookie") && again.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("qa_voter=", StringComparison.Ordinal)));
        }

        Assert.Equal(1, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
        using var otherBrowser = await Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        Assert.Equal(2, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
    }

    [Fact]
    public async Task HundredConcurrentVoters_CountExactlyHundred_AndRepeatsNothing()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Protection:WritesPerMinute"] = "100000" }, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        var votes = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await edge.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up", $"voter-{i % 100}"), QaWireFormat.Json.Vote);
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        });
        await Task.WhenAll(votes);
        Assert.Equal(100, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
        Assert.Equal(100, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM question_votes WHERE question_id = $1", q));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded ")]
    [InlineData("line\nbreak")]
    [InlineData("a-voter-id-that-goes-on-well-past-the-sixty-four-characters-a-voter-may-have")]
    public async Task ABadVoter_Is400NamingIt(string voter)
    {
        using var vote = await Client.PostAsJsonAsync("/api/v1/questions/1/votes", new Vote("up", voter), QaWireFormat.Json.Vote);
        var problem = await HttpAssert.ProblemAsync(vote, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("voter", out _), problem.ToString());
    }

    [Fact]
    public async Task LegacyVoteSet_TurnedOff_Is403_AndSetsNothing()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Legacy:AllowVoteSet"] = "false" }, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q", helpful: 3);
        using var set = new HttpRequestMessage(HttpMethod.Put, "/updateVote")
        {
            Content = JsonContent.Create(new { pID = p, qID = q, votes = 999 }),
        };
        var problem = await HttpAssert.ProblemAsync(await edge.Client.SendAsync(set), HttpStatusCode.Forbidden);
        Assert.Contains("Qa:Legacy:AllowVoteSet", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
    }

    private async Task VoteAsync(string path, string direction, string voter)
    {
        using var response = await Client.PostAsJsonAsync(path, new Vote(direction, voter), QaWireFormat.Json.Vote);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
