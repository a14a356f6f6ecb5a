using System.Net;
using System.Net.Http.Json;
using Npgsql;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Writes and readiness checks have a pool of their own: misses that hold every connection of theirs cannot starve them.</summary>
[Collection(EdgeCollection.Name)]
public sealed class BulkheadTests(EdgeFixture fixture)
{
    [Fact]
    public async Task WritesAndReadiness_DoNotWaitBehindMissesHoldingTheirPool()
    {
        var reads = new NpgsqlConnectionStringBuilder(fixture.Database) { MaxPoolSize = 2 }.ConnectionString;
        await using var edge = await EdgeHostInstance.StartAsync(reads, redis: null, new Dictionary<string, string?>
        {
            ["Qa:Database:ReadTimeout"] = "00:00:20",
            ["Qa:Cache:FillQueueTimeout"] = "00:00:20",
            ["Qa:Protection:MissesPerSecond"] = "0",
        }, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var questions = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            questions.Add(await fixture.Catalog.QuestionAsync(p, $"question {i}"));
        }

        // Answer pages read the answers table: with it locked, every miss waits in PostgreSQL, holding a read connection.
        await using var locker = await fixture.DataSource.OpenConnectionAsync();
        await using var transaction = await locker.BeginTransactionAsync();
        await using (var lockAnswers = new NpgsqlCommand("LOCK TABLE answers IN ACCESS EXCLUSIVE MODE", locker, transaction))
        {
            await lockAnswers.ExecuteNonQueryAsync();
        }

        var misses = questions.Select(q => edge.Client.GetAsync($"/api/v1/questions/{q}/answers")).ToList();
        await WaitForBlockedReadsAsync(1);

        // A vote reads and writes questions and products only, so the lock does not hold it; only a pool could.
        using var vote = await edge.Client.PostAsJsonAsync($"/api/v1/questions/{questions[0]}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        using var ready = await edge.Client.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.All(misses, m => Assert.False(m.IsCompleted));

        await transaction.RollbackAsync();
        foreach (var response in await Task.WhenAll(misses))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task WaitForBlockedReadsAsync(int count) =>
        await Shazamazon.QA.Testing.Eventually.TrueAsync(async () => await fixture.Catalog.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'QaEdge' AND wait_event_type = 'Lock'") >= count,
            "the misses wait on the lock");
}
