using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;
using Shazamazon.QA.Bulk.Schema;
using NpgsqlTypes;

namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>
/// Generates a deterministic, shop-shaped data set and bulk-loads it: secondary indexes and constraints are dropped (their
/// DDL saved in <c>qa_seed_ddl</c>), rows go in through binary COPY from several writers in parallel, then the indexes
/// are rebuilt and the tables analyzed. A database that already holds data is refused unless <see cref="SeedOptions.Force"/>.
/// </summary>
public sealed partial class DataSeeder(NpgsqlDataSource dataSource, ILogger<DataSeeder> logger)
{
    private const int ProductsPerChunk = 10_000;
    private static readonly DateTime FirstDate = new(2019, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private const int DateSpanSeconds = 7 * 365 * 24 * 3600;
    private static readonly string[] Tables = ["products", "questions", "answers"];

    /// <summary>Generates and loads a data set.</summary>
    /// <exception cref="SeedRefusedException">The database already holds data and <see cref="SeedOptions.Force"/> is false.</exception>
    public async Task<SeedReport> SeedAsync(SeedOptions options, IProgress<SeedProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();

        await PrepareAsync(options, cancellationToken);

        var plan = Plan(options);
        progress?.Report(new("plan", 1, 1, clock.Elapsed));
        LogPlanned(options.Products, plan.Questions, plan.Answers);

        await LoadAsync(options, plan, progress, clock, cancellationToken);
        // Each pending item is pending because someone reported it: one report each, from the reporter 'seed', for a
        // reason drawn from its id, a day after it was posted (their keys are built with the others, after).
        await ExecuteAsync("""
            INSERT INTO question_reports (question_id, reason, reporter, reported_at)
            SELECT id, (ARRAY['spam', 'offensive', 'off-topic', 'other'])[1 + id % 4]::qa_report_reason, 'seed', created_at + interval '1 day'
            FROM questions WHERE status = 'pending';
            INSERT INTO answer_reports (answer_id, reason, reporter, reported_at)
            SELECT id, (ARRAY['spam', 'offensive', 'off-topic', 'other'])[1 + id % 4]::qa_report_reason, 'seed', created_at + interval '1 day'
            FROM answers WHERE status = 'pending';
            """, cancellationToken);
        var loadTime = clock.Elapsed;

        await RestoreSchemaAsync(options.Writers, progress, clock, cancellationToken);
        progress?.Report(new("analyze", 0, 1, clock.Elapsed));
        await ExecuteAsync("""
            SELECT setval(pg_get_serial_sequence('questions', 'id'), greatest((SELECT max(id) FROM questions), 1));
            SELECT setval(pg_get_serial_sequence('answers', 'id'), greatest((SELECT max(id) FROM answers), 1));
            ANALYZE products, questions, answers;
            UPDATE qa_dataset SET state = 'complete', completed_at = now();
            """, cancellationToken);
        progress?.Report(new("analyze", 1, 1, clock.Elapsed));

        await using var size = dataSource.CreateCommand("SELECT pg_database_size(current_database())");
        var bytes = (long)(await size.ExecuteScalarAsync(cancellationToken))!;
        return new SeedReport(options.Products, plan.Questions, plan.Answers, loadTime, clock.Elapsed - loadTime, clock.Elapsed, bytes);
    }

    // Refuses a non-empty database (unless forced), then in one transaction: empties the tables, marks the data set as
    // loading, saves the DDL of every index and constraint and drops them for a fast load.
    private async Task PrepareAsync(SeedOptions options, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var check = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM (SELECT 1 FROM products LIMIT 1) p),
                   (SELECT state FROM qa_dataset),
                   (SELECT products FROM qa_dataset)
            """, connection, transaction))
        await using (var reader = await check.ExecuteReaderAsync(cancellationToken))
        {
            await reader.ReadAsync(cancellationToken);
            var hasRows = reader.GetInt64(0) > 0;
            var state = reader.IsDBNull(1) ? null : reader.GetString(1);
            if ((hasRows || state is not null) && !options.Force)
            {
                var what = state switch
                {
                    "loading" => "an incomplete data set from an interrupted seed",
                    "complete" => $"a complete data set of {reader.GetInt64(2):N0} products",
                    _ => "data",
                };
                throw new SeedRefusedException(
                    $"The database already holds {what}. Nothing was changed. Run again with --force to delete it and start clean.");
            }
        }

        await connection.ExecuteAsync($"""
            TRUNCATE {BulkLoadSchema.Tables};
            DELETE FROM qa_dataset;
            INSERT INTO qa_dataset (state, seed, products, started_at) VALUES ('loading', {options.Seed}, {options.Products}, now());
            """, cancellationToken);

        // Save the DDL of what exists now (the change triggers included: they stay off during the load, or every COPY
        // would bump and announce products); after an interrupted seed, what it had already dropped is saved already.
        await connection.ExecuteAsync($"""
            INSERT INTO qa_seed_ddl (name, phase, statement)
            SELECT name, phase, statement FROM ({BulkLoadSchema.Definitions}) ddl
            ON CONFLICT (name) DO NOTHING;
            """, cancellationToken);

        await BulkLoadSchema.DropAsync(connection, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    // The id of each chunk's first question and answer, so chunks can be written in any order, by any writer, and
    // still produce the same ids.
    private static LoadPlan Plan(SeedOptions options)
    {
        var chunks = (int)((options.Products + ProductsPerChunk - 1) / ProductsPerChunk);
        var questions = new long[chunks];
        var answers = new long[chunks];
        Parallel.For(0, chunks, c =>
        {
            var shape = ChunkShape.Generate(options, c, ProductsPerChunk);
            questions[c] = shape.QuestionsPerProduct.Sum();
            answers[c] = shape.AnswersPerQuestion.Sum();
        });

        var firstQuestion = new long[chunks];
        var firstAnswer = new long[chunks];
        long q = 1, a = 1;
        for (var c = 0; c < chunks; c++)
        {
            (firstQuestion[c], firstAnswer[c]) = (q, a);
            q += questions[c];
            a += answers[c];
        }

        return new LoadPlan(chunks, firstQuestion, firstAnswer, q - 1, a - 1);
    }

    private async Task LoadAsync(SeedOptions options, LoadPlan plan, IProgress<SeedProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var total = options.Products + plan.Questions + plan.Answers;
        long done = 0;
        using var ticker = new Timer(_ => progress?.Report(new("load", Interlocked.Read(ref done), total, clock.Elapsed)), null, 0, 250);
        await Parallel.ForEachAsync(Enumerable.Range(0, plan.Chunks),
            new ParallelOptions { MaxDegreeOfParallelism = options.Writers, CancellationToken = cancellationToken },
            async (chunk, ct) =>
            {
                var rows = await WriteChunkAsync(options, plan, chunk, ct);
                Interlocked.Add(ref done, rows);
            });
        progress?.Report(new("load", total, total, clock.Elapsed));
    }

    private async Task<long> WriteChunkAsync(SeedOptions options, LoadPlan plan, int chunk, CancellationToken cancellationToken)
    {
        var shape = ChunkShape.Generate(options, chunk, ProductsPerChunk);
        var random = new SeedRandom((ulong)options.Seed, (2UL * (ulong)chunk) + 1);
        var text = new StringBuilder(256);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SET synchronous_commit = off", cancellationToken);

        await using (var products = await connection.BeginBinaryImportAsync(
            "COPY products (id, version, name, category) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var i = 0; i < shape.QuestionsPerProduct.Length; i++)
            {
                await products.StartRowAsync(cancellationToken);
                await products.WriteAsync(shape.FirstProductId + i, NpgsqlDbType.Bigint, cancellationToken);
                await products.WriteAsync(0L, NpgsqlDbType.Bigint, cancellationToken);
                await products.WriteAsync(TextGenerator.ProductName(ref random), NpgsqlDbType.Text, cancellationToken);
                await products.WriteAsync(random.Pick(TextGenerator.Categories), NpgsqlDbType.Text, cancellationToken);
            }

            await products.CompleteAsync(cancellationToken);
        }

        var questionDates = new DateTime[shape.AnswersPerQuestion.Length];
        await using (var questions = await connection.BeginBinaryImportAsync(
            "COPY questions (id, product_id, created_at, helpful, status, body, asker_name, asker_email) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            var index = 0;
            for (var p = 0; p < shape.QuestionsPerProduct.Length; p++)
            {
                for (var n = 0; n < shape.QuestionsPerProduct[p]; n++, index++)
                {
                    var created = FirstDate.AddSeconds(random.Next(DateSpanSeconds));
                    questionDates[index] = created;
                    var name = TextGenerator.PersonName(ref random);
                    await questions.StartRowAsync(cancellationToken);
                    await questions.WriteAsync(plan.FirstQuestionId[chunk] + index, NpgsqlDbType.Bigint, cancellationToken);
                    await questions.WriteAsync(shape.FirstProductId + p, NpgsqlDbType.Bigint, cancellationToken);
                    await questions.WriteAsync(created, NpgsqlDbType.TimestampTz, cancellationToken);
                    await questions.WriteAsync(Helpful(ref random), NpgsqlDbType.Integer, cancellationToken);
                    await questions.WriteAsync(random.NextDouble() < CatalogShape.ReportedShare ? "pending" : "approved", NpgsqlDbType.Text, cancellationToken); // a qa_status: binary COPY sends an enum as its label
                    await questions.WriteAsync(TextGenerator.Question(ref random, text), NpgsqlDbType.Text, cancellationToken);
                    await questions.WriteAsync(name, NpgsqlDbType.Text, cancellationToken);
                    await questions.WriteAsync(TextGenerator.Email(name, ref random), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await questions.CompleteAsync(cancellationToken);
        }

        await using (var answers = await connection.BeginBinaryImportAsync(
            "COPY answers (id, question_id, created_at, helpful, status, body, answerer_name, answerer_email) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            long answerId = plan.FirstAnswerId[chunk];
            for (var q = 0; q < shape.AnswersPerQuestion.Length; q++)
            {
                for (var n = 0; n < shape.AnswersPerQuestion[q]; n++)
                {
                    var name = TextGenerator.PersonName(ref random);
                    await answers.StartRowAsync(cancellationToken);
                    await answers.WriteAsync(answerId++, NpgsqlDbType.Bigint, cancellationToken);
                    await answers.WriteAsync(plan.FirstQuestionId[chunk] + q, NpgsqlDbType.Bigint, cancellationToken);
                    await answers.WriteAsync(questionDates[q].AddSeconds(random.Next(90 * 24 * 3600)), NpgsqlDbType.TimestampTz, cancellationToken);
                    await answers.WriteAsync(Helpful(ref random), NpgsqlDbType.Integer, cancellationToken);
                    await answers.WriteAsync(random.NextDouble() < CatalogShape.ReportedShare ? "pending" : "approved", NpgsqlDbType.Text, cancellationToken); // a qa_status: binary COPY sends an enum as its label
                    await answers.WriteAsync(TextGenerator.Answer(ref random, text), NpgsqlDbType.Text, cancellationToken);
                    await answers.WriteAsync(name, NpgsqlDbType.Text, cancellationToken);
                    await answers.WriteAsync(TextGenerator.Email(name, ref random), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await answers.CompleteAsync(cancellationToken);
        }

        return shape.QuestionsPerProduct.Length + (long)shape.AnswersPerQuestion.Length + shape.AnswersPerQuestion.Sum();
    }

    // Most items have a handful of votes; a quarter have a long tail up to a few hundred.
    private static int Helpful(ref SeedRandom random) =>
        random.Next(4) == 0 ? random.LogUniform(5, 300) : random.Next(0, 6);

    // Primary keys, then secondary indexes, then foreign keys, then triggers; within a phase, statements run in parallel.
    private async Task RestoreSchemaAsync(int writers, IProgress<SeedProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var ddl = new List<(string Name, int Phase, string Statement)>();
        await using (var list = dataSource.CreateCommand("SELECT name, phase, statement FROM qa_seed_ddl ORDER BY phase, name"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                ddl.Add((reader.GetString(0), reader.GetInt32(1), reader.GetString(2)));
            }
        }

        var done = 0;
        progress?.Report(new("index", 0, ddl.Count, clock.Elapsed));
        foreach (var phase in ddl.GroupBy(d => d.Phase).OrderBy(g => g.Key))
        {
            await Parallel.ForEachAsync(phase, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(2, writers), CancellationToken = cancellationToken },
                async (item, ct) =>
                {
                    await using var connection = await dataSource.OpenConnectionAsync(ct);
                    await connection.ExecuteAsync("SET maintenance_work_mem = '1GB'; SET max_parallel_maintenance_workers = 2", ct);
                    var started = clock.Elapsed;
                    await using var transaction = await connection.BeginTransactionAsync(ct);
                    await connection.ExecuteAsync(item.Statement, ct);
                    await using (var done = new NpgsqlCommand("DELETE FROM qa_seed_ddl WHERE name = $1", connection, transaction))
                    {
                        done.Parameters.Add(new NpgsqlParameter { Value = item.Name });
                        await done.ExecuteNonQueryAsync(ct);
                    }
                    await transaction.CommitAsync(ct);
                    LogRestored(item.Statement, (clock.Elapsed - started).TotalSeconds);
                    progress?.Report(new("index", Interlocked.Increment(ref done), ddl.Count, clock.Elapsed));
                });

            if (phase.Key == 2)
            {
                await CompactQuestionsAsync(clock, cancellationToken);
            }
        }
    }

    // The fills rewrite every question, some twice: the table holds more dead versions than live rows (19 GB instead of
    // 11 GB at full scale). Rewritten once, committed fills first and before the secondary indexes exist, in id order,
    // which is product order: a product's questions share pages.
    private async Task CompactQuestionsAsync(Stopwatch clock, CancellationToken cancellationToken)
    {
        const string Statement = "CLUSTER questions USING questions_pkey";
        var started = clock.Elapsed;
        await ExecuteAsync($"SET maintenance_work_mem = '1GB'; {Statement}", cancellationToken);
        LogRestored(Statement, (clock.Elapsed - started).TotalSeconds);
    }

    private async Task ExecuteAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql);
        command.CommandTimeout = 0; // bulk statements take minutes at full scale
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record LoadPlan(int Chunks, long[] FirstQuestionId, long[] FirstAnswerId, long Questions, long Answers);

    [LoggerMessage(LogEvents.SeedPlanned, LogLevel.Information, "Planned {Products} products, {Questions} questions, {Answers} answers.")]
    private partial void LogPlanned(long products, long questions, long answers);

    [LoggerMessage(LogEvents.SeedStatementTimed, LogLevel.Information, "{Statement} took {Seconds:F1} s.")]
    private partial void LogRestored(string statement, double seconds);
}
