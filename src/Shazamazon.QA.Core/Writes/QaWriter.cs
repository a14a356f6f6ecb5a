using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Writes;

/// <summary>
/// The writes of the contract on PostgreSQL. Each is one parameterized statement; the tables' triggers stamp the product
/// with a new version from <c>qa_change_seq</c> and announce it (migration 0002). Once it commits, the product is evicted
/// through <see cref="IQaInvalidator"/> before the call returns.
/// </summary>
internal sealed class QaWriter(NpgsqlDataSource dataSource, IQaInvalidator invalidator) : IQaWriter
{
    // Each write is a batch of two statements, run by PostgreSQL as one implicit transaction: the change, then the
    // product's version, which the change's trigger (migration 0002) has just bumped.
    private const string AddQuestionSql = """
        INSERT INTO questions (product_id, body, asker_name, asker_email)
        SELECT id, $2, $3, $4 FROM products WHERE id = $1
        RETURNING id, created_at
        """;

    private const string AddAnswerSql = """
        INSERT INTO answers (question_id, body, answerer_name, answerer_email)
        SELECT id, $2, $3, $4 FROM questions WHERE id = $1 AND NOT reported
        RETURNING id, created_at
        """;

    // One vote per voter (migration 0005): the vote row is inserted, or turned round, or left as it is; the item's count
    // moves by what changed (+-1 for a new vote, +-2 for a turned one, 0 for a repeat) in the same statement, under the
    // item's row lock, so concurrent voters are counted exactly. The item's id comes back whenever it is visible, so a
    // repeated vote is a success that changes nothing (not even the product's version).
    private static readonly string VoteQuestionSql = VoteSql("questions", "question_votes", "question_id");

    private static readonly string VoteAnswerSql = VoteSql("answers", "answer_votes", "answer_id");

    // Reporting is idempotent: an already-reported item answers as a success and changes nothing at all, its product's
    // version included (the UPDATE touches no row, so the change trigger names no product and nothing is evicted). The
    // item's id comes back whenever it exists, so only an unknown item is a 404.
    private const string ReportQuestionSql = """
        WITH item AS (SELECT id, reported FROM questions WHERE id = $1),
             report AS (UPDATE questions q SET reported = true FROM item WHERE q.id = item.id AND NOT item.reported RETURNING q.id)
        SELECT id FROM item
        """;

    private const string ReportAnswerSql = """
        WITH item AS (SELECT id, reported FROM answers WHERE id = $1),
             report AS (UPDATE answers a SET reported = true FROM item WHERE a.id = item.id AND NOT item.reported RETURNING a.id)
        SELECT id FROM item
        """;

    private const string SetQuestionVotesSql = "UPDATE questions SET helpful = $3 WHERE id = $2 AND product_id = $1 AND NOT reported RETURNING id";

    private const string ProductVersionSql = "SELECT id, version FROM products WHERE id = $1";

    private const string QuestionProductVersionSql = """
        SELECT p.id, p.version FROM questions q JOIN products p ON p.id = q.product_id WHERE q.id = $1
        """;

    private const string AnswerProductVersionSql = """
        SELECT p.id, p.version FROM answers a JOIN questions q ON q.id = a.question_id JOIN products p ON p.id = q.product_id
        WHERE a.id = $1
        """;

    public async Task<Written<Question>?> AddQuestionAsync(long productId, NewQuestion question, CancellationToken cancellationToken = default)
    {
        var created = await WriteAsync(
            Statement(AddQuestionSql, productId, question.Body!, question.AskerName!, question.AskerEmail!),
            Statement(ProductVersionSql, productId),
            static r => (Id: r.GetInt64(0), CreatedAt: r.GetDateTime(1)), cancellationToken);
        return created is { } row ? new(new Question(row.Value.Id, question.Body!, question.AskerName!, row.Value.CreatedAt, 0, 0, []), row.Change) : null;
    }

    public async Task<Written<Answer>?> AddAnswerAsync(long questionId, NewAnswer answer, CancellationToken cancellationToken = default)
    {
        var created = await WriteAsync(
            Statement(AddAnswerSql, questionId, answer.Body!, answer.AnswererName!, answer.AnswererEmail!),
            Statement(QuestionProductVersionSql, questionId),
            static r => (Id: r.GetInt64(0), CreatedAt: r.GetDateTime(1)), cancellationToken);
        return created is { } row ? new(new Answer(row.Value.Id, answer.Body!, answer.AnswererName!, row.Value.CreatedAt, 0), row.Change) : null;
    }

    public Task<ProductChange?> VoteQuestionAsync(long questionId, int direction, string voter, CancellationToken cancellationToken = default) =>
        ChangeAsync(Statement(VoteQuestionSql, questionId, (short)direction, voter), Statement(QuestionProductVersionSql, questionId), cancellationToken);

    public Task<ProductChange?> VoteAnswerAsync(long answerId, int direction, string voter, CancellationToken cancellationToken = default) =>
        ChangeAsync(Statement(VoteAnswerSql, answerId, (short)direction, voter), Statement(AnswerProductVersionSql, answerId), cancellationToken);

    public Task<ProductChange?> ReportQuestionAsync(long questionId, CancellationToken cancellationToken = default) =>
        ChangeAsync(Statement(ReportQuestionSql, questionId), Statement(QuestionProductVersionSql, questionId), cancellationToken);

    public Task<ProductChange?> ReportAnswerAsync(long answerId, CancellationToken cancellationToken = default) =>
        ChangeAsync(Statement(ReportAnswerSql, answerId), Statement(AnswerProductVersionSql, answerId), cancellationToken);

    public Task<ProductChange?> SetQuestionVotesAsync(long productId, long questionId, int votes, CancellationToken cancellationToken = default) =>
        ChangeAsync(Statement(SetQuestionVotesSql, productId, questionId, votes), Statement(ProductVersionSql, productId), cancellationToken);

    private async Task<ProductChange?> ChangeAsync(NpgsqlBatchCommand change, NpgsqlBatchCommand version, CancellationToken cancellationToken) =>
        (await WriteAsync(change, version, static r => r.GetInt64(0), cancellationToken))?.Change;

    // Runs the change and the version query as one batch; when the change touched a row, evicts the product.
    private async Task<(T Value, ProductChange Change)?> WriteAsync<T>(NpgsqlBatchCommand change, NpgsqlBatchCommand version,
        Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
        where T : struct
    {
        T value;
        ProductChange changed;
        try
        {
            await using var batch = dataSource.CreateBatch();
            batch.BatchCommands.Add(change);
            batch.BatchCommands.Add(version);
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            value = read(reader);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            changed = new ProductChange(reader.GetInt64(0), reader.GetInt64(1));
        }
        catch (PostgresException ex) when (Rejection(ex) is { } rejected)
        {
            throw rejected;
        }

        // Committed: the announcement runs even when the client has hung up meanwhile.
        await invalidator.ProductChangedAsync(changed, CancellationToken.None);
        return (value, changed);
    }

    private static string VoteSql(string items, string votes, string item) => $"""
        WITH item AS (SELECT id FROM {items} WHERE id = $1 AND NOT reported),
             vote AS (
                 INSERT INTO {votes} ({item}, voter, direction) SELECT id, $3, $2 FROM item
                 ON CONFLICT ({item}, voter) DO UPDATE SET direction = EXCLUDED.direction, voted_at = now()
                     WHERE {votes}.direction <> EXCLUDED.direction
                 RETURNING CASE WHEN xmax = 0 THEN direction ELSE 2 * direction END AS delta),
             counted AS (UPDATE {items} t SET helpful = t.helpful + vote.delta FROM vote WHERE t.id = $1 RETURNING t.id)
        SELECT id FROM item
        """;

    // Data exceptions (class 22) and integrity violations (class 23) are about the request against what is stored, and
    // roll the statement back: the caller's to hear, by field. Anything else is the store failing.
    private static WriteRejectedException? Rejection(PostgresException ex) => ex.SqlState switch
    {
        PostgresErrorCodes.NumericValueOutOfRange => new("helpful", "The helpful count is at the end of its range and cannot move further that way.", conflict: true, ex),
        PostgresErrorCodes.ForeignKeyViolation => new("id", "The item this write refers to was removed meanwhile.", conflict: true, ex),
        PostgresErrorCodes.UniqueViolation => new("id", "The item exists already.", conflict: true, ex),
        PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter
            => new("body", "The text holds characters the store cannot keep.", conflict: false, ex),
        _ when ex.SqlState.StartsWith("22", StringComparison.Ordinal) => new("body", "A value of the write is outside what the store can hold.", conflict: false, ex),
        _ when ex.SqlState.StartsWith("23", StringComparison.Ordinal) => new("id", "The write conflicts with what is stored.", conflict: true, ex),
        _ => null,
    };

    private static NpgsqlBatchCommand Statement(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
