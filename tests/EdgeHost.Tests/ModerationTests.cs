using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// Statuses, reports and the moderator routes (../shared/API.md, "Moderation"), on two nodes sharing PostgreSQL and
/// Redis: what a moderator decides on one node is what every node serves.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ModerationTests(EdgeFixture fixture) : IAsyncLifetime
{
    private const string ModeratorKey = "moderator-key-0123456789";
    private const string AdminKey = "admin-key-0123456789abcdef";

    private EdgeHostInstance _one = null!;
    private EdgeHostInstance _two = null!;

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?> { ["Qa:Moderation:ModeratorKey"] = ModeratorKey, ["Qa:Admin:ApiKey"] = AdminKey };
        _one = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, settings, migrate: false);
        _two = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, settings, migrate: false);
    }

    public async Task DisposeAsync()
    {
        await _one.DisposeAsync();
        await _two.DisposeAsync();
    }

    [Fact]
    public async Task AReport_HidesTheItemOnEveryNode_AndQueuesItWithItsReasons_ThenApproveRestoresItEverywhere()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Does it fold flat?");
        var other = await fixture.Catalog.QuestionAsync(p, "Is it heavy?");
        Assert.Equal(2, (await PageAsync(_one, p)).TotalQuestions);
        Assert.Equal(2, (await PageAsync(_two, p)).TotalQuestions);

        await ReportAsync(_one, $"/api/v1/questions/{q}/report", new { reason = "spam", reporter = "ann" });
        await ReportAsync(_one, $"/api/v1/questions/{q}/report", new { reason = "offensive", reporter = "ann" }); // a repeat: nothing
        await ReportAsync(_two, $"/api/v1/questions/{q}/report", new { reason = "off-topic", reporter = "bo" });

        await Eventually.TrueAsync(async () => (await PageAsync(_two, p)).Questions.Select(x => x.Id).SequenceEqual([other]), "the report reaching node two");
        Assert.Equal([other], (await PageAsync(_one, p)).Questions.Select(x => x.Id));
        var queued = (await QueueAsync(_one, "kind=question&limit=100")).Items.Single(i => i.Id == q);
        Assert.Equal(("question", p, (long?)null, "Does it fold flat?", "pending"), (queued.Kind, queued.ProductId, queued.QuestionId, queued.Body, queued.Status));
        Assert.Equal(["spam", "off-topic"], queued.Reports.Select(r => r.Reason));

        using (var approve = await ModeratorPostAsync(_two, $"/api/v1/moderation/questions/{q}/approve"))
        {
            Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        }

        await Eventually.TrueAsync(async () => (await PageAsync(_one, p)).TotalQuestions == 2, "the approval reaching node one");
        Assert.Equal(2, (await PageAsync(_two, p)).TotalQuestions);
        Assert.DoesNotContain((await QueueAsync(_one, "kind=question&limit=100")).Items, i => i.Id == q);

        // Approved by a moderator: the same reporter again changes nothing; a new reporter queues it again.
        await ReportAsync(_one, $"/api/v1/questions/{q}/report", new { reason = "spam", reporter = "ann" });
        Assert.Equal("approved", await StatusAsync("questions", q));
        await ReportAsync(_one, $"/api/v1/questions/{q}/report", new { reporter = "cy" });
        Assert.Equal("pending", await StatusAsync("questions", q));
        Assert.Equal(["spam", "off-topic", "other"], (await QueueAsync(_one, "kind=question&limit=100")).Items.Single(i => i.Id == q).Reports.Select(r => r.Reason));
    }

    [Fact]
    public async Task Reject_HidesTheItemForGood_AndAnAnswerQueueNamesItsQuestion()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Is the strap adjustable?");
        var a = await fixture.Catalog.AnswerAsync(q, "Buy cheap watches at example.com");
        await ReportAsync(_one, $"/api/v1/answers/{a}/report", new { reason = "spam", reporter = "ann" });

        var queued = (await QueueAsync(_one, "kind=answer&limit=100")).Items.Single(i => i.Id == a);
        Assert.Equal(("answer", p, (long?)q), (queued.Kind, queued.ProductId, queued.QuestionId));
        using (var reject = await ModeratorPostAsync(_one, $"/api/v1/moderation/answers/{a}/reject"))
        {
            Assert.Equal(HttpStatusCode.NoContent, reject.StatusCode);
        }

        await ReportAsync(_two, $"/api/v1/answers/{a}/report", new { reason = "spam", reporter = "someone-else" });
        Assert.Equal("rejected", await StatusAsync("answers", a));
        Assert.DoesNotContain((await QueueAsync(_one, "kind=answer&limit=100")).Items, i => i.Id == a);
        Assert.Equal(0, (await PageAsync(_two, p)).Questions.Single().AnswerCount);
        using var unknown = await ModeratorPostAsync(_one, "/api/v1/moderation/answers/999999999/approve");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task PreModeration_HidesNewItemsUntilApproved()
    {
        await using var pre = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Qa:Moderation:Mode"] = "Pre",
            ["Qa:Moderation:ModeratorKey"] = ModeratorKey,
        }, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var visible = await fixture.Catalog.QuestionAsync(p, "Already approved?");

        using var asked = await pre.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("Held for review?", "jim", "jim@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal(HttpStatusCode.Created, asked.StatusCode);
        var question = (await asked.Content.ReadFromJsonAsync(QaWireFormat.Json.Question))!;
        Assert.Equal("pending", question.Status);
        Assert.Contains("\"status\":\"pending\"", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Read through the asker's own node, with the write's consistency token: still not shown, not counted.
        var page = await PageAsync(pre, p);
        Assert.Equal([visible], page.Questions.Select(x => x.Id));
        Assert.Equal(1, page.TotalQuestions);
        using (var answer = await pre.Client.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers",
            new NewAnswer("No one can answer it yet.", "bob", "bob@example.com"), QaWireFormat.Json.NewAnswer))
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        Assert.Contains((await QueueAsync(pre, "limit=100")).Items, i => i.Id == question.Id && i.Reports.Count == 0);
        using (var approve = await ModeratorPostAsync(pre, $"/api/v1/moderation/questions/{question.Id}/approve"))
        {
            Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        }

        Assert.Equal([question.Id, visible], (await PageAsync(pre, p, "sort=newest")).Questions.Select(x => x.Id));
        await Eventually.TrueAsync(async () => (await PageAsync(_one, p)).TotalQuestions == 2, "the approval reaching a post-moderated node");

        // Under post-moderation (the default) a new item is approved at once, and says so.
        using var posted = await _one.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("Visible at once?", "jim", "jim@example.com"), QaWireFormat.Json.NewQuestion);
        Assert.Equal("approved", (await posted.Content.ReadFromJsonAsync(QaWireFormat.Json.Question))!.Status);
    }

    [Fact]
    public async Task TheQueue_PagesOldestFirstByCursor_WithoutGapOrRepeat()
    {
        var p = await fixture.Catalog.ProductAsync();
        var start = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc); // older than anything else queued
        var ids = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            // Two items share each time: the id breaks the tie.
            ids.Add(await fixture.Catalog.QuestionAsync(p, $"queued {i}", createdAt: start.AddMinutes(i / 2), status: "pending"));
        }

        var seen = new List<long>();
        string? cursor = null;
        do
        {
            var page = await QueueAsync(_one, "limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.InRange(page.Items.Count, 1, 3);
            seen.AddRange(page.Items.Select(i => i.Id));
            cursor = page.NextCursor;
        }
        while (cursor is not null && seen.Count < ids.Count);

        Assert.Equal(ids, seen.Take(ids.Count));
    }

    [Fact]
    public async Task TheModeratorRoutes_AskForAKey_AndAreAbsentWithoutOne()
    {
        using (var none = await _one.Client.GetAsync("/api/v1/moderation/queue"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Equal("no-store", none.Headers.CacheControl?.ToString());
        }

        foreach (var (key, expected) in new[] { ("wrong-key-0123456789", HttpStatusCode.Unauthorized), (ModeratorKey, HttpStatusCode.OK), (AdminKey, HttpStatusCode.OK) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/moderation/queue");
            request.Headers.Add("X-Qa-Moderator-Key", key);
            using var response = await _one.Client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }

        // The fixture's node has neither key: the routes do not exist.
        using var absent = await fixture.Edge.Client.GetAsync("/api/v1/moderation/queue");
        Assert.Equal(HttpStatusCode.NotFound, absent.StatusCode);
    }

    [Theory]
    [InlineData("kind=questions", "kind")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("kind=answer&cursor=ARAAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAA", "cursor")] // well-formed, but another queue's tag
    public async Task BadQueueParameters_Are400NamingThem(string query, string field)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/moderation/queue?" + query);
        request.Headers.Add("X-Qa-Moderator-Key", ModeratorKey);
        using var response = await _one.Client.SendAsync(request);
        await HttpAssert.InvalidAsync(response, field);
    }

    [Theory]
    [InlineData("""{"reason":"rude"}""", "reason")]
    [InlineData("""{"reporter":""}""", "reporter")]
    [InlineData("""{"reporter":" padded "}""", "reporter")]
    public async Task BadReports_Are400NamingTheField_AndChangeNothing(string body, string field)
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        using var response = await _one.Client.PostAsync($"/api/v1/questions/{q}/report", new StringContent(body, Encoding.UTF8, "application/json"));
        await HttpAssert.InvalidAsync(response, field);
        Assert.Equal("approved", await StatusAsync("questions", q));
    }

    [Fact]
    public async Task AnEmptyReport_CountsAsTheBrowsersOwn_ByItsVoterCookie()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        using var browser = new HttpClient(new SocketsHttpHandler { UseCookies = true }) { BaseAddress = _one.Client.BaseAddress };
        for (var i = 0; i < 2; i++)
        {
            using var report = await browser.PostAsync($"/api/v1/questions/{q}/report", new StringContent(string.Empty, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
        }

        Assert.Equal(1L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM question_reports WHERE question_id = $1", q));
        Assert.Equal("other", (await QueueAsync(_one, "limit=100")).Items.Single(i => i.Id == q).Reports.Single().Reason);
    }

    private static async Task<ProductQuestionsPage> PageAsync(EdgeHostInstance edge, long productId, string query = "count=20") =>
        (await edge.Client.GetFromJsonAsync($"/api/v1/products/{productId}/questions?{query}", QaWireFormat.Json.ProductQuestionsPage))!;

    private static async Task ReportAsync(EdgeHostInstance edge, string path, object body)
    {
        using var response = await edge.Client.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private static async Task<ModerationQueuePage> QueueAsync(EdgeHostInstance edge, string query)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/moderation/queue?" + query);
        request.Headers.Add("X-Qa-Moderator-Key", ModeratorKey);
        using var response = await edge.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(QaWireFormat.Json.ModerationQueuePage))!;
    }

    private static Task<HttpResponseMessage> ModeratorPostAsync(EdgeHostInstance edge, string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-Qa-Moderator-Key", ModeratorKey);
        return edge.Client.SendAsync(request);
    }

    private Task<string> StatusAsync(string table, long id) =>
        fixture.Catalog.ScalarAsync<string>($"SELECT status::text FROM {table} WHERE id = $1", id);
}
