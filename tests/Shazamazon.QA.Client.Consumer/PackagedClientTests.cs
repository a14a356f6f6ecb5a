using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shazamazon.QA.Client;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Client.Consumer;

/// <summary>The packed client, from nuget/, against a live edge host process over real PostgreSQL and Redis.</summary>
public sealed class PackagedClientTests : IAsyncLifetime
{
    private PostgresServer _postgres = null!;
    private IRedisServer _redis = null!;
    private EdgeHostProcess _edge = null!;
    private NpgsqlDataSource _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PostgresServer.StartAsync();
        _redis = await RedisServer.StartAsync();
        var database = await _postgres.CreateDatabaseAsync();
        _edge = await EdgeHostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = database,
            ["ConnectionStrings:Redis"] = _redis.ConnectionString,
            ["Qa:Database:MigrateOnStart"] = "true",
        });
        _database = NpgsqlDataSource.Create(database);
        _services = new ServiceCollection().AddQaClient(o => o.BaseAddress = _edge.Address).Services.BuildServiceProvider();
    }

    [Fact]
    public void TheClient_ComesFromThePackage()
    {
        // The deps file records how each library was resolved: a package, not a project.
        using var deps = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Shazamazon.QA.Client.Consumer.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().ToDictionary(l => l.Name.Split('/')[0], l => l.Value.GetProperty("type").GetString());
        Assert.Equal("package", libraries["Shazamazon.QA.Client"]);
        Assert.Equal("package", libraries["Shazamazon.QA.Contracts"]);
    }

    [Fact]
    public async Task ReadsAndWrites_AgainstALiveEdge()
    {
        await using (var insert = _database.CreateCommand("INSERT INTO products (id, name, category) VALUES (4242, 'Nimbus 2000', 'brooms')"))
        {
            await insert.ExecuteNonQueryAsync();
        }

        var qa = _services.GetRequiredService<QaClient>();
        Assert.Equal(0, await qa.GetQuestionCountAsync(4242));

        var question = await qa.AskQuestionAsync(4242, new NewQuestion("Does it fly in rain?", "ana", "ana@example.com"));
        var answer = await qa.AnswerQuestionAsync(question.Id, new NewAnswer("Yes, with the charm.", "bob", "bob@example.com"));
        await qa.VoteAnswerAsync(answer.Id, VoteDirection.Up);

        var page = await qa.GetQuestionsAsync(4242);
        Assert.NotNull(page);
        Assert.Equal("Nimbus 2000", page.ProductName);
        Assert.Equal((answer.Id, 1), (page.Questions.Single().Answers.Single().Id, page.Questions.Single().Answers.Single().Helpful));
        Assert.Equal([question.Id], (await qa.SearchQuestionsAsync(4242, "charm"))!.Questions.Select(q => q.Id));

        var invalid = await Assert.ThrowsAsync<QaApiException>(() => qa.AskQuestionAsync(4242, new NewQuestion("", "", "")));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["askerEmail", "askerName", "body"], invalid.Errors.Keys.Order());

        await qa.ReportQuestionAsync(question.Id);
        Assert.Equal(0, await qa.GetQuestionCountAsync(4242));
        Assert.Null(await qa.GetQuestionsAsync(999_999));
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
        await _edge.DisposeAsync();
        await _redis.DisposeAsync();
        await _postgres.DisposeAsync();
    }
}
