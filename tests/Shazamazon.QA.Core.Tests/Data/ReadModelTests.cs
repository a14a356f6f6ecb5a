using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Data;

/// <summary>
/// The read model of migration 0009 (products' question counts, questions' answer counts and top answers) kept by the
/// database's triggers, whoever writes: after every kind of write, and under concurrent writers, it equals a recount.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class ReadModelTests(DatabaseFixture fixture)
{
    // How many rows' read model differs from a recount (qa_read_model_drift), with one of them.
    private const string DriftSql = "SELECT count(*)::text || coalesce(' e.g. ' || min(kind || ' ' || id), '') FROM qa_read_model_drift()";

    [Fact]
    public async Task EveryKindOfWrite_KeepsTheReadModelEqualToARecount()
    {
        var database = await CreateAsync();
        await database.ExecuteAsync("""
            INSERT INTO products (id, name, category) VALUES (1, 'Kit', 'quidditch'), (2, 'Broom', 'quidditch');
            INSERT INTO questions (id, product_id, body, asker_name, asker_email) VALUES
                (1, 1, 'Waterproof?', 'jim', 'jim@example.com'), (2, 1, 'Size?', 'ann', 'ann@example.com');
            INSERT INTO answers (id, question_id, body, answerer_name, answerer_email, helpful)
            SELECT g, 1, 'Answer ' || g, 'bob', 'bob@example.com', g % 4 FROM generate_series(1, 8) g
            """);
        Assert.Equal((2, 1), await CountsAsync(database, 1));
        Assert.Equal("7 3 6 2 5", await TopIdsAsync(database, 1)); // helpful 3, 3, 2, 2, 1: by id, descending, within a score
        Assert.Equal("0", await database.ScalarAsync<string>(DriftSql));

        string[] writes =
        [
            "UPDATE answers SET helpful = 10 WHERE id = 1",                            // a vote lifts an answer into the top
            "UPDATE answers SET answerer_name = 'robert' WHERE id = 8",                // a renamed answerer
            "UPDATE answers SET status = 'pending' WHERE id = 7",                      // a report hides an answer
            "UPDATE answers SET body = 'Edited' WHERE id = 3",
            "UPDATE answers SET question_id = 2 WHERE id IN (2, 6)",                   // moved: the second question is answered now
            "UPDATE questions SET status = 'pending' WHERE id = 2",                    // a report hides an answered question
            "UPDATE questions SET status = 'approved' WHERE id = 2",
            "UPDATE questions SET product_id = 2 WHERE id = 1",                        // moved to another product
            "INSERT INTO questions (id, product_id, body, asker_name, asker_email, status) VALUES (3, 2, 'Pending?', 'jim', 'jim@example.com', 'pending')",
            "UPDATE questions SET helpful = helpful + 1 WHERE id = 2",
            "DELETE FROM answers WHERE id = 1",
            "DELETE FROM answers WHERE question_id = 2; DELETE FROM questions WHERE id = 2",
        ];
        foreach (var write in writes)
        {
            await database.ExecuteAsync(write);
            Assert.True("0" == await database.ScalarAsync<string>(DriftSql), $"after {write}: {await database.ScalarAsync<string>(DriftSql)}");
        }

        Assert.Equal((0, 0), await CountsAsync(database, 1));
        Assert.Equal((1, 1), await CountsAsync(database, 2));
        Assert.Equal("3 5 8 4", await TopIdsAsync(database, 1));
    }

    [Fact]
    public async Task ConcurrentWriters_AddUpExactly()
    {
        var database = await CreateAsync();
        await database.ExecuteAsync("""
            INSERT INTO products (id, name, category) VALUES (1, 'Kit', 'quidditch');
            INSERT INTO questions (id, product_id, body, asker_name, asker_email) VALUES (1, 1, 'Waterproof?', 'jim', 'jim@example.com');
            INSERT INTO answers (id, question_id, body, answerer_name, answerer_email)
            SELECT g, 1, 'Answer ' || g, 'bob', 'bob@example.com' FROM generate_series(1, 10) g;
            SELECT setval(pg_get_serial_sequence('questions', 'id'), 100), setval(pg_get_serial_sequence('answers', 'id'), 100)
            """);

        // 40 writers at once: new questions on the product, new answers to its question, votes on its answers, and
        // reports hiding some of them; each a transaction of its own, as the edge writes.
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => database.ExecuteAsync((i % 4) switch
        {
            0 => $"INSERT INTO questions (product_id, body, asker_name, asker_email) VALUES (1, 'Question {i}', 'ann', 'ann@example.com')",
            1 => $"INSERT INTO answers (question_id, body, answerer_name, answerer_email) VALUES (1, 'Answer {i}', 'ann', 'ann@example.com')",
            2 => $"UPDATE answers SET helpful = helpful + 1 WHERE id = {(i % 10) + 1}",
            _ => $"UPDATE answers SET status = 'pending' WHERE id = {(i % 10) + 1} AND status = 'approved'",
        })));

        Assert.Equal("0", await database.ScalarAsync<string>(DriftSql));
        Assert.Equal((11, 1), await CountsAsync(database, 1));
    }

    [Fact]
    public async Task ConcurrentVotes_OnAQuestionAndItsAnswers_AllCount()
    {
        // Every write locks the question before the product (migration 0009 orders the answers' triggers so): with the
        // refresh of the question after the product, an answer vote and a vote on its question deadlocked.
        var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        var database = services.GetRequiredService<NpgsqlDataSource>();
        var writer = services.GetRequiredService<Writes.IQaWriter>();
        await database.ExecuteAsync("""
            INSERT INTO products (id, name, category) VALUES (1, 'Kit', 'quidditch');
            INSERT INTO questions (id, product_id, body, asker_name, asker_email) VALUES (1, 1, 'Waterproof?', 'jim', 'jim@example.com');
            INSERT INTO answers (id, question_id, body, answerer_name, answerer_email)
            SELECT g, 1, 'Answer ' || g, 'bob', 'bob@example.com' FROM generate_series(1, 5) g
            """);

        await database.ExecuteAsync("SELECT setval(pg_get_serial_sequence('answers', 'id'), 100)");

        // Votes on the question and on its answers, and new answers to it (which lock the question too), at once.
        await Task.WhenAll(Enumerable.Range(0, 90).Select(i => (i % 3) switch
        {
            0 => writer.VoteQuestionAsync(1, 1, $"voter {i}"),
            1 => writer.VoteAnswerAsync((i % 5) + 1, 1, $"voter {i}"),
            _ => (Task)writer.AddAnswerAsync(1, new Contracts.NewAnswer($"Answer {i}", "ann", "ann@example.com")),
        }));

        Assert.Equal("30/30/35", await database.ScalarAsync<string>(
            "SELECT (SELECT helpful FROM questions WHERE id = 1) || '/' || (SELECT sum(helpful) FROM answers) || '/' || (SELECT answer_count FROM questions WHERE id = 1)"));
        Assert.Equal("0", await database.ScalarAsync<string>(DriftSql));
    }

    [Fact]
    public async Task TopAnswers_KeepAsManyAsTheReadsShow()
    {
        var database = await CreateAsync();
        Assert.Equal(Core.Sources.DatabaseSource.InlineAnswers, await database.ScalarAsync<int>("SELECT qa_top_answer_count()"));
    }

    private async Task<NpgsqlDataSource> CreateAsync()
    {
        var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync());
        return services.GetRequiredService<NpgsqlDataSource>();
    }

    private static async Task<(int Questions, int Answered)> CountsAsync(NpgsqlDataSource database, long productId)
    {
        await using var command = database.CreateCommand($"SELECT question_count, answered_count FROM products WHERE id = {productId}");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt32(0), reader.GetInt32(1));
    }

    private static Task<string> TopIdsAsync(NpgsqlDataSource database, long questionId) =>
        database.ScalarAsync<string>($"SELECT string_agg(a->>'id', ' ') FROM questions, jsonb_array_elements(top_answers) a WHERE id = {questionId}");
}
