using System.Net;
using System.Net.Http.Headers;
using MessagePack;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Every read route of the contract against real PostgreSQL and Redis: shapes, paging, sorting, hiding.</summary>
[Collection(EdgeCollection.Name)]
public sealed class ReadRouteTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task QuestionPage_SeededProduct_HasContractShapeAndHeaders()
    {
        var productId = await fixture.Catalog.ScalarAsync<long>(
            "SELECT product_id FROM questions WHERE status = 'approved' GROUP BY product_id HAVING count(*) >= 2 ORDER BY product_id LIMIT 1");
        using var response = await Client.GetAsync($"/api/v1/products/{productId}/questions?count=2");
        var page = await HttpAssert.OkAsync(response, QaWireFormat.Json.ProductQuestionsPage);

        Assert.Equal(productId, page.ProductId);
        Assert.False(string.IsNullOrEmpty(page.ProductName));
        Assert.Equal((1, 2, "helpful"), (page.Page, page.Count, page.Sort));
        Assert.Equal(2, page.Questions.Count);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal("public, max-age=0, s-maxage=60", response.Headers.CacheControl?.ToString());
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task QuestionPage_HelpfulAndNewest_SortWithIdTiebreakAndPage()
    {
        var p = await fixture.Catalog.ProductAsync();
        var t0 = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var a = await fixture.Catalog.QuestionAsync(p, "a", helpful: 5, createdAt: t0);
        var b = await fixture.Catalog.QuestionAsync(p, "b", helpful: 9, createdAt: t0.AddDays(1));
        var c = await fixture.Catalog.QuestionAsync(p, "c", helpful: 5, createdAt: t0.AddDays(3));
        var d = await fixture.Catalog.QuestionAsync(p, "d", helpful: 1, createdAt: t0.AddDays(3));

        var helpful = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?count=10");
        Assert.Equal([b, c, a, d], helpful.Questions.Select(q => q.Id));
        Assert.Equal(4, helpful.TotalQuestions);

        var newest = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?count=10&sort=newest");
        Assert.Equal([d, c, b, a], newest.Questions.Select(q => q.Id));

        var second = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?count=3&page=2");
        Assert.Equal([d], second.Questions.Select(q => q.Id));

        var pastEnd = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions?count=3&page=9");
        Assert.Empty(pastEnd.Questions);
        Assert.Equal(4, pastEnd.TotalQuestions);
    }

    [Fact]
    public async Task QuestionPage_InlineAnswers_FiveMostHelpfulAndTotalCount()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Is it waterproof?");
        var answers = new List<long>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add(await fixture.Catalog.AnswerAsync(q, $"answer {i}", helpful: i));
        }

        var page = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions");
        var question = Assert.Single(page.Questions);
        Assert.Equal(7, question.AnswerCount);
        Assert.Equal(answers.AsEnumerable().Reverse().Take(5), question.Answers.Select(a => a.Id));
    }

    [Fact]
    public async Task Reads_ReportedQuestionsAndAnswers_NeverAppear()
    {
        var p = await fixture.Catalog.ProductAsync();
        var visible = await fixture.Catalog.QuestionAsync(p, "visible question about straps");
        var hidden = await fixture.Catalog.QuestionAsync(p, "hidden question about straps", helpful: 99, status: "pending");
        await fixture.Catalog.AnswerAsync(visible, "good straps");
        await fixture.Catalog.AnswerAsync(visible, "reported straps answer", helpful: 50, status: "pending");

        var page = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions");
        var question = Assert.Single(page.Questions);
        Assert.Equal(visible, question.Id);
        Assert.Equal(1, question.AnswerCount);
        Assert.Equal(["good straps"], question.Answers.Select(a => a.Body));
        Assert.Equal(1, page.TotalQuestions);

        var count = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/count"), QaWireFormat.Json.ProductQuestionCount);
        Assert.Equal(1, count.TotalQuestions);

        var answers = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/questions/{visible}/answers"), QaWireFormat.Json.QuestionAnswersPage);
        Assert.Equal(1, answers.TotalAnswers);

        var search = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/search?q=straps"), QaWireFormat.Json.QuestionSearchResults);
        Assert.Equal([visible], search.Questions.Select(s => s.Id));

        await HttpAssert.ProblemAsync(await Client.GetAsync($"/api/v1/questions/{hidden}/answers"), HttpStatusCode.NotFound);
        var legacy = await HttpAssert.OkAsync(await Client.GetAsync($"/item?id={p}"), QaWireFormat.Json.LegacyItem);
        Assert.Equal([visible.ToString(System.Globalization.CultureInfo.InvariantCulture)], legacy.QA.Select(x => x.Id));
    }

    [Fact]
    public async Task AnswerPage_PagesMostHelpfulFirst()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "How heavy is it?");
        var low = await fixture.Catalog.AnswerAsync(q, "light", helpful: 1);
        var high = await fixture.Catalog.AnswerAsync(q, "very light", helpful: 8);
        var mid = await fixture.Catalog.AnswerAsync(q, "ok", helpful: 3);

        var first = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/questions/{q}/answers?count=2"), QaWireFormat.Json.QuestionAnswersPage);
        Assert.Equal((q, 1, 2, 3), (first.QuestionId, first.Page, first.Count, first.TotalAnswers));
        Assert.Equal([high, mid], first.Answers.Select(a => a.Id));
        var second = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/questions/{q}/answers?count=2&page=2"), QaWireFormat.Json.QuestionAnswersPage);
        Assert.Equal([low], second.Answers.Select(a => a.Id));
    }

    [Fact]
    public async Task Search_MatchesQuestionOrAnswerText_WithinTheProductOnly()
    {
        var p = await fixture.Catalog.ProductAsync();
        var other = await fixture.Catalog.ProductAsync();
        var byQuestion = await fixture.Catalog.QuestionAsync(p, "Does the tent survive heavy rain?");
        var byAnswer = await fixture.Catalog.QuestionAsync(p, "Is it good for camping trips?");
        await fixture.Catalog.AnswerAsync(byAnswer, "We used it in the rain for a week.");
        await fixture.Catalog.QuestionAsync(p, "What colors are there?");
        await fixture.Catalog.QuestionAsync(other, "Rain cover included?");

        var results = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/search?q=%20RAIN%20"), QaWireFormat.Json.QuestionSearchResults);
        Assert.Equal("rain", results.Query);
        Assert.Equal(10, results.Count);
        Assert.Equal(new[] { byAnswer, byQuestion }.Order(), results.Questions.Select(q => q.Id).Order());
    }

    [Fact]
    public async Task Count_And_LegacyItem_HaveTheirShapes()
    {
        var p = await fixture.Catalog.ProductAsync("Nimbus 2000", "brooms");
        var q1 = await fixture.Catalog.QuestionAsync(p, "Fast?", helpful: 3, createdAt: new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        await fixture.Catalog.AnswerAsync(q1, "meh", helpful: 1);
        await fixture.Catalog.AnswerAsync(q1, "Very fast.", helpful: 7);
        await fixture.Catalog.QuestionAsync(p, "Unanswered?", helpful: 1);

        var count = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{p}/questions/count"), QaWireFormat.Json.ProductQuestionCount);
        Assert.Equal((p, 2), (count.ProductId, count.TotalQuestions));

        using var response = await Client.GetAsync($"/item?id={p}");
        var json = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"ProductId\":", json, StringComparison.Ordinal);
        Assert.Contains("\"_id\":", json, StringComparison.Ordinal);
        var item = await HttpAssert.OkAsync(response, QaWireFormat.Json.LegacyItem);
        Assert.Equal(("Nimbus 2000", "brooms"), (item.ItemName, item.Category));
        Assert.Equal(2, item.QA.Count);
        Assert.Equal(("Fast?", "Very fast.", "jim", 3), (item.QA[0].Question, item.QA[0].Answer, item.QA[0].Author, item.QA[0].Votes));
        Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), item.QA[0].Date);
        Assert.Null(item.QA[1].Answer);
    }

    [Fact]
    public async Task MessagePack_WhenAccepted_CarriesTheSameObjectAsJson()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "msgpack?");
        await fixture.Catalog.AnswerAsync(q, "yes");
        var json = await HttpAssert.PageAsync(Client, $"/api/v1/products/{p}/questions");

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{p}/questions");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/x-msgpack"));
        using var response = await Client.SendAsync(request);
        Assert.Equal("application/x-msgpack", response.Content.Headers.ContentType?.MediaType);
        var page = MessagePackSerializer.Deserialize<ProductQuestionsPage>(await response.Content.ReadAsByteArrayAsync(), QaWireFormat.MessagePack);

        Assert.Equal(json with { Questions = [] }, page with { Questions = [] });
        Assert.Equal(json.Questions[0] with { Answers = [] }, page.Questions[0] with { Answers = [] });
        Assert.Equal(json.Questions[0].Answers, page.Questions[0].Answers);
    }

    [Fact]
    public async Task EmptyReads_OfExistingProductsAndQuestions_Are200WithTheirTotals()
    {
        // Each read is one statement whose rows carry the product (or question) beside its page: an empty page still
        // has one row, with NULL page columns, and must not be mistaken for a missing product.
        var empty = await fixture.Catalog.ProductAsync("Bare shelf", "home");
        var page = await HttpAssert.PageAsync(Client, $"/api/v1/products/{empty}/questions");
        Assert.Equal(("Bare shelf", "home", 0), (page.ProductName, page.Category, page.TotalQuestions));
        Assert.Empty(page.Questions);
        var search = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/products/{empty}/questions/search?q=anything"), QaWireFormat.Json.QuestionSearchResults);
        Assert.Empty(search.Questions);
        var item = await HttpAssert.OkAsync(await Client.GetAsync($"/item?id={empty}"), QaWireFormat.Json.LegacyItem);
        Assert.Equal("Bare shelf", item.ItemName);
        Assert.Empty(item.QA);

        var p = await fixture.Catalog.ProductAsync();
        var unanswered = await fixture.Catalog.QuestionAsync(p, "Anyone?");
        var none = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/questions/{unanswered}/answers"), QaWireFormat.Json.QuestionAnswersPage);
        Assert.Equal(0, none.TotalAnswers);
        Assert.Empty(none.Answers);

        var answered = await fixture.Catalog.QuestionAsync(p, "Sturdy?");
        await fixture.Catalog.AnswerAsync(answered, "Yes.");
        var pastEnd = await HttpAssert.OkAsync(await Client.GetAsync($"/api/v1/questions/{answered}/answers?count=5&page=3"), QaWireFormat.Json.QuestionAnswersPage);
        Assert.Equal(1, pastEnd.TotalAnswers);
        Assert.Empty(pastEnd.Answers);
    }

    [Fact]
    public async Task UnknownProductOrQuestion_Is404ProblemDetails()
    {
        await HttpAssert.ProblemAsync(await Client.GetAsync("/api/v1/products/999999999999/questions"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.GetAsync("/api/v1/products/999999999999/questions/count"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.GetAsync("/api/v1/products/999999999999/questions/search?q=x"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.GetAsync("/api/v1/questions/999999999999/answers"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await Client.GetAsync("/item?id=999999999999"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Health_And_Readiness_Answer()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/healthz")).StatusCode);
        using var ready = await Client.GetAsync("/readyz");
        var body = await ready.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("\"postgres\":\"ok\"", body, StringComparison.Ordinal);
        Assert.Contains("\"redis\":\"ok\"", body, StringComparison.Ordinal);
    }
}
