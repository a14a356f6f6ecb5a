using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.Core.Writes;

/// <summary>
/// The writes of the contract. Each is one parameterized statement (atomic by itself) that changes the row and stamps
/// the product with a new version from <c>qa_change_seq</c>; once it commits, the product's cached entries are evicted
/// on this node and in L2 before the call returns (read-your-writes). Inputs must already be validated.
/// </summary>
public sealed class QaWriter
{
    private const string AddQuestionSql = """
        WITH p AS (
            UPDATE products SET version = nextval('qa_change_seq') WHERE id = $1 RETURNING id, version),
        q AS (
            INSERT INTO questions (product_id, body, asker_name, asker_email)
            SELECT p.id, $2, $3, $4 FROM p
            RETURNING id, created_at)
        SELECT q.id, q.created_at, p.version FROM q, p
        """;

    private const string AddAnswerSql = """
        WITH q AS (
            SELECT id, product_id FROM questions WHERE id = $1 AND NOT reported),
        p AS (
            UPDATE products SET version = nextval('qa_change_seq') FROM q WHERE products.id = q.product_id
            RETURNING products.id, products.version),
        a AS (
            INSERT INTO answers (question_id, body, answerer_name, answerer_email)
            SELECT q.id, $2, $3, $4 FROM q, p
            RETURNING id, created_at)
        SELECT a.id, a.created_at, p.id, p.version FROM a, p
        """;

    private const string VoteQuestionSql = """
        WITH q AS (
            UPDATE questions SET helpful = helpful + $2 WHERE id = $1 AND NOT reported RETURNING product_id)
        UPDATE products SET version = nextval('qa_change_seq') FROM q WHERE products.id = q.product_id
        RETURNING products.id, products.version
        """;

    private const string VoteAnswerSql = """
        WITH a AS (
            UPDATE answers SET helpful = helpful + $2 WHERE id = $1 AND NOT reported RETURNING question_id)
        UPDATE products SET version = nextval('qa_change_seq')
        FROM a JOIN questions q ON q.id = a.question_id
        WHERE products.id = q.product_id
        RETURNING products.id, products.version
        """;

    // Reporting is idempotent: an already-reported item answers as a success and changes nothing visible.
    private const string ReportQuestionSql = """
        WITH q AS (
            UPDATE questions SET reported = true WHERE id = $1 RETURNING product_id)
        UPDATE products SET version = nextval('qa_change_seq') FROM q WHERE products.id = q.product_id
        RETURNING products.id, products.version
        """;

    private const string ReportAnswerSql = """
        WITH a AS (
            UPDATE answers SET reported = true WHERE id = $1 RETURNING question_id)
        UPDATE products SET version = nextval('qa_change_seq')
        FROM a JOIN questions q ON q.id = a.question_id
        WHERE products.id = q.product_id
        RETURNING products.id, products.version
        """;

    private const string SetQuestionVotesSql = """
        WITH q AS (
            UPDATE questions SET helpful = $3 WHERE id = $2 AND product_id = $1 AND NOT reported RETURNING product_id)
        UPDATE products SET version = nextval('qa_change_seq') FROM q WHERE products.id = q.product_id
        RETURNING products.id, products.version
        """;

    private readonly NpgsqlDataSource _dataSource;
    private readonly CacheInvalidator _invalidator;

    internal QaWriter(NpgsqlDataSource dataSource, CacheInvalidator invalidator)
    {
        _dataSource = dataSource;
        _invalidator = invalidator;
    }

    /// <summary>Adds a question to a product.</summary>
    /// <returns>The created question, or null when the product does not exist.</returns>
    public async Task<Question?> AddQuestionAsync(long productId, NewQuestion question, CancellationToken cancellationToken = default)
    {
        await using var command = Command(AddQuestionSql, productId, question.Body!, question.AskerName!, question.AskerEmail!);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var created = new Question(reader.GetInt64(0), question.Body!, question.AskerName!, reader.GetDateTime(1), 0, 0, []);
        var version = reader.GetInt64(2);
        await reader.DisposeAsync();
        await _invalidator.ProductChangedAsync(productId, version, cancellationToken);
        return created;
    }

    /// <summary>Adds an answer to a (non-reported) question.</summary>
    /// <returns>The created answer, or null when the question does not exist or was reported.</returns>
    public async Task<Answer?> AddAnswerAsync(long questionId, NewAnswer answer, CancellationToken cancellationToken = default)
    {
        await using var command = Command(AddAnswerSql, questionId, answer.Body!, answer.AnswererName!, answer.AnswererEmail!);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var created = new Answer(reader.GetInt64(0), answer.Body!, answer.AnswererName!, reader.GetDateTime(1), 0);
        var (productId, version) = (reader.GetInt64(2), reader.GetInt64(3));
        await reader.DisposeAsync();
        await _invalidator.ProductChangedAsync(productId, version, cancellationToken);
        return created;
    }

    /// <summary>Moves a question's helpfulness by <paramref name="step"/> (+1 or -1).</summary>
    /// <returns>False when the question does not exist or was reported.</returns>
    public Task<bool> VoteQuestionAsync(long questionId, int step, CancellationToken cancellationToken = default) =>
        ChangeAsync(VoteQuestionSql, cancellationToken, questionId, step);

    /// <summary>Moves an answer's helpfulness by <paramref name="step"/> (+1 or -1).</summary>
    /// <returns>False when the answer does not exist or was reported.</returns>
    public Task<bool> VoteAnswerAsync(long answerId, int step, CancellationToken cancellationToken = default) =>
        ChangeAsync(VoteAnswerSql, cancellationToken, answerId, step);

    /// <summary>Reports a question: it disappears from every read.</summary>
    /// <returns>False when the question does not exist.</returns>
    public Task<bool> ReportQuestionAsync(long questionId, CancellationToken cancellationToken = default) =>
        ChangeAsync(ReportQuestionSql, cancellationToken, questionId);

    /// <summary>Reports an answer: it disappears from every read.</summary>
    /// <returns>False when the answer does not exist.</returns>
    public Task<bool> ReportAnswerAsync(long answerId, CancellationToken cancellationToken = default) =>
        ChangeAsync(ReportAnswerSql, cancellationToken, answerId);

    /// <summary>The legacy widget's vote update: sets a question's helpfulness to <paramref name="votes"/>.</summary>
    /// <returns>False when the question does not exist, is reported, or belongs to another product.</returns>
    public Task<bool> SetQuestionVotesAsync(long productId, long questionId, int votes, CancellationToken cancellationToken = default) =>
        ChangeAsync(SetQuestionVotesSql, cancellationToken, productId, questionId, votes);

    private async Task<bool> ChangeAsync(string sql, CancellationToken cancellationToken, params object[] values)
    {
        long productId, version;
        await using (var command = Command(sql, values))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (!await reader.ReadAsync(cancellationToken))
            {
                return false;
            }

            (productId, version) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        await _invalidator.ProductChangedAsync(productId, version, cancellationToken);
        return true;
    }

    private NpgsqlCommand Command(string sql, params object[] values)
    {
        var command = _dataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
