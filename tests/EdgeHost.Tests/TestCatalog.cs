using Npgsql;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Creates exactly the products, questions and answers a test asserts on, straight in PostgreSQL.</summary>
public sealed class TestCatalog(NpgsqlDataSource database)
{
    private static long _nextProductId = 5_000_000;

    public async Task<long> ProductAsync(string name = "Quidditch Kit Set", string category = "quidditch")
    {
        var id = Interlocked.Increment(ref _nextProductId);
        await using var command = database.CreateCommand("INSERT INTO products (id, name, category) VALUES ($1, $2, $3)");
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = name });
        command.Parameters.Add(new() { Value = category });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    public Task<long> QuestionAsync(long productId, string body, int helpful = 0, DateTime? createdAt = null, string status = "approved") =>
        InsertAsync("""
            INSERT INTO questions (product_id, body, asker_name, asker_email, helpful, created_at, status)
            VALUES ($1, $2, 'jim', 'jim@example.com', $3, $4, $5::qa_status) RETURNING id
            """, productId, body, helpful, createdAt ?? DateTime.UtcNow, status);

    public Task<long> AnswerAsync(long questionId, string body, int helpful = 0, string status = "approved") =>
        InsertAsync("""
            INSERT INTO answers (question_id, body, answerer_name, answerer_email, helpful, status)
            VALUES ($1, $2, 'bob', 'bob@example.com', $3, $4::qa_status) RETURNING id
            """, questionId, body, helpful, status);

    public async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var command = database.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new() { Value = value });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    private Task<long> InsertAsync(string sql, params object[] values) => ScalarAsync<long>(sql, values);
}
