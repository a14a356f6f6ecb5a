using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// Webhooks from the outbox (../shared/API.md, "Webhooks"), to a real HTTP receiver, from edges over a database of
/// their own (one delivering node per database): each event once per delivery, signed, in order per product, retried,
/// kept as failed and replayed; an event only for a write that committed.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class WebhookTests(EdgeFixture fixture) : IAsyncLifetime
{
    private const string Secret = "webhook-secret-0123456789";
    private const string AdminKey = "admin-key-for-webhook-tests";

    private readonly ConcurrentQueue<(QaWebhookEvent Event, bool Signed, int Status)> _received = new();
    private FakeService _receiver = null!;
    private string _database = null!;

    /// <summary>What the receiver answers, by how many requests it has had so far (1 for the first).</summary>
    private Func<int, int> _answer = _ => 200;

    private int _requests;

    public async Task InitializeAsync()
    {
        _database = await fixture.Postgres.CreateDatabaseAsync();
        _receiver = await FakeService.StartAsync();
        _receiver.Handler = async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var bytes = body.ToArray();
            var signed = QaWebhookSignature.Verify(Secret, context.Request.Headers[QaWebhookSignature.Header], bytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            var status = _answer(Interlocked.Increment(ref _requests));
            _received.Enqueue((JsonSerializer.Deserialize(bytes, QaWireFormat.Json.QaWebhookEvent)!, signed, status));
            context.Response.StatusCode = status;
        };
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    [Fact]
    public async Task EveryEventOfAFlow_ArrivesOnce_Signed_InOrder_FromOneOfTwoNodes()
    {
        await using var one = await EdgeAsync();
        await using var two = await EdgeAsync();
        var p = await ProductAsync();

        var question = await CreatedAsync(one.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion("Does it float?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion), QaWireFormat.Json.Question);
        var answer = await CreatedAsync(two.Client.PostAsJsonAsync($"/api/v1/questions/{question.Id}/answers",
            new NewAnswer("It does.", "bob", "bob@example.com"), QaWireFormat.Json.NewAnswer), QaWireFormat.Json.Answer);
        using (var report = await one.Client.PostAsync($"/api/v1/answers/{answer.Id}/report", new StringContent("""{"reason":"spam","reporter":"cy"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.NoContent, report.StatusCode);
        }

        using (var approve = await two.Client.SendAsync(Moderator(HttpMethod.Post, $"/api/v1/moderation/answers/{answer.Id}/approve")))
        {
            Assert.Equal(HttpStatusCode.NoContent, approve.StatusCode);
        }

        string[] expected = ["question.created", "answer.created", "question.answered", "item.reported", "item.approved", "question.answered"];
        await Eventually.TrueAsync(() => Task.FromResult(Events(p).Count >= expected.Length), "every event delivered", TimeSpan.FromSeconds(15));
        await Task.Delay(500); // and nothing more

        var events = Events(p);
        Assert.Equal(expected, events.Select(e => e.Event.Type));
        Assert.All(events, e => Assert.True(e.Signed, $"event {e.Event.Id} is signed"));
        Assert.Equal(events.Count, events.Select(e => e.Event.Id).Distinct().Count()); // no double sends from two nodes
        Assert.Equal(events.Select(e => e.Event.Id).Order(), events.Select(e => e.Event.Id)); // in order
        Assert.Equal(question.Id, events[0].Event.Data.GetProperty("questionId").GetInt64());
        Assert.Equal("Does it float?", events[0].Event.Data.GetProperty("body").GetString());
        Assert.Equal(("answer", answer.Id, "spam"), (events[3].Event.Data.GetProperty("kind").GetString(), events[3].Event.Data.GetProperty("id").GetInt64(),
            events[3].Event.Data.GetProperty("reason").GetString()));
        var metrics = await one.Client.GetStringAsync("/metrics") + await two.Client.GetStringAsync("/metrics");
        Assert.Matches("qa_webhooks_leader(\\{[^}]*\\})? 1", metrics);
        Assert.Matches("qa_webhooks_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*\\} [1-9]", metrics);
        Assert.Contains("qa_webhooks_delivery_lag_seconds_bucket", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReceiverAnswering500_SeesTheRetries_AndLaterEventsOfTheProductWait()
    {
        _answer = n => n <= 2 ? 500 : 200;
        await using var edge = await EdgeAsync();
        var p = await ProductAsync();

        await CreatedAsync(edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("First?", "ana", "ana@example.com"),
            QaWireFormat.Json.NewQuestion), QaWireFormat.Json.Question);
        await CreatedAsync(edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("Second?", "ana", "ana@example.com"),
            QaWireFormat.Json.NewQuestion), QaWireFormat.Json.Question);

        await Eventually.TrueAsync(() => Task.FromResult(Events(p).Count(e => e.Status == 200) == 2), "both delivered", TimeSpan.FromSeconds(15));
        var attempts = Events(p);
        Assert.Equal([500, 500, 200, 200], attempts.Select(e => e.Status));
        var first = attempts[0].Event.Id;
        Assert.Equal([first, first, first], attempts.Take(3).Select(e => e.Event.Id)); // the same event, retried
        Assert.True(attempts[3].Event.Id > first, "the second event waited for the first");
    }

    [Fact]
    public async Task ADeliveryFailingPastItsWindow_IsListedAsFailed_AndReplayed()
    {
        _answer = _ => 503;
        await using var edge = await EdgeAsync(retryFor: "00:00:01");
        var p = await ProductAsync();
        await CreatedAsync(edge.Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("Anyone there?", "ana", "ana@example.com"),
            QaWireFormat.Json.NewQuestion), QaWireFormat.Json.Question);

        List<JsonElement> failed = [];
        await Eventually.TrueAsync(async () =>
        {
            using var list = await edge.Client.SendAsync(Admin(HttpMethod.Get, "/admin/webhooks/failed"));
            failed = [.. (await list.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray()];
            return failed.Count == 1;
        }, "the delivery kept as failed", TimeSpan.FromSeconds(15));
        Assert.Equal(("question.created", "HTTP 503"), (failed[0].GetProperty("type").GetString(), failed[0].GetProperty("lastError").GetString()));
        Assert.Equal(_receiver.Address.AbsoluteUri, failed[0].GetProperty("url").GetString());

        _answer = _ => 200;
        var replay = Admin(HttpMethod.Post, "/admin/webhooks/replay");
        replay.Content = JsonContent.Create(new { eventIds = new[] { failed[0].GetProperty("eventId").GetInt64() } });
        using (var replayed = await edge.Client.SendAsync(replay))
        {
            Assert.Equal(1, (await replayed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        }

        await Eventually.TrueAsync(() => Task.FromResult(Events(p).Any(e => e.Status == 200)), "the replayed delivery", TimeSpan.FromSeconds(15));
        using var empty = await edge.Client.SendAsync(Admin(HttpMethod.Get, "/admin/webhooks/failed"));
        Assert.Empty((await empty.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray());
    }

    [Fact]
    public async Task AWriteThatRollsBack_MakesNoEvent()
    {
        await using var edge = await EdgeAsync();
        var p = await ProductAsync();
        await using (var database = NpgsqlDataSource.Create(_database))
        await using (var connection = await database.OpenConnectionAsync())
        {
            await using (var transaction = await connection.BeginTransactionAsync())
            {
                await Sql(connection, $"INSERT INTO questions (product_id, body, asker_name, asker_email) VALUES ({p}, 'Rolled back?', 'x', 'x@example.com')");
                await transaction.RollbackAsync();
            }

            await Sql(connection, $"INSERT INTO questions (product_id, body, asker_name, asker_email) VALUES ({p}, 'Committed.', 'x', 'x@example.com')");
        }

        await Eventually.TrueAsync(() => Task.FromResult(Events(p).Count == 1), "the committed write's event", TimeSpan.FromSeconds(15));
        await Task.Delay(300);
        Assert.Equal(["Committed."], Events(p).Select(e => e.Event.Data.GetProperty("body").GetString()));
    }

    private List<(QaWebhookEvent Event, bool Signed, int Status)> Events(long productId) =>
        [.. _received.Where(e => e.Event.Data.GetProperty("productId").GetInt64() == productId)];

    private Task<EdgeHostInstance> EdgeAsync(string retryFor = "01:00:00") =>
        EdgeHostInstance.StartAsync(_database, fixture.Redis.ConnectionString, new Dictionary<string, string?>
        {
            ["Qa:Webhooks:Endpoints:0:Url"] = _receiver.Address.AbsoluteUri,
            ["Qa:Webhooks:Endpoints:0:Secret"] = Secret,
            ["Qa:Webhooks:Endpoints:0:Events:0"] = "question.created",
            ["Qa:Webhooks:Endpoints:0:Events:1"] = "answer.created",
            ["Qa:Webhooks:Endpoints:0:Events:2"] = "question.answered",
            ["Qa:Webhooks:Endpoints:0:Events:3"] = "item.reported",
            ["Qa:Webhooks:Endpoints:0:Events:4"] = "item.approved",
            ["Qa:Webhooks:Endpoints:0:Events:5"] = "item.rejected",
            ["Qa:Webhooks:FirstRetryDelay"] = "00:00:00.2",
            ["Qa:Webhooks:MaxRetryDelay"] = "00:00:00.5",
            ["Qa:Webhooks:PollInterval"] = "00:00:00.2",
            ["Qa:Webhooks:RetryFor"] = retryFor,
            ["Qa:Admin:ApiKey"] = AdminKey,
            ["Qa:Moderation:ModeratorKey"] = "moderator-key-0123456789",
        });

    private async Task<long> ProductAsync()
    {
        await using var database = NpgsqlDataSource.Create(_database);
        return await new TestCatalog(database).ProductAsync();
    }

    private static HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", AdminKey);
        return request;
    }

    private static HttpRequestMessage Moderator(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Qa-Moderator-Key", "moderator-key-0123456789");
        return request;
    }

    private static async Task<T> CreatedAsync<T>(Task<HttpResponseMessage> sending, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        using var response = await sending;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync(type))!;
    }

    private static async Task Sql(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
