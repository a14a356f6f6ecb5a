using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Writes;
using static Shazamazon.QA.Core.Writes.ProductWrite;

namespace Shazamazon.QA.Core.Moderation;

/// <summary>
/// The moderation queue and decisions on PostgreSQL (migration 0006): the queue walks a partial index over pending rows
/// by (created_at, id), one index seek per page however deep; decisions are writes through <see cref="ProductWrite"/>.
/// </summary>
internal sealed class QaModerator(NpgsqlDataSource primary, ProductWrite write) : IQaModerator
{
    // Each pending item after ($1, $2) in (created_at, id) order, with its reports' reasons and times in report order.
    private const string QuestionQueueSql = """
        SELECT q.id, q.product_id, NULL::bigint, q.body, q.asker_name, q.created_at, q.status::text, r.reasons, r.times
        FROM questions q
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(reason::text ORDER BY reported_at, reporter), '{}') AS reasons,
                   coalesce(array_agg(reported_at ORDER BY reported_at, reporter), '{}') AS times
            FROM question_reports WHERE question_id = q.id) r
        WHERE q.status = 'pending' AND (q.created_at, q.id) > ($1, $2)
        ORDER BY q.created_at, q.id
        LIMIT $3
        """;

    private const string AnswerQueueSql = """
        SELECT a.id, q.product_id, a.question_id, a.body, a.answerer_name, a.created_at, a.status::text, r.reasons, r.times
        FROM answers a
        JOIN questions q ON q.id = a.question_id
        CROSS JOIN LATERAL (
            SELECT coalesce(array_agg(reason::text ORDER BY reported_at, reporter), '{}') AS reasons,
                   coalesce(array_agg(reported_at ORDER BY reported_at, reporter), '{}') AS times
            FROM answer_reports WHERE answer_id = a.id) r
        WHERE a.status = 'pending' AND (a.created_at, a.id) > ($1, $2)
        ORDER BY a.created_at, a.id
        LIMIT $3
        """;

    // The item's id whenever it exists; its status changes only when it differs, so a repeated decision writes nothing.
    private static readonly string DecideQuestionSql = DecideSql("questions");

    private static readonly string DecideAnswerSql = DecideSql("answers");

    public async Task<ModerationQueuePage> QueueAsync(ModerationQueueQuery query, CancellationToken cancellationToken = default)
    {
        var after = query.After is { } cursor ? (At: new DateTime(cursor.Key, DateTimeKind.Utc), cursor.Id) : (At: DateTime.MinValue, Id: 0L);
        var kind = query.Kind == ModerationKind.Answer ? "answer" : "question";
        await using var command = primary.CreateCommand(query.Kind == ModerationKind.Answer ? AnswerQueueSql : QuestionQueueSql);
        command.Parameters.Add(new NpgsqlParameter { Value = after.At });
        command.Parameters.Add(new NpgsqlParameter { Value = after.Id });
        command.Parameters.Add(new NpgsqlParameter { Value = query.Limit + 1 }); // one more: is there a next page?
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var items = new List<ModerationItem>(query.Limit);
        var more = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (items.Count == query.Limit)
            {
                more = true;
                break;
            }

            var reasons = reader.GetFieldValue<string[]>(7);
            var times = reader.GetFieldValue<DateTime[]>(8);
            items.Add(new ModerationItem(kind, reader.GetInt64(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetInt64(2),
                reader.GetString(3), reader.GetString(4), reader.GetDateTime(5), reader.GetString(6),
                [.. reasons.Select((reason, i) => new ItemReport(reason, times[i]))]));
        }

        var next = more ? new KeysetCursor(ModerationQueueQuery.CursorTag(query.Kind), items[^1].CreatedAt.Ticks, items[^1].Id).Encode() : null;
        return new ModerationQueuePage(items, next);
    }

    public Task<ProductChange?> DecideAsync(ModerationKind kind, long id, bool approve, CancellationToken cancellationToken = default)
    {
        var status = approve ? "approved" : "rejected";
        return kind == ModerationKind.Answer
            ? write.ChangeAsync(Statement(DecideAnswerSql, id, status), Statement(QaWriter.AnswerProductVersionSql, id), cancellationToken)
            : write.ChangeAsync(Statement(DecideQuestionSql, id, status), Statement(QaWriter.QuestionProductVersionSql, id), cancellationToken);
    }

    private static string DecideSql(string items) => $"""
        WITH item AS (SELECT id FROM {items} WHERE id = $1),
             decided AS (UPDATE {items} t SET status = $2::qa_status FROM item WHERE t.id = item.id AND t.status <> $2::qa_status RETURNING t.id)
        SELECT id FROM item
        """;
}
