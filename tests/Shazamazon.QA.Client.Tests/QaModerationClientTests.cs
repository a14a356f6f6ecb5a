using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.EdgeHost.Tests;

namespace Shazamazon.QA.Client.Tests;

/// <summary>The moderators' client against a real edge with a moderator key, and its registration.</summary>
[Collection(ClientCollection.Name)]
public sealed class QaModerationClientTests(ClientFixture fixture) : IAsyncLifetime
{
    private const string Key = "moderator-key-for-the-client-tests";
    private EdgeHostInstance _edge = null!;

    public async Task InitializeAsync() =>
        _edge = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString,
            new Dictionary<string, string?> { ["Qa:Moderation:ModeratorKey"] = Key }, migrate: false);

    public async Task DisposeAsync() => await _edge.DisposeAsync();

    [Theory]
    [InlineData(QaWireEncoding.MessagePack)]
    [InlineData(QaWireEncoding.Json)]
    public async Task AReportedItem_IsQueuedWithItsReason_AndApprovingItShowsItAgain(QaWireEncoding encoding)
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Does it glow?");
        var a = await fixture.Catalog.AnswerAsync(q, "Only in the dark.");
        var client = new QaClient(new HttpClient { BaseAddress = _edge.Client.BaseAddress }, encoding);
        var moderation = new QaModerationClient(new HttpClient { BaseAddress = _edge.Client.BaseAddress }, Key, encoding);

        await client.ReportQuestionAsync(q, new Report("off-topic", "user-17"));
        await client.ReportAnswerAsync(a, new Report("spam", "user-17"));
        Assert.Equal(0, await client.GetQuestionCountAsync(p));

        var question = await moderation.GetAllQueuedAsync().SingleAsync(i => i.Id == q);
        Assert.Equal(("question", p, "Does it glow?", "off-topic"), (question.Kind, question.ProductId, question.Body, question.Reports.Single().Reason));
        var answer = await moderation.GetAllQueuedAsync(ModerationKind.Answer).SingleAsync(i => i.Id == a);
        Assert.Equal((q, "spam"), (answer.QuestionId, answer.Reports.Single().Reason));

        await moderation.ApproveAsync(ModerationKind.Question, q);
        await moderation.RejectAsync(ModerationKind.Answer, a);
        var page = (await client.GetQuestionsAsync(p))!;
        Assert.Equal((q, 0), (page.Questions.Single().Id, page.Questions.Single().AnswerCount));
    }

    [Fact]
    public async Task AWrongKey_AndAnUnknownItem_AreApiExceptions()
    {
        var wrong = new QaModerationClient(new HttpClient { BaseAddress = _edge.Client.BaseAddress }, "not-the-moderator-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<QaApiException>(() => wrong.GetQueueAsync())).StatusCode);

        var moderation = new QaModerationClient(new HttpClient { BaseAddress = _edge.Client.BaseAddress }, Key);
        Assert.Equal(HttpStatusCode.NotFound, (await Assert.ThrowsAsync<QaApiException>(() => moderation.ApproveAsync(ModerationKind.Question, 999_999_999))).StatusCode);
        var invalid = await Assert.ThrowsAsync<QaApiException>(() => moderation.GetQueueAsync(ModerationKind.Answer, cursor: "not-a-cursor"));
        Assert.Contains("cursor", invalid.Errors!.Keys);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => moderation.GetQueueAsync(limit: 101));
    }

    [Fact]
    public async Task AddQaModerationClient_SendsTheKey_AndNeverRetriesADecision()
    {
        await using var edge = await FakeService.StartAsync();
        var keys = new List<string>();
        edge.Handler = context =>
        {
            lock (keys)
            {
                keys.Add(context.Request.Headers["X-Qa-Moderator-Key"].ToString());
            }

            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QaModerationClient:BaseAddress"] = edge.Address.ToString(),
            ["QaModerationClient:ModeratorKey"] = Key,
        }).Build();
        await using var services = new ServiceCollection().AddQaModerationClient(configuration.GetSection("QaModerationClient")).Services.BuildServiceProvider();

        var error = await Assert.ThrowsAsync<QaApiException>(() => services.GetRequiredService<QaModerationClient>().ApproveAsync(ModerationKind.Answer, 4));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, error.StatusCode);
        Assert.Equal([Key], keys);
        Assert.Equal(1, edge.Hits("/api/v1/moderation/answers/4/approve"));
    }

    [Fact]
    public void AddQaModerationClient_WithoutAKey_FailsAtStartNamingIt()
    {
        using var services = new ServiceCollection().AddQaModerationClient(o => o.BaseAddress = new Uri("http://edge:5080/")).Services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<QaModerationClientOptions>>().Value);
        Assert.Contains("QaModerationClient:ModeratorKey", error.Message, StringComparison.Ordinal);
    }
}
