using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Data;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Resilience;

namespace Shazamazon.QA.Core.Sources;

/// <summary>
/// Fills misses from PostgreSQL: the read queries of the contract. A page is one statement that returns the product's
/// version with its data, so both come from one snapshot: an entry is cached under exactly the version its data is
/// from. (A statement per part, even in one batch, costs PostgreSQL a second parse-bind-execute per miss.) Every read
/// is bounded by <c>Qa:Database:ReadTimeout</c>, and a PostgreSQL that keeps failing is skipped for
/// <c>Qa:Database:BreakDuration</c> (a circuit breaker), so a dead or blackholed database costs requests a fast
/// failure (a stale entry, or a 503), not a pile of waiting fills. With read replicas (<see cref="QaDatabase"/>) a miss
/// reads a standby; an answer older than the consistency token it was asked with (the version the node already knows,
/// or its client wrote) is read again from the primary, within the same budget.
/// </summary>
internal sealed partial class DatabaseSource(QaDatabase database, IOptionsMonitor<DatabaseOptions> options, TimeProvider clock,
    ILogger<DatabaseSource> logger) : IQaSource
{
    // No minimum span: a fill's budget (ReadTimeout, 2 s by default) is longer than any stall of this process.
    private readonly CircuitBreaker _breaker = new(clock, () => (options.CurrentValue.BreakAfterFailures, options.CurrentValue.BreakDuration, TimeSpan.Zero));

    /// <summary>How many answers a question carries inline: as many as it keeps (<c>qa_top_answer_count()</c>, migration 0009).</summary>
    public const int InlineAnswers = 5;

    /// <summary>How many questions the legacy <c>/item</c> shape lists.</summary>
    public const int LegacyQuestions = 100;

    // The product's counters and its questions' stored answer counts and top answers are the read model of migration
    // 0009: a page reads the product's row and one range of a question index, nothing else.
    private const string ProductSql = """
        SELECT p.version, p.name, p.category, p.question_count AS total
        FROM products p WHERE p.id = $1
        """;

    // A product's figures over its visible questions and answers: its counters, and its question index with each
    // question's stored answer count and latest answer time (a few hundred entries for the busiest product).
    private const string StatsSql = """
        SELECT p.version, p.question_count, p.answered_count, s.answers, s.last_question, s.last_answer
        FROM products p
        CROSS JOIN LATERAL (
            SELECT coalesce(sum(q.answer_count), 0)::int AS answers,
                   max(q.created_at) AS last_question,
                   max(q.last_answered_at) FILTER (WHERE q.answer_count > 0) AS last_answer
            FROM questions q
            WHERE q.product_id = p.id AND q.status = 'approved') s
        WHERE p.id = $1
        """;

    // The page's rows for product $1 and the questions of CTE "page" (in its "ord" order): the product's columns, then
    // one row per question with its top answers (jsonb, read as its UTF-8 text: TopAnswers); a product without questions (on this page) comes
    // once, with NULL question columns. No row at all: no such product. The last columns: the question's latest answer
    // time as stored (with its answer count, the sort keys a cursor carries), and the list's order from CTE "walk", on
    // the first question's row only.
    private const string PageRowsSql = """
        SELECT pr.version, pr.name, pr.category, pr.total,
               q.id, q.body, q.asker_name, q.created_at, q.helpful, q.answer_count, q.top_answers,
               q.last_answered_at, CASE WHEN q.ord = 1 THEN (SELECT ids FROM walk) END
        FROM product pr
        LEFT JOIN page q ON true
        ORDER BY q.ord
        """;

    // A page of the product's list by {order} and {filter} (whose count is {total}): from OFFSET $2 ({after} empty), or
    // after the keyset ($5, $6) ({after} set, OFFSET 0). With $4, and when the list goes on past the page ($2 + $3 of
    // $2 + more), the whole list's order as ids (CTE "walk"), from the same snapshot as the page: the walk the page's
    // cursor continues.
    private const string PageSqlTemplate = """
        WITH product AS (
            SELECT p.version, p.name, p.category, {total} AS total
            FROM products p WHERE p.id = $1),
        walk AS MATERIALIZED (
            SELECT CASE WHEN $4 AND pr.total > $2 + $3 THEN ARRAY(
                       SELECT id FROM questions WHERE product_id = $1 AND status = 'approved'{filter} ORDER BY {order}) END AS ids
            FROM product pr),
        page AS (
            SELECT id, body, asker_name, created_at, helpful, answer_count, last_answered_at, top_answers,
                   row_number() OVER (ORDER BY {order}) AS ord
            FROM questions
            WHERE product_id = $1 AND status = 'approved'{filter}{after}
            ORDER BY {order}
            {offset} LIMIT $3)
        """ + "\n" + PageRowsSql;

    // The next items of a walk's order ($2, ids), as they are now: those still approved, in the walk's order. Each id is
    // one primary-key probe (the LIMIT keeps the planner from joining the product's whole list instead, which a generic
    // plan, not knowing the array's length, would choose).
    private const string WalkPageSql = """
        WITH product AS (
            SELECT p.version, p.name, p.category, {total} AS total
            FROM products p WHERE p.id = $1),
        walk AS MATERIALIZED (SELECT NULL::bigint[] AS ids),
        page AS (
            SELECT q.id, q.body, q.asker_name, q.created_at, q.helpful, q.answer_count, q.last_answered_at, q.top_answers, w.ord
            FROM unnest($2::bigint[]) WITH ORDINALITY w(id, ord)
            CROSS JOIN LATERAL (
                SELECT id, body, asker_name, created_at, helpful, answer_count, last_answered_at, top_answers
                FROM questions
                WHERE id = w.id AND product_id = $1 AND status = 'approved'
                LIMIT 1) q)
        """ + "\n" + PageRowsSql;

    /// <summary>A question page by helpfulness; <c>bench/pgbench/page.sql</c> is this statement (a test holds them equal).</summary>
    internal static readonly string HelpfulPageSql = PageSql(QuestionSort.Helpful, answered: null, keyset: false);

    // Every (sort, filter, keyset) statement, built once: [sort * 6 + filter * 2 + keyset], and the walk pages by filter.
    private static readonly string[] PageStatements = [.. from sort in Enum.GetValues<QuestionSort>()
                                                         from answered in new bool?[] { null, true, false }
                                                         from keyset in new[] { false, true }
                                                         select PageSql(sort, answered, keyset)];

    private static readonly string[] WalkPageStatements = [.. new bool?[] { null, true, false }.Select(a => WalkPageSql.Replace("{total}", Total(a), StringComparison.Ordinal))];

    // Full-text search over each question together with its answers, on the vectors the database maintains (migration
    // 0004): the product's questions (or the GIN index over product and vector, where the planner finds it cheaper) with
    // their stored vectors, and nothing tokenised but the query, once (MATERIALIZED: the generic plan would otherwise
    // parse it again for every row it filters).
    private const string SearchSql = """
        WITH product AS (
        """ + ProductSql + """
        ),
        query AS MATERIALIZED (SELECT websearch_to_tsquery('english', $2) AS tsq),
        walk AS MATERIALIZED (SELECT NULL::bigint[] AS ids),
        hits AS (
            SELECT q.id, q.body, q.asker_name, q.created_at, q.helpful, q.answer_count, q.last_answered_at, q.top_answers,
                   ts_rank(q.search_vector, query.tsq) AS rank
            FROM questions q
            CROSS JOIN query
            WHERE q.product_id = $1 AND q.status = 'approved' AND q.search_vector @@ query.tsq
            ORDER BY rank DESC, q.helpful DESC, q.id DESC
            LIMIT $3),
        page AS (SELECT *, row_number() OVER (ORDER BY rank DESC, helpful DESC, id DESC) AS ord FROM hits)
        """ + "\n" + PageRowsSql;

    // The question's product, version and answer count, then its page of answers: one row per answer, or one row with
    // NULL answer columns when the page is empty. No row at all: no such question (or one not approved).
    private const string AnswerPageSql = """
        WITH question AS (
            SELECT q.id, q.product_id, p.version, q.answer_count AS total
            FROM questions q JOIN products p ON p.id = q.product_id
            WHERE q.id = $1 AND q.status = 'approved')
        SELECT qu.product_id, qu.version, qu.total, a.id, a.body, a.answerer_name, a.created_at, a.helpful
        FROM question qu
        LEFT JOIN LATERAL (
            SELECT id, body, answerer_name, created_at, helpful
            FROM answers
            WHERE question_id = qu.id AND status = 'approved'
            ORDER BY helpful DESC, id DESC
            OFFSET $2 LIMIT $3) a ON true
        ORDER BY a.helpful DESC, a.id DESC
        """;

    private long _primaryRereads;

    public string Name => "database";

    /// <summary>How many misses a standby answered with data older than required, read again from the primary.</summary>
    public long PrimaryRereads => Interlocked.Read(ref _primaryRereads);

    /// <summary>True while fills skip PostgreSQL after repeated failures.</summary>
    public bool IsCircuitOpen => _breaker.IsOpen;

    public Task<Versioned<QuestionPageRead>?> QuestionPageAsync(QuestionPageQuery query, IReadOnlyList<long>? walk, ConsistencyToken atLeast,
        CancellationToken cancellationToken) =>
        GuardAsync((query, walk), atLeast, static (q, db, ct) => ReadQuestionPageAsync(q.query, q.walk, db, ct), cancellationToken);

    public Task<Versioned<ProductQuestionCount>?> QuestionCountAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GuardAsync(productId, atLeast, static (id, db, ct) => ReadQuestionCountAsync(id, db, ct), cancellationToken);

    public Task<Versioned<ProductQuestionStats>?> QuestionStatsAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GuardAsync(productId, atLeast, static (id, db, ct) => ReadQuestionStatsAsync(id, db, ct), cancellationToken);

    public Task<Versioned<QuestionSearchResults>?> SearchAsync(QuestionSearchQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GuardAsync(query, atLeast, static (q, db, ct) => ReadSearchAsync(q, db, ct), cancellationToken);

    public Task<Versioned<QuestionAnswersPage>?> AnswerPageAsync(AnswerPageQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GuardAsync(query, atLeast, static (q, db, ct) => ReadAnswerPageAsync(q, db, ct), cancellationToken);

    public Task<Versioned<LegacyItem>?> LegacyItemAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GuardAsync(productId, atLeast, static (id, db, ct) => ReadLegacyItemAsync(id, db, ct), cancellationToken);

    // Every read: skipped at once while the circuit is open, bounded by the read timeout (connecting included), and
    // counted by the circuit, whose opening is logged.
    private async Task<Versioned<T>?> GuardAsync<TArgument, T>(TArgument argument, ConsistencyToken atLeast,
        Func<TArgument, NpgsqlDataSource, CancellationToken, Task<Versioned<T>?>> read, CancellationToken cancellationToken)
    {
        if (!_breaker.Allow())
        {
            throw new SourceUnavailableException("PostgreSQL failed repeatedly; fills skip it for Qa:Database:BreakDuration.")
            {
                SourceName = Name,
                Failure = SourceFailure.CircuitOpen,
            };
        }

        // One budget: it cancels a running command, and since Npgsql does not cancel a connection that hangs while it
        // opens, the fill also stops waiting on it then; the data source's connect timeout (QaDataSource, 3 s) ends such
        // an attempt.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.CurrentValue.ReadTimeout);
        var reading = ReadCurrentAsync(argument, atLeast, read, budget.Token);
        try
        {
            var value = await reading.WaitAsync(budget.Token);
            _breaker.Succeeded();
            return value;
        }
        catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Forget(reading);
            Failed();
            throw new SourceUnavailableException("PostgreSQL did not answer within Qa:Database:ReadTimeout.", ex)
            {
                SourceName = Name,
                Failure = SourceFailure.TimedOut,
            };
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException)
        {
            Failed();
            throw;
        }
    }

    // A standby's answer older than the token is read again from the primary, which has every committed write.
    private async Task<Versioned<T>?> ReadCurrentAsync<TArgument, T>(TArgument argument, ConsistencyToken atLeast,
        Func<TArgument, NpgsqlDataSource, CancellationToken, Task<Versioned<T>?>> read, CancellationToken cancellationToken)
    {
        Versioned<T>? value;
        try
        {
            value = await read(argument, database.Reads, cancellationToken);
        }
        catch (NpgsqlException ex) when (ex.IsTransient && !cancellationToken.IsCancellationRequested)
        {
            // A pooled connection to a server that has since gone (a standby or the primary stopped, a restart): once
            // more, on a new connection to whichever host answers now.
            value = await read(argument, database.Reads, cancellationToken);
        }

        if (database.HasReplicas && value is not null && value.Version < atLeast.MinimumVersion(value.ProductId))
        {
            Interlocked.Increment(ref _primaryRereads);
            value = await read(argument, database.Primary, cancellationToken);
        }

        return value;
    }

    // A read given up on still ends (its connect timeout, or the cancelled token): observe its failure.
    private static void Forget(Task reading) =>
        reading.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

    private void Failed()
    {
        if (_breaker.Failed())
        {
            LogCircuitOpened(options.CurrentValue.BreakDuration);
        }
    }

    // A page by number; or after a cursor: the next items of the walk's order when the reader still has it, else by
    // keyset after the cursor's last item. Either way the page carries the cursor of the page after it, and a page read
    // by number or keyset carries the whole list's order when the list goes on (the walk that cursor continues).
    private static async Task<Versioned<QuestionPageRead>?> ReadQuestionPageAsync(QuestionPageQuery query, IReadOnlyList<long>? walk,
        NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        var filter = query.Answered switch { null => 0, true => 1, false => 2 };
        var after = query.After;
        int skipped; // how many items of the order come before this page, when known
        NpgsqlCommand command;
        if (after is { } cursor && walk is not null)
        {
            skipped = cursor.Position;
            var ids = walk.Skip(cursor.Position).Take(query.Count).ToArray();
            command = Command(source, WalkPageStatements[filter], query.ProductId, ids);
        }
        else if (after is { } keyset)
        {
            skipped = -1;
            command = Command(source, PageStatements[((int)query.Sort * 6) + (filter * 2) + 1], query.ProductId, 0L, query.Count, true,
                KeyParameter(query.Sort, keyset.Key), keyset.Id);
        }
        else
        {
            skipped = (query.Page - 1) * query.Count;
            command = Command(source, PageStatements[((int)query.Sort * 6) + (filter * 2)], query.ProductId, (long)skipped, query.Count, true);
        }

        await using (command)
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            if (await ReadPageAsync(reader, cancellationToken) is not (var product, var questions, var last, var order))
            {
                return null;
            }

            // The order the next page continues: the walk the cursor came with, or the one this statement read.
            var continued = after is { } c && walk is not null ? (Order: walk, Version: c.Version) : (Order: order, Version: product.Version);
            if (skipped < 0 && order is not null && questions.Count > 0)
            {
                skipped = order.IndexOf(questions[^1].Id) + 1 - questions.Count; // a keyset page: where it sits in today's order
            }

            // The last item's key carries the walk on by keyset if its order is gone; a walk page whose items were all
            // hidden since keeps the previous one.
            var (key, id) = questions.Count > 0 ? (SortKey(query.Sort, questions[^1], last), questions[^1].Id) : after is { } previous ? (previous.Key, previous.Id) : (0L, 0L);
            var position = skipped + query.Count;
            var next = continued.Order is { } list && id > 0 && skipped >= 0 && position < list.Count
                ? new KeysetCursor(query.CursorTag, key, id, continued.Version, position).Encode()
                : null;

            var page = new ProductQuestionsPage(query.ProductId, product.Name, product.Category, product.TotalQuestions, query.Page, query.Count,
                QaRoutes.SortName(query.Sort), questions) { NextCursor = next };
            return new(query.ProductId, product.Version, new QuestionPageRead(page, order));
        }
    }

    private static string PageSql(QuestionSort sort, bool? answered, bool keyset) => PageSqlTemplate
        .Replace("{order}", Order(sort), StringComparison.Ordinal)
        .Replace("{total}", Total(answered), StringComparison.Ordinal)
        .Replace("{filter}", Filter(answered), StringComparison.Ordinal)
        .Replace("{after}", keyset ? $" AND ({KeyColumn(sort)}, id) < ($5, $6)" : string.Empty, StringComparison.Ordinal)
        .Replace("{offset}", keyset ? "OFFSET 0" : "OFFSET $2", StringComparison.Ordinal);

    private static string Order(QuestionSort sort) => $"{KeyColumn(sort)} DESC, id DESC";

    private static string KeyColumn(QuestionSort sort) => sort switch
    {
        QuestionSort.Newest => "created_at",
        QuestionSort.MostAnswered => "answer_count",
        QuestionSort.RecentlyAnswered => "last_answered_at",
        _ => "helpful",
    };

    // The list's length from the product's counters.
    private static string Total(bool? answered) => answered switch
    {
        true => "p.answered_count",
        false => "p.question_count - p.answered_count",
        null => "p.question_count",
    };

    private static string Filter(bool? answered) => answered switch { true => " AND answer_count > 0", false => " AND answer_count = 0", null => "" };

    // A cursor's sort key: a count as it is, a time as ticks ('-infinity', no answer, reads as DateTime.MinValue: 0).
    private static long SortKey(QuestionSort sort, Question question, (int AnswerCount, DateTime LastAnsweredAt) stored) => sort switch
    {
        QuestionSort.Newest => question.CreatedAt.Ticks,
        QuestionSort.MostAnswered => stored.AnswerCount,
        QuestionSort.RecentlyAnswered => stored.LastAnsweredAt.Ticks,
        _ => question.Helpful,
    };

    private static object KeyParameter(QuestionSort sort, long key) => sort switch
    {
        QuestionSort.Newest or QuestionSort.RecentlyAnswered => new DateTime(key, DateTimeKind.Utc),
        _ => (int)key,
    };

    private static async Task<Versioned<ProductQuestionCount>?> ReadQuestionCountAsync(long productId, NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = Command(source, ProductSql, productId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var product = ReadProduct(reader);
        return new(productId, product.Version, new ProductQuestionCount(productId, product.TotalQuestions));
    }

    private static async Task<Versioned<ProductQuestionStats>?> ReadQuestionStatsAsync(long productId, NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = Command(source, StatsSql, productId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new(productId, reader.GetInt64(0), new ProductQuestionStats(productId, reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
            reader.IsDBNull(4) ? null : reader.GetDateTime(4), reader.IsDBNull(5) ? null : reader.GetDateTime(5)));
    }

    private static async Task<Versioned<QuestionSearchResults>?> ReadSearchAsync(QuestionSearchQuery query, NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = Command(source, SearchSql, query.ProductId, query.Text, query.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await ReadPageAsync(reader, cancellationToken) is not (var product, var questions, _, _))
        {
            return null;
        }

        return new(query.ProductId, product.Version, new QuestionSearchResults(query.ProductId, query.Text, query.Count, questions));
    }

    private static async Task<Versioned<QuestionAnswersPage>?> ReadAnswerPageAsync(AnswerPageQuery query, NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = Command(source, AnswerPageSql, query.QuestionId, (long)(query.Page - 1) * query.Count, query.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var productId = reader.GetInt64(0);
        var version = reader.GetInt64(1);
        var total = reader.GetInt32(2);
        var answers = new List<Answer>(query.Count);
        do
        {
            if (!reader.IsDBNull(3))
            {
                answers.Add(ReadAnswer(reader, 3));
            }
        }
        while (await reader.ReadAsync(cancellationToken));

        return new(productId, version, new QuestionAnswersPage(query.QuestionId, query.Page, query.Count, total, answers));
    }

    private static async Task<Versioned<LegacyItem>?> ReadLegacyItemAsync(long productId, NpgsqlDataSource source, CancellationToken cancellationToken)
    {
        await using var command = Command(source, HelpfulPageSql, productId, 0L, LegacyQuestions, false);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (await ReadPageAsync(reader, cancellationToken) is not (var product, var questions, _, _))
        {
            return null;
        }

        var qa = questions.Select(q => new LegacyQuestion(
            q.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Body, q.Answers.Count > 0 ? q.Answers[0].Body : null,
            q.AskerName, q.Helpful, q.CreatedAt)).ToList();
        return new(productId, product.Version, new LegacyItem(productId, product.Name, product.Category, qa));
    }

    private static NpgsqlCommand Command(NpgsqlDataSource source, string sql, params object[] values)
    {
        var command = source.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static ProductRow ReadProduct(NpgsqlDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3));

    // The rows of PageRowsSql: the product from the first row's first four columns, then a question per row from column 4
    // on; the stored sort keys of the last question, and the list's order from the first row.
    private static async Task<(ProductRow Product, List<Question> Questions, (int AnswerCount, DateTime LastAnsweredAt) Last, List<long>? Order)?> ReadPageAsync(
        NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        const int Q = 4; // the first question column: id, body, asker, time, helpful, answer count, top answers
        const int LastAnswered = 11; // then the order
        var product = ReadProduct(reader);
        var order = reader.IsDBNull(LastAnswered + 1) ? null : reader.GetFieldValue<List<long>>(LastAnswered + 1);
        var questions = new List<Question>();
        (int, DateTime) last = default;
        do
        {
            if (reader.IsDBNull(Q))
            {
                continue; // a product without questions (on this page)
            }

            var answerCount = reader.GetInt32(Q + 5);
            questions.Add(new Question(reader.GetInt64(Q), reader.GetString(Q + 1), reader.GetString(Q + 2), reader.GetDateTime(Q + 3),
                reader.GetInt32(Q + 4), answerCount, TopAnswers.Read(reader.GetFieldValue<byte[]>(Q + 6))));
            last = (answerCount, reader.GetDateTime(LastAnswered));
        }
        while (await reader.ReadAsync(cancellationToken));

        return (product, questions, last, order);
    }

    private static Answer ReadAnswer(NpgsqlDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetString(first + 1), reader.GetString(first + 2), reader.GetDateTime(first + 3), reader.GetInt32(first + 4));

    [LoggerMessage(LogEvents.DatabaseCircuitOpened, LogLevel.Warning, "PostgreSQL keeps failing: fills skip it for {Duration} (cached entries answer meanwhile, stale if need be).")]
    private partial void LogCircuitOpened(TimeSpan duration);

    private sealed record ProductRow(long Version, string Name, string Category, int TotalQuestions);
}
