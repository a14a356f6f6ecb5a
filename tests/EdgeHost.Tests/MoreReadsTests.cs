using System.Net;
using System.Net.Http.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// The sorts mostAnswered and recentlyAnswered, the answered filter, and cursor paging (../shared/API.md, "More reads"),
/// against real PostgreSQL and Redis: counters kept by the database, walks that hold their order while votes reorder
/// the list, on one node or across two.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class MoreReadsTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task MostAndRecentlyAnswered_OrderByApprovedAnswers_AndTheAnsweredFilterCountsItsSet()
    {
        var p = await fixture.Catalog.ProductAsync();
        var none = await fixture.Catalog.QuestionAsync(p, "unanswered");
        var one = await fixture.Catalog.QuestionAsync(p, "one answer");
        var two = await fixture.Catalog.QuestionAsync(p, "two answers");
        var held = await fixture.Catalog.QuestionAsync(p, "only a pending answer");
        await fixture.Catalog.AnswerAsync(two, "first");
        await fixture.Catalog.AnswerAsync(two, "second");
        await Task.Delay(10); // answer times differ
        await fixture.Catalog.AnswerAsync(one, "latest");
        await fixture.Catalog.AnswerAsync(held, "waiting", status: "pending");

        Assert.Equal([two, one, held, none], await IdsAsync($"/api/v1/products/{p}/questions?sort=mostAnswered&count=10"));
        Assert.Equal([one, two, held, none], await IdsAsync($"/api/v1/products/{p}/questions?sort=recentlyAnswered&count=10"));
        var answered = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?answered=true&sort=newest");
        Assert.Equal([two, one], answered.Questions.Select(q => q.Id));
        Assert.Equal(2, answered.TotalQuestions);
        var unanswered = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?answered=false&sort=newest");
        Assert.Equal([held, none], unanswered.Questions.Select(q => q.Id));
        Assert.Equal(2, unanswered.TotalQuestions);

        // An answer through the API moves the question up, and the cached pages follow.
        using (var answer = await Client.PostAsJsonAsync($"/api/v1/questions/{none}/answers", new NewAnswer("Now answered.", "bob", "bob@example.com"),
            QaWireFormat.Json.NewAnswer))
        {
            Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        }

        Assert.Equal(none, (await IdsAsync($"/api/v1/products/{p}/questions?sort=recentlyAnswered&count=10"))[0]);
        Assert.Equal(3, (await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?answered=true")).TotalQuestions);
        Assert.Equal((1, 1L), (await fixture.Catalog.ScalarAsync<int>("SELECT answer_count FROM questions WHERE id = $1", none),
            await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE id = $1 AND last_answered_at > now() - interval '1 minute'", none)));
    }

    [Fact]
    public async Task ACursorWalk_OverFiveHundredQuestions_SeesEachOnce_WhileVotesReorderTheList_AcrossTwoNodes()
    {
        var p = await fixture.Catalog.ProductAsync();
        var all = await QuestionsAsync(p, 500);
        await using var other = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString,
            new Dictionary<string, string?> { ["Qa:Protection:WritesPerMinute"] = "100000" }, migrate: false);

        // Votes keep reordering the list by helpfulness while the walk goes on: each one moves a question up or down.
        using var stop = new CancellationTokenSource();
        var votes = Task.Run(async () =>
        {
            var random = new Random(5);
            var cast = 0;
            while (!stop.IsCancellationRequested)
            {
                var q = all[random.Next(all.Count)];
                using var vote = await other.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes",
                    new Vote(random.Next(2) == 0 ? "up" : "down", $"voter-{cast++}"), QaWireFormat.Json.Vote);
                Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
            }

            return cast;
        });

        var seen = new List<long>();
        var path = $"/api/v1/products/{p}/questions?sort=helpful&count=20";
        ProductQuestionsPage page;
        var pages = 0;
        do
        {
            // Alternate nodes: the walk's order lives in Redis too.
            page = await HttpAssert.PageAsync(pages++ % 2 == 0 ? Client : other.Client, path);
            seen.AddRange(page.Questions.Select(q => q.Id));
            path = page.NextCursor is { } next ? $"/api/v1/products/{p}/questions?sort=helpful&count=20&cursor={next}" : string.Empty;
            await Task.Delay(20); // let votes land between pages
        }
        while (page.NextCursor is not null && pages < 100);

        await stop.CancelAsync();
        Assert.True(await votes > 10, "votes were cast while the walk went on");
        Assert.Equal(25, pages);
        Assert.Equal(seen.Count, seen.Distinct().Count()); // no repeat
        Assert.Equal(all.Order(), seen.Order()); // no gap
        Assert.Equal(25, page.Page);
    }

    [Fact]
    public async Task ACursorWhoseWalkIsGone_GoesOnByKeyset_InTodaysOrder()
    {
        var p = await fixture.Catalog.ProductAsync();
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await fixture.Catalog.QuestionAsync(p, $"q{i}", helpful: 10 - i)); // helpful order: ids[0] first
        }

        // A cursor after ids[1] (helpful 9) naming a version no walk was kept for.
        var cursor = new KeysetCursor(QuestionPageQuery.Tag(QuestionSort.Helpful, null), 9, ids[1], Version: 1, Position: 2).Encode();
        var page = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?count=2&cursor={cursor}");

        Assert.Equal([ids[2], ids[3]], page.Questions.Select(q => q.Id));
        Assert.Equal(2, page.Page);
        Assert.NotNull(page.NextCursor);
        var last = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?count=2&cursor={page.NextCursor}");
        Assert.Equal([ids[4], ids[5]], last.Questions.Select(q => q.Id));
        Assert.Null(last.NextCursor);
    }

    [Fact]
    public async Task PagesByNumber_CarryANextCursor_UntilTheLastPage()
    {
        var p = await fixture.Catalog.ProductAsync();
        var all = await QuestionsAsync(p, 7);

        var first = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?sort=newest&count=5");
        var second = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?sort=newest&count=5&cursor={first.NextCursor}");
        var byNumber = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?sort=newest&count=5&page=2");

        Assert.NotNull(first.NextCursor);
        Assert.Equal(byNumber.Questions.Select(q => q.Id), second.Questions.Select(q => q.Id));
        Assert.Equal((2, (string?)null, (string?)null), (second.Page, second.NextCursor, byNumber.NextCursor));
        Assert.Equal(all.OrderDescending(), first.Questions.Concat(second.Questions).Select(q => q.Id));
    }

    [Theory]
    [InlineData("sort=popular", "sort")]
    [InlineData("answered=yes", "answered")]
    [InlineData("cursor=abc", "cursor")]
    [InlineData("page=2&cursor=ARAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAA", "cursor")]
    public async Task BadSortFilterOrCursor_Is400NamingIt(string query, string field)
    {
        var p = await fixture.Catalog.ProductAsync();
        using var response = await Client.GetAsync($"/api/v1/products/{p}/questions?{query}");
        await HttpAssert.InvalidAsync(response, field);
    }

    [Fact]
    public async Task ACursorOfAnotherSortOrFilter_Is400()
    {
        var p = await fixture.Catalog.ProductAsync();
        await QuestionsAsync(p, 7);
        var cursor = (await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?sort=newest&count=5")).NextCursor;

        foreach (var query in new[] { "sort=helpful", "sort=newest&answered=false" })
        {
            using var response = await Client.GetAsync($"/api/v1/products/{p}/questions?{query}&count=5&cursor={cursor}");
            await HttpAssert.InvalidAsync(response, "cursor");
        }
    }

    private async Task<long[]> IdsAsync(string path) => [.. (await HttpAssert.PageAsync(Client, path)).Questions.Select(q => q.Id)];

    private async Task<List<long>> QuestionsAsync(long productId, int count)
    {
        var ids = new List<long>();
        for (var i = 0; i < count; i++)
        {
            ids.Add(await fixture.Catalog.QuestionAsync(productId, $"question {i}", helpful: i % 13, createdAt: DateTime.UtcNow.AddMinutes(i - count)));
        }

        return ids;
    }
}
