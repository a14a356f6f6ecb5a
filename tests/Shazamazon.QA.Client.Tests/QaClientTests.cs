using Microsoft.Extensions.DependencyInjection;
using System.Net;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Client.Tests;

/// <summary>Every operation of the client against a real edge.</summary>
[Collection(ClientCollection.Name)]
public sealed class QaClientTests(ClientFixture fixture)
{
    [Theory]
    [InlineData(QaWireEncoding.MessagePack)]
    [InlineData(QaWireEncoding.Json)]
    public async Task Reads_ReturnTheContractsModels_InEitherEncoding(QaWireEncoding encoding)
    {
        var p = await fixture.Catalog.ProductAsync("Nimbus", "brooms");
        var q = await fixture.Catalog.QuestionAsync(p, "Fast in rain?", helpful: 3);
        await fixture.Catalog.AnswerAsync(q, "Very.", helpful: 2);
        var client = fixture.Client(encoding);

        var page = await client.GetQuestionsAsync(p);
        Assert.NotNull(page);
        Assert.Equal(("Nimbus", "brooms", 1), (page.ProductName, page.Category, page.TotalQuestions));
        Assert.Equal("Very.", page.Questions.Single().Answers.Single().Body);
        Assert.Equal(1, await client.GetQuestionCountAsync(p));
        Assert.Equal(1, (await client.GetAnswersAsync(q))!.TotalAnswers);
        Assert.Equal([q], (await client.SearchQuestionsAsync(p, "rain"))!.Questions.Select(x => x.Id));
    }

    [Fact]
    public async Task Reads_OfWhatDoesNotExist_ReturnNull()
    {
        var client = fixture.Client();
        Assert.Null(await client.GetQuestionsAsync(999_999_999_999));
        Assert.Null(await client.GetAnswersAsync(999_999_999_999));
        Assert.Null(await client.GetQuestionCountAsync(999_999_999_999));
        Assert.Null(await client.SearchQuestionsAsync(999_999_999_999, "x"));
        Assert.Empty(await client.GetAllQuestionsAsync(999_999_999_999).ToListAsync());
    }

    [Fact]
    public async Task GetAllQuestionsAsync_PagesThroughEveryQuestionOnce()
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.ScalarAsync<long>("""
            WITH added AS (
                INSERT INTO questions (product_id, body, asker_name, asker_email, helpful)
                SELECT $1, 'q' || n, 'jim', 'jim@example.com', n % 7 FROM generate_series(1, 230) n
                RETURNING 1)
            SELECT count(*) FROM added
            """, p);

        var all = await fixture.Client().GetAllQuestionsAsync(p, QuestionSort.Newest).ToListAsync();

        Assert.Equal(230, all.Count);
        Assert.Equal(230, all.Select(q => q.Id).Distinct().Count());
    }

    [Fact]
    public async Task SortsFiltersAndCursors_ReachTheEdge()
    {
        var p = await fixture.Catalog.ProductAsync();
        var quiet = await fixture.Catalog.QuestionAsync(p, "Nobody answered?");
        var busy = await fixture.Catalog.QuestionAsync(p, "Everyone answered?");
        var some = await fixture.Catalog.QuestionAsync(p, "Someone answered?");
        await fixture.Catalog.AnswerAsync(busy, "One.");
        await fixture.Catalog.AnswerAsync(busy, "Two.");
        await fixture.Catalog.AnswerAsync(some, "Me.");
        var client = fixture.Client();

        var first = (await client.GetQuestionsAsync(p, 1, 1, QuestionSort.MostAnswered, answered: true))!;
        Assert.Equal([busy], first.Questions.Select(q => q.Id));
        Assert.Equal(2, first.TotalQuestions);
        var second = (await client.GetNextQuestionsAsync(p, first.NextCursor!, 1, QuestionSort.MostAnswered, answered: true))!;
        Assert.Equal([some], second.Questions.Select(q => q.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal([quiet], await client.GetAllQuestionsAsync(p, QuestionSort.RecentlyAnswered, answered: false).Select(q => q.Id).ToListAsync());
        var error = await Assert.ThrowsAsync<QaApiException>(() => client.GetNextQuestionsAsync(p, first.NextCursor!, 1, QuestionSort.Newest));
        Assert.Contains("cursor", error.Errors!.Keys);
    }

    [Fact]
    public async Task Writes_AreReadBack()
    {
        var p = await fixture.Catalog.ProductAsync();
        var client = fixture.Client();

        var question = await client.AskQuestionAsync(p, new NewQuestion("Does it fold?", "ana", "ana@example.com"));
        var answer = await client.AnswerQuestionAsync(question.Id, new NewAnswer("Yes.", "bob", "bob@example.com"));
        await client.VoteQuestionAsync(question.Id, VoteDirection.Up);
        await client.VoteAnswerAsync(answer.Id, VoteDirection.Down);

        var page = (await client.GetQuestionsAsync(p))!;
        Assert.Equal((question.Id, 1), (page.Questions.Single().Id, page.Questions.Single().Helpful));
        Assert.Equal((answer.Id, -1), (page.Questions.Single().Answers.Single().Id, page.Questions.Single().Answers.Single().Helpful));

        await client.ReportAnswerAsync(answer.Id);
        await client.ReportQuestionAsync(question.Id);
        Assert.Equal(0, await client.GetQuestionCountAsync(p));
    }

    [Fact]
    public async Task Votes_NamingAVoter_CountOncePerVoter_AndWithoutOne_EachCounts()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        using var services = new ServiceCollection().AddQaClient(o => o.BaseAddress = fixture.Edge.Client.BaseAddress).Services.BuildServiceProvider();
        var client = services.GetRequiredService<QaClient>(); // through the factory, as applications get it

        await client.VoteQuestionAsync(q, VoteDirection.Up, "user-17");
        await client.VoteQuestionAsync(q, VoteDirection.Up, "user-17");
        Assert.Equal(1, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
        await client.VoteQuestionAsync(q, VoteDirection.Down, "user-17");
        Assert.Equal(-1, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));

        // No voter named: the client keeps no cookie, so every call is its own voter.
        await client.VoteQuestionAsync(q, VoteDirection.Up);
        await client.VoteQuestionAsync(q, VoteDirection.Up);
        Assert.Equal(1, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
    }

    [Fact]
    public async Task QuestionStats_AreTheProductsFigures_OrNullForAnUnknownProduct()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q");
        await fixture.Catalog.AnswerAsync(q, "a");
        var stats = (await fixture.Client().GetQuestionStatsAsync(p))!;
        Assert.Equal((p, 1, 1, 1), (stats.ProductId, stats.TotalQuestions, stats.AnsweredQuestions, stats.TotalAnswers));
        Assert.NotNull(stats.LastAnsweredAt);
        Assert.Null(await fixture.Client(QaWireEncoding.Json).GetQuestionStatsAsync(999_999_999_999));
    }

    [Fact]
    public async Task InvalidWrite_ThrowsWithTheProblemAndItsFields()
    {
        var p = await fixture.Catalog.ProductAsync();
        var error = await Assert.ThrowsAsync<QaApiException>(() => fixture.Client().AskQuestionAsync(p, new NewQuestion("", "ana", "not-an-email")));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("The request is invalid.", error.Title);
        Assert.Contains("body", error.Errors.Keys);
        Assert.Contains("askerEmail", error.Errors.Keys);
        Assert.Contains("well-formed", error.Errors["askerEmail"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteToSomethingMissing_Throws404()
    {
        var client = fixture.Client();
        var error = await Assert.ThrowsAsync<QaApiException>(() => client.VoteQuestionAsync(999_999_999_999, VoteDirection.Up));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("999999999999", error.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<QaApiException>(() => client.AskQuestionAsync(999_999_999_999, new NewQuestion("b", "n", "n@example.com")));
    }

    [Fact]
    public async Task BadArguments_AreRejectedBeforeAnyCall()
    {
        var client = fixture.Client();
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetQuestionsAsync(0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetQuestionsAsync(1, page: 0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => client.GetQuestionsAsync(1, count: 101));
        await Assert.ThrowsAsync<ArgumentException>(() => client.SearchQuestionsAsync(1, " "));
        Assert.Throws<ArgumentException>(() => new QaClient(new HttpClient()));
    }
}
