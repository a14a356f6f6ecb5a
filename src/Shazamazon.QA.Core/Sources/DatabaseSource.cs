using Npgsql;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Reads;

namespace Shazamazon.QA.Core.Sources;

/// <summary>
/// Fills misses from PostgreSQL: the read queries of the contract. Each read fetches the product's version <em>before</em> its data (one batch, one
/// round trip), so the data is never older than the version it is cached under: a concurrent write can only make an
/// entry look staler than it is, never fresher.
/// </summary>
internal sealed class DatabaseSource(NpgsqlDataSource dataSource) : IQaSource
{
    /// <summary>How many answers a question carries inline.</summary>
    public const int InlineAnswers = 5;

    /// <summary>How many questions the legacy <c>/item</c> shape lists.</summary>
    public const int LegacyQuestions = 100;

    private const string ProductSql = """
        SELECT p.version, p.name, p.category,
               (SELECT count(*) FROM questions q WHERE q.product_id = p.id AND NOT q.reported)::int
        FROM products p WHERE p.id = $1
        """;

    // Rows of the question shape for the questions in CTE "page" (in its "ord" order): one row per (question, inline
    // answer); a question without answers comes once, with NULL answer columns. $4 is the number of inline answers.
    private const string QuestionRowsSql = """
        SELECT q.id, q.body, q.asker_name, q.created_at, q.helpful,
               (SELECT count(*) FROM answers c WHERE c.question_id = q.id AND NOT c.reported)::int,
               a.id, a.body, a.answerer_name, a.created_at, a.helpful
        FROM page q
        LEFT JOIN LATERAL (
            SELECT id, body, answerer_name, created_at, helpful
            FROM answers
            WHERE question_id = q.id AND NOT reported
            ORDER BY helpful DESC, id DESC
            LIMIT $4) a ON true
        ORDER BY q.ord, a.helpful DESC, a.id DESC
        """;

    private const string PageSqlTemplate = """
        WITH page AS (
            SELECT id, body, asker_name, created_at, helpful, row_number() OVER (ORDER BY {0}) AS ord
            FROM questions
            WHERE product_id = $1 AND NOT reported
            ORDER BY {0}
            OFFSET $2 LIMIT $3)
        """ + "\n" + QuestionRowsSql;

    private static readonly string HelpfulPageSql = PageSqlTemplate.Replace("{0}", "helpful DESC, id DESC", StringComparison.Ordinal);
    private static readonly string NewestPageSql = PageSqlTemplate.Replace("{0}", "created_at DESC, id DESC", StringComparison.Ordinal);

    // Full-text search over each candidate question together with its answers. The product's questions come from the
    // product index first (at most a few hundred rows), so the text vectors are built for that product only.
    private const string SearchSql = """
        WITH query AS (SELECT websearch_to_tsquery('english', $2) AS tsq),
        hits AS (
            SELECT q.id, q.body, q.asker_name, q.created_at, q.helpful,
                   ts_rank(d.doc, query.tsq) AS rank
            FROM questions q
            CROSS JOIN query
            CROSS JOIN LATERAL (
                SELECT to_tsvector('english', q.body || ' ' || coalesce(string_agg(a.body, ' '), '')) AS doc
                FROM answers a
                WHERE a.question_id = q.id AND NOT a.reported) d
            WHERE q.product_id = $1 AND NOT q.reported AND d.doc @@ query.tsq
            ORDER BY rank DESC, q.helpful DESC, q.id DESC
            LIMIT $3),
        page AS (SELECT *, row_number() OVER (ORDER BY rank DESC, helpful DESC, id DESC) AS ord FROM hits)
        """ + "\n" + QuestionRowsSql;

    private const string QuestionSql = """
        SELECT q.product_id, p.version,
               (SELECT count(*) FROM answers a WHERE a.question_id = q.id AND NOT a.reported)::int
        FROM questions q JOIN products p ON p.id = q.product_id
        WHERE q.id = $1 AND NOT q.reported
        """;

    private const string AnswerPageSql = """
        SELECT id, body, answerer_name, created_at, helpful
        FROM answers
        WHERE question_id = $1 AND NOT reported
        ORDER BY helpful DESC, id DESC
        OFFSET $2 LIMIT $3
        """;

    public async Task<Versioned<ProductQuestionsPage>?> QuestionPageAsync(QuestionPageQuery query, CancellationToken cancellationToken)
    {
        var sql = query.Sort == QuestionSort.Newest ? NewestPageSql : HelpfulPageSql;
        await using var batch = dataSource.CreateBatch();
        AddProduct(batch, query.ProductId);
        batch.BatchCommands.Add(Command(sql, query.ProductId, (long)(query.Page - 1) * query.Count, query.Count, InlineAnswers));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (await ReadProductAsync(reader, cancellationToken) is not { } product)
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var questions = await ReadQuestionsAsync(reader, cancellationToken);
        var sort = query.Sort == QuestionSort.Newest ? "newest" : "helpful";
        return new(query.ProductId, product.Version,
            new ProductQuestionsPage(query.ProductId, product.Name, product.Category, product.TotalQuestions, query.Page, query.Count, sort, questions));
    }

    public async Task<Versioned<ProductQuestionCount>?> QuestionCountAsync(long productId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        AddProduct(batch, productId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await ReadProductAsync(reader, cancellationToken) is { } product
            ? new(productId, product.Version, new ProductQuestionCount(productId, product.TotalQuestions))
            : null;
    }

    public async Task<Versioned<QuestionSearchResults>?> SearchAsync(QuestionSearchQuery query, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        AddProduct(batch, query.ProductId);
        batch.BatchCommands.Add(Command(SearchSql, query.ProductId, query.Text, query.Count, InlineAnswers));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (await ReadProductAsync(reader, cancellationToken) is not { } product)
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var questions = await ReadQuestionsAsync(reader, cancellationToken);
        return new(query.ProductId, product.Version, new QuestionSearchResults(query.ProductId, query.Text, query.Count, questions));
    }

    public async Task<Versioned<QuestionAnswersPage>?> AnswerPageAsync(AnswerPageQuery query, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(Command(QuestionSql, query.QuestionId));
        batch.BatchCommands.Add(Command(AnswerPageSql, query.QuestionId, (long)(query.Page - 1) * query.Count, query.Count));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var productId = reader.GetInt64(0);
        var version = reader.GetInt64(1);
        var total = reader.GetInt32(2);
        await reader.NextResultAsync(cancellationToken);
        var answers = new List<Answer>(query.Count);
        while (await reader.ReadAsync(cancellationToken))
        {
            answers.Add(ReadAnswer(reader, 0));
        }

        return new(productId, version, new QuestionAnswersPage(query.QuestionId, query.Page, query.Count, total, answers));
    }

    public async Task<Versioned<LegacyItem>?> LegacyItemAsync(long productId, CancellationToken cancellationToken)
    {
        await using var batch = dataSource.CreateBatch();
        AddProduct(batch, productId);
        batch.BatchCommands.Add(Command(HelpfulPageSql, productId, 0L, LegacyQuestions, 1));
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        if (await ReadProductAsync(reader, cancellationToken) is not { } product)
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var questions = await ReadQuestionsAsync(reader, cancellationToken);
        var qa = questions.Select(q => new LegacyQuestion(
            q.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Body, q.Answers.Count > 0 ? q.Answers[0].Body : null,
            q.AskerName, q.Helpful, q.CreatedAt)).ToList();
        return new(productId, product.Version, new LegacyItem(productId, product.Name, product.Category, qa));
    }

    private static void AddProduct(NpgsqlBatch batch, long productId) => batch.BatchCommands.Add(Command(ProductSql, productId));

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    private static async Task<ProductRow?> ReadProductAsync(NpgsqlDataReader reader, CancellationToken cancellationToken) =>
        await reader.ReadAsync(cancellationToken)
            ? new ProductRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3))
            : null;

    private static async Task<List<Question>> ReadQuestionsAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var questions = new List<Question>();
        long currentId = 0;
        List<Answer>? answers = null;
        (string Body, string Asker, DateTime CreatedAt, int Helpful, int AnswerCount) current = (string.Empty, string.Empty, default, 0, 0);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetInt64(0);
            if (id != currentId)
            {
                Flush();
                currentId = id;
                current = (reader.GetString(1), reader.GetString(2), reader.GetDateTime(3), reader.GetInt32(4), reader.GetInt32(5));
                answers = [];
            }

            if (!reader.IsDBNull(6))
            {
                answers!.Add(ReadAnswer(reader, 6));
            }
        }

        Flush();
        return questions;

        void Flush()
        {
            if (currentId != 0)
            {
                questions.Add(new Question(currentId, current.Body, current.Asker, current.CreatedAt, current.Helpful, current.AnswerCount, answers!));
            }
        }
    }

    private static Answer ReadAnswer(NpgsqlDataReader reader, int first) =>
        new(reader.GetInt64(first), reader.GetString(first + 1), reader.GetString(first + 2), reader.GetDateTime(first + 3), reader.GetInt32(first + 4));

    private sealed record ProductRow(long Version, string Name, string Category, int TotalQuestions);
}
