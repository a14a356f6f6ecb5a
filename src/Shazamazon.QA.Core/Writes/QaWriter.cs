using Microsoft.Extensions.Options;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using static Shazamazon.QA.Core.Writes.ProductWrite;

namespace Shazamazon.QA.Core.Writes;

/// <summary>
/// The writes of the contract on PostgreSQL. Each is one parameterized statement, run with the product's new version
/// by <see cref="ProductWrite"/>, which evicts the product once it commits.
/// </summary>
internal sealed class QaWriter(ProductWrite write, IOptionsMonitor<ModerationOptions> moderation) : IQaWriter
{
    // New items are approved, or pending under pre-moderation ($5); answers go to approved questions only.
    internal const string AddQuestionSql = """
        INSERT INTO questions (product_id, body, asker_name, asker_email, status)
        SELECT id, $2, $3, $4, $5::qa_status FROM products WHERE id = $1
        RETURNING id, created_at
        """;

    internal const string AddAnswerSql = """
        INSERT INTO answers (question_id, body, answerer_name, answerer_email, status)
        SELECT id, $2, $3, $4, $5::qa_status FROM questions WHERE id = $1 AND status = 'approved'
        RETURNING id, created_at
        """;

    // One vote per voter (migration 0005): the vote row is inserted, or turned round, or left as it is; the item's count
    // moves by what changed (+-1 for a new vote, +-2 for a turned one, 0 for a repeat) in the same statement, under the
    // item's row lock, so concurrent voters are counted exactly. The item's id comes back whenever it is visible, so a
    // repeated vote is a success that changes nothing (not even the product's version).
    internal static readonly string VoteQuestionSql = VoteSql("questions", "question_votes", "question_id");

    private static readonly string VoteAnswerSql = VoteSql("answers", "answer_votes", "answer_id");

    // One report per reporter (migration 0006): a new report is kept with its reason and hides an approved item (pending,
    // queued for moderators); a repeated one changes nothing at all, the product's version included (no row is written,
    // so the change trigger names no product). An item already pending or rejected keeps its status. The item's id comes
    // back whenever it exists, so only an unknown item is a 404.
    private static readonly string ReportQuestionSql = ReportSql("questions", "question_reports", "question_id");

    private static readonly string ReportAnswerSql = ReportSql("answers", "answer_reports", "answer_id");

    private const string SetQuestionVotesSql = "UPDATE questions SET helpful = $3 WHERE id = $2 AND product_id = $1 AND status = 'approved' RETURNING id";

    /// <summary>A product's version, as the second statement of a write on it.</summary>
    internal const string ProductVersionSql = "SELECT id, version FROM products WHERE id = $1";

    /// <summary>A question's product and its version.</summary>
    internal const string QuestionProductVersionSql = """
        SELECT p.id, p.version FROM questions q JOIN products p ON p.id = q.product_id WHERE q.id = $1
        """;

    /// <summary>An answer's product and its version.</summary>
    internal const string AnswerProductVersionSql = """
        SELECT p.id, p.version FROM answers a JOIN questions q ON q.id = a.question_id JOIN products p ON p.id = q.product_id
        WHERE a.id = $1
        """;

    public async Task<Written<Question>?> AddQuestionAsync(long productId, NewQuestion question, CancellationToken cancellationToken = default)
    {
        var status = NewItemStatus();
        var created = await write.RunAsync(
            Statement(AddQuestionSql, productId, question.Body!, question.AskerName!, question.AskerEmail!, status),
            Statement(ProductVersionSql, productId),
            static r => (Id: r.GetInt64(0), CreatedAt: r.GetDateTime(1)), cancellationToken);
        return created is { } row
            ? new(new Question(row.Value.Id, question.Body!, question.AskerName!, row.Value.CreatedAt, 0, 0, []) { Status = status }, row.Change)
            : null;
    }

    public async Task<Written<Answer>?> AddAnswerAsync(long questionId, NewAnswer answer, CancellationToken cancellationToken = default)
    {
        var status = NewItemStatus();
        var created = await write.RunAsync(
            Statement(AddAnswerSql, questionId, answer.Body!, answer.AnswererName!, answer.AnswererEmail!, status),
            Statement(QuestionProductVersionSql, questionId),
            static r => (Id: r.GetInt64(0), CreatedAt: r.GetDateTime(1)), cancellationToken);
        return created is { } row
            ? new(new Answer(row.Value.Id, answer.Body!, answer.AnswererName!, row.Value.CreatedAt, 0) { Status = status }, row.Change)
            : null;
    }

    public Task<ProductChange?> VoteQuestionAsync(long questionId, int direction, string voter, CancellationToken cancellationToken = default) =>
        write.ChangeAsync(Statement(VoteQuestionSql, questionId, (short)direction, voter), Statement(QuestionProductVersionSql, questionId), cancellationToken);

    public Task<ProductChange?> VoteAnswerAsync(long answerId, int direction, string voter, CancellationToken cancellationToken = default) =>
        write.ChangeAsync(Statement(VoteAnswerSql, answerId, (short)direction, voter), Statement(AnswerProductVersionSql, answerId), cancellationToken);

    public Task<ProductChange?> ReportQuestionAsync(long questionId, string reason, string reporter, CancellationToken cancellationToken = default) =>
        write.ChangeAsync(Statement(ReportQuestionSql, questionId, reason, reporter), Statement(QuestionProductVersionSql, questionId), cancellationToken);

    public Task<ProductChange?> ReportAnswerAsync(long answerId, string reason, string reporter, CancellationToken cancellationToken = default) =>
        write.ChangeAsync(Statement(ReportAnswerSql, answerId, reason, reporter), Statement(AnswerProductVersionSql, answerId), cancellationToken);

    public Task<ProductChange?> SetQuestionVotesAsync(long productId, long questionId, int votes, CancellationToken cancellationToken = default) =>
        write.ChangeAsync(Statement(SetQuestionVotesSql, productId, questionId, votes), Statement(ProductVersionSql, productId), cancellationToken);

    private string NewItemStatus() => moderation.CurrentValue.Mode == ModerationMode.Pre ? "pending" : "approved";

    private static string VoteSql(string items, string votes, string item) => $"""
        WITH item AS (SELECT id FROM {items} WHERE id = $1 AND status = 'approved'),
             vote AS (
                 INSERT INTO {votes} ({item}, voter, direction) SELECT id, $3, $2 FROM item
                 ON CONFLICT ({item}, voter) DO UPDATE SET direction = EXCLUDED.direction, voted_at = now()
                     WHERE {votes}.direction <> EXCLUDED.direction
                 RETURNING CASE WHEN xmax = 0 THEN direction ELSE 2 * direction END AS delta),
             counted AS (UPDATE {items} t SET helpful = t.helpful + vote.delta FROM vote WHERE t.id = $1 RETURNING t.id)
        SELECT id FROM item
        """;

    private static string ReportSql(string items, string reports, string item) => $"""
        WITH item AS (SELECT id FROM {items} WHERE id = $1),
             report AS (
                 INSERT INTO {reports} ({item}, reason, reporter) SELECT id, $2::qa_report_reason, $3 FROM item
                 ON CONFLICT ({item}, reporter) DO NOTHING
                 RETURNING {item}),
             hidden AS (UPDATE {items} t SET status = 'pending' FROM report WHERE t.id = report.{item} AND t.status = 'approved' RETURNING t.id)
        SELECT id FROM item
        """;
}
