using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;
using Npgsql;
using Shazamazon.QA.Bulk.Export;
using Shazamazon.QA.Bulk.Import;
using Shazamazon.QA.Bulk.Seeding;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Bulk.Tests.Import;

[Collection(DatabaseCollection.Name)]
public sealed class QaImporterTests(DatabaseFixture fixture) : IDisposable
{
    private const string Fingerprint = """
        SELECT (SELECT md5(coalesce(string_agg(p::text, ',' ORDER BY id), '')) FROM (SELECT id, name, category FROM products) p)
            || (SELECT md5(coalesce(string_agg(q::text, ',' ORDER BY id), '')) FROM (SELECT id, product_id, created_at, helpful, status, body, asker_name, asker_email FROM questions) q)
            || (SELECT md5(coalesce(string_agg(a::text, ',' ORDER BY id), '')) FROM (SELECT id, question_id, created_at, helpful, status, body, answerer_name, answerer_email FROM answers) a)
            || (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v::text), '')) FROM question_votes v)
            || (SELECT md5(coalesce(string_agg(v::text, ',' ORDER BY v::text), '')) FROM answer_votes v)
            || (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) FROM question_reports r)
            || (SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) FROM answer_reports r)
        """;

    // Rows whose read model (migration 0009) differs from a recount.
    private const string Drift = "SELECT count(*) FROM qa_read_model_drift()";

    private const string Counts = "SELECT (SELECT count(*) FROM products) || '/' || (SELECT count(*) FROM questions) || '/' || (SELECT count(*) FROM answers)";

    private readonly string _work = Directory.CreateTempSubdirectory("qa-import-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task ImportCsv_ReadsQuotedFieldsDatesAndBooleans_AndIgnoresExtraColumns()
    {
        var database = await fixture.Server.CreateDatabaseAsync();

        var summary = await ImportAsync(database, Fixture("shop"));

        Assert.False(summary.Aborted);
        Assert.Null(summary.RejectsPath);
        Assert.Equal([("products", 3L, 3L), ("questions", 4L, 4L), ("answers", 3L, 3L)], summary.Tables.Select(t => (t.Table, t.Read, t.Inserted)));
        Assert.Equal("3/4/3", await ScalarAsync<string>(database, Counts));
        Assert.Equal("Camo Onesie|Jackets", await ScalarAsync<string>(database, "SELECT name || '|' || category FROM products WHERE id = 1"));
        Assert.Equal("Is it warm, or \"just\" stylish?", await ScalarAsync<string>(database, "SELECT body FROM questions WHERE id = 2"));
        Assert.Equal("Line one\nline two, with a comma", await ScalarAsync<string>(database, "SELECT body FROM questions WHERE id = 3"));
        Assert.Equal("\"Polyester\", says the tag", await ScalarAsync<string>(database, "SELECT body FROM answers WHERE id = 2"));
        // Epoch milliseconds, ISO-8601 with Z and with an offset.
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1595884714409).UtcDateTime, await ScalarAsync<DateTime>(database, "SELECT created_at FROM questions WHERE id = 1"));
        Assert.Equal(new DateTime(2021, 3, 1, 12, 34, 56, 789, DateTimeKind.Utc), await ScalarAsync<DateTime>(database, "SELECT created_at FROM questions WHERE id = 2"));
        Assert.Equal(new DateTime(2020, 7, 14, 0, 55, 44, DateTimeKind.Utc), await ScalarAsync<DateTime>(database, "SELECT created_at FROM questions WHERE id = 4"));
        // Reported rows wait for a moderator.
        Assert.Equal("approved,approved,pending,pending", await ScalarAsync<string>(database, "SELECT string_agg(status::text, ',' ORDER BY id) FROM questions"));
        Assert.Equal(-2, await ScalarAsync<int>(database, "SELECT helpful FROM questions WHERE id = 3"));
    }

    [Fact]
    public async Task ImportCsv_ListsEveryBadRowWithItsLineAndReason_AndImportsTheRest()
    {
        var database = await fixture.Server.CreateDatabaseAsync();

        var summary = await ImportAsync(database, Fixture("bad"));

        Assert.False(summary.Aborted);
        Assert.Equal("1/1/1", await ScalarAsync<string>(database, Counts));
        Assert.Equal("Fine question?|Fine answer", await ScalarAsync<string>(database, "SELECT (SELECT body FROM questions) || '|' || (SELECT body FROM answers)"));
        var rejects = ReadRejects(summary.RejectsPath!);
        string[] expected =
        [
            "products.csv:3:id must be a positive 64-bit integer, not 'x'.",
            "products.csv:4:name is required",
            "questions.csv:3:date_written must be an ISO-8601 date",
            "questions.csv:4:reported must be true, false, t, f, 1 or 0, not 'maybe'.",
            "questions.csv:5:helpful must be a 32-bit integer, not 'lots'.",
            "questions.csv:6:body is required",
            "questions.csv:7:asker_email must be a well-formed e-mail address",
            "questions.csv:8:expected 8 fields as in the header, found 4",
            "questions.csv:9:product_id 999 does not exist",
            "questions.csv:10:id 1 repeats an earlier line",
            "questions.csv:11:product_id 3 does not exist",
            "questions.csv:12:product_id must be a positive 64-bit integer, not '0'.",
            "questions.csv:13:body must be at most 1000 characters.",
            "answers.csv:3:question_id 2 does not exist",
            "answers.csv:4:question_id 404 does not exist",
            "answers.csv:5:expected 8 fields as in the header, found",
        ];
        Assert.Equal(expected.Length, rejects.Count);
        foreach (var reject in expected)
        {
            Assert.Contains(rejects, r => r.StartsWith(reject, StringComparison.Ordinal));
        }

        Assert.Equal([("products", 2L), ("questions", 11L), ("answers", 3L)], summary.Tables.Select(t => (t.Table, t.Rejected)));
    }

    [Fact]
    public async Task ImportCsv_WithMoreRejectsThanAllowed_ChangesNothing_ButListsThem()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await ImportAsync(database, Fixture("shop"));
        var before = await ScalarAsync<string>(database, Fingerprint);

        // Over the shop's data, 14 rows are bad: product 3 and question 2 now exist, so the rows naming them are fine.
        var summary = await ImportAsync(database, Fixture("bad"), maxRejects: 13);

        Assert.True(summary.Aborted);
        Assert.Equal(14, summary.Rejected);
        var rejects = ReadRejects(summary.RejectsPath!);
        Assert.Equal(14, rejects.Count);
        // Into a non-empty database rows are staged and checked in SQL, which also names the earlier line.
        Assert.Contains("questions.csv:10:id 1 repeats an earlier line (2).", rejects);
        Assert.Contains(rejects, r => r.StartsWith("questions.csv:9:product_id 999 does not exist", StringComparison.Ordinal));
        Assert.Equal(before, await ScalarAsync<string>(database, Fingerprint));
        Assert.Equal("3/4/3", await ScalarAsync<string>(database, Counts));
        Assert.Equal(0L, await ScalarAsync<long>(database, Drift));
    }

    [Fact]
    public async Task ImportCsv_Again_DuplicatesNothing_AndChangedRowsAreUpdated()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await ImportAsync(database, Fixture("shop"));
        var first = await ScalarAsync<string>(database, Fingerprint);

        var again = await ImportAsync(database, Fixture("shop"));

        Assert.Equal(first, await ScalarAsync<string>(database, Fingerprint));
        Assert.All(again.Tables, t => Assert.Equal((0L, 0L, t.Read), (t.Inserted, t.Updated, t.Unchanged)));
        Assert.Equal(0, again.ChangedProducts);

        // One question edited in the file: one row updated, its product announced (not a flush).
        var edited = Copy(Fixture("shop"));
        var questions = Path.Combine(edited, "questions.csv");
        await File.WriteAllTextAsync(questions, (await File.ReadAllTextAsync(questions)).Replace("Does it run small?", "Does it run large?", StringComparison.Ordinal));
        var versionBefore = await ScalarAsync<long>(database, "SELECT version FROM products WHERE id = 3");

        var update = await ImportAsync(database, edited);

        Assert.Equal((0L, 1L, 3L), update.Tables.Where(t => t.Table == "questions").Select(t => (t.Inserted, t.Updated, t.Unchanged)).Single());
        Assert.Equal(1, update.ChangedProducts);
        Assert.False(update.CacheFlushed);
        Assert.Equal("Does it run large?", await ScalarAsync<string>(database, "SELECT body FROM questions WHERE id = 4"));
        Assert.True(await ScalarAsync<long>(database, "SELECT version FROM products WHERE id = 3") > versionBefore);
        Assert.Equal("3/4/3", await ScalarAsync<string>(database, Counts));
        Assert.Equal(0L, await ScalarAsync<long>(database, Drift));
    }

    [Fact]
    public async Task ImportCsv_MovesTheIdSequencesPastImportedIds()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await ImportAsync(database, Fixture("shop"));

        Assert.Equal(5L, await ScalarAsync<long>(database, "INSERT INTO questions (product_id, body, asker_name, asker_email) VALUES (1, 'b', 'n', 'e@x.io') RETURNING id"));
        Assert.Equal(4L, await ScalarAsync<long>(database, "INSERT INTO answers (question_id, body, answerer_name, answerer_email) VALUES (1, 'b', 'n', 'e@x.io') RETURNING id"));
    }

    [Fact]
    public async Task ImportCsv_AnnouncesChanges_EachProductInTheChangeLogWhenFew_AFlushWhenProductsAreNew()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var services = await BulkServices.CreateAsync(database);
        await using var listener = new NpgsqlConnection(database);
        await listener.OpenAsync();
        var payloads = new List<string>();
        listener.Notification += (_, e) => payloads.Add(e.Payload);
        await using (var listen = new NpgsqlCommand("LISTEN qa_product_changed", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        var full = await ImportAsync(database, Fixture("shop"));
        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(500)))
        {
        }

        Assert.True(full.CacheFlushed);
        Assert.Equal(["*"], payloads);

        payloads.Clear();
        var edited = Copy(Fixture("shop"));
        File.Delete(Path.Combine(edited, "products.csv"));
        var answers = Path.Combine(edited, "answers.csv");
        await File.WriteAllTextAsync(answers, (await File.ReadAllTextAsync(answers)).Replace(",0,5,[]", ",0,6,[]", StringComparison.Ordinal));
        var few = await ImportAsync(database, edited);
        while (await listener.WaitAsync(TimeSpan.FromMilliseconds(500)))
        {
        }

        Assert.False(few.CacheFlushed);
        Assert.Empty(payloads); // each product goes through the change log, which the nodes read
        Assert.Equal(1L, await ScalarAsync<long>(database,
            "SELECT count(*) FROM qa_product_changes c JOIN products p ON p.id = c.product_id AND p.version = c.version WHERE p.id = 1"));
    }

    [Fact]
    public async Task ImportCsv_WithAMissingHeaderColumn_NamesIt_AndChangesNothing()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var input = Copy(Fixture("shop"));
        var questions = Path.Combine(input, "questions.csv");
        await File.WriteAllTextAsync(questions, (await File.ReadAllTextAsync(questions)).Replace("asker_email", "email", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<ImportInputException>(() => ImportAsync(database, input));

        Assert.Contains("lacks asker_email", error.Message, StringComparison.Ordinal);
        Assert.Equal("0/0/0", await ScalarAsync<string>(database, Counts));
    }

    [Fact]
    public async Task ImportCsv_OfADirectoryWithoutFiles_IsRefused()
    {
        var database = await fixture.Server.CreateDatabaseAsync();

        var error = await Assert.ThrowsAsync<ImportInputException>(() => ImportAsync(database, _work));

        Assert.Contains("none of products.csv", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_ThenImportIntoAnEmptyDatabase_ReproducesTheDataExactly()
    {
        var source = await fixture.Server.CreateDatabaseAsync();
        await using (var services = await BulkServices.CreateAsync(source))
        {
            await services.GetRequiredService<DataSeeder>().SeedAsync(new SeedOptions { Products = 400, Seed = 5 });
        }

        // Text the generator never makes: quotes, commas, line breaks, and a time with microseconds; rejected items (the
        // seed makes approved and pending ones), whose status only the status column carries; and votes and reports.
        await ScalarAsync<int>(source, """
            UPDATE questions SET body = 'Say "hi",
            then leave', created_at = '2021-05-06 07:08:09.123456+00' WHERE id = 1;
            UPDATE products SET name = 'Comma, "Quote" Co' WHERE id = 2;
            UPDATE questions SET status = 'rejected' WHERE id = 2;
            UPDATE answers SET status = 'rejected' WHERE id = 3;
            INSERT INTO question_votes (question_id, voter, direction, voted_at) VALUES (1, 'ann', 1, '2026-01-02 03:04:05.123456+00'), (1, 'bo', -1, now()), (4, 'ann', 1, now());
            INSERT INTO answer_votes (answer_id, voter, direction) VALUES (1, 'cy "the, voter"', -1);
            INSERT INTO question_reports (question_id, reporter, reason) VALUES (2, 'dee', 'off-topic'), (2, 'eve', 'spam');
            INSERT INTO answer_reports (answer_id, reporter, reason) VALUES (3, 'legacy', 'other');
            SELECT 1
            """);
        var exported = Path.Combine(_work, "export");
        await using (var services = await BulkServices.CreateAsync(source))
        {
            var export = await services.GetRequiredService<QaExporter>().ExportCsvAsync(exported);
            Assert.Equal(await ScalarAsync<long>(source, "SELECT count(*) FROM answers"), export.Rows["answers.csv"]);
            // Counted from the text: question 1's body holds quotes and a line break.
            Assert.Equal(await ScalarAsync<long>(source, "SELECT count(*) FROM questions"), export.Rows["questions.csv"]);
            Assert.Equal(await ScalarAsync<long>(source, "SELECT count(*) FROM products"), export.Rows["products.csv"]);
        }

        var target = await fixture.Server.CreateDatabaseAsync();
        var summary = await ImportAsync(target, exported);

        Assert.Equal(0, summary.Rejected);
        Assert.Equal(await ScalarAsync<string>(source, Counts), await ScalarAsync<string>(target, Counts));
        Assert.Equal(await ScalarAsync<string>(source, Fingerprint), await ScalarAsync<string>(target, Fingerprint));
        // The read model (migration 0009): kept by the triggers in the source, filled after the load in the target.
        Assert.Equal((0L, 0L), (await ScalarAsync<long>(source, Drift), await ScalarAsync<long>(target, Drift)));
        // Into empty tables, the import dropped and rebuilt the keys, indexes and foreign keys: all are back.
        const string Schema = """
            SELECT string_agg(name, ',' ORDER BY name) FROM (
                SELECT indexdef AS name FROM pg_indexes WHERE tablename IN ('products', 'questions', 'answers')
                UNION ALL
                SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid IN ('products'::regclass, 'questions'::regclass, 'answers'::regclass)) o
            """;
        Assert.Equal(await ScalarAsync<string>(source, Schema), await ScalarAsync<string>(target, Schema));
        // The change triggers, off during the load, are on again.
        Assert.Equal(0L, await ScalarAsync<long>(target,
            "SELECT count(*) FROM pg_trigger WHERE tgrelid IN ('products'::regclass, 'questions'::regclass, 'answers'::regclass) AND NOT tgisinternal AND tgenabled = 'D'"));

        // Again, into the now full database (staged and upserted): nothing changes, votes and reports included, and
        // neither import wrote a webhook event.
        var again = await ImportAsync(target, exported);
        Assert.All(again.Tables, t => Assert.Equal((0L, 0L, 0L), (t.Inserted, t.Updated, t.Rejected)));
        var reports = await ScalarAsync<long>(source, "SELECT count(*) FROM question_reports");
        Assert.Contains(again.Tables, t => t.Table == "question_reports" && t.Read == reports && reports > 2);
        Assert.Equal(await ScalarAsync<string>(source, Fingerprint), await ScalarAsync<string>(target, Fingerprint));
        Assert.Equal(0L, await ScalarAsync<long>(target, "SELECT count(*) FROM qa_events"));
        Assert.Equal(0L, await ScalarAsync<long>(target, Drift));
    }

    [Fact]
    public async Task ImportLegacyJsonLines_MapsDocumentsToRows_ListsBadOnes_AndReimportsIdempotently()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var file = Path.Combine(Fixture("legacy"), "items.jsonl");

        var summary = await ImportLegacyAsync(database, file);

        Assert.Equal([("products", 6L, 3L, 3L), ("questions", 6L, 2L, 4L), ("answers", 5L, 1L, 4L)],
            summary.Tables.Select(t => (t.Table, t.Read, t.Inserted, t.Rejected)));
        Assert.Equal("3/2/1", await ScalarAsync<string>(database, Counts));
        Assert.Equal("Is it warm, or \"just\" stylish?|jbilas|unknown@legacy.invalid|4",
            await ScalarAsync<string>(database, "SELECT body || '|' || asker_name || '|' || asker_email || '|' || helpful FROM questions WHERE id = 11"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1595884714409).UtcDateTime, await ScalarAsync<DateTime>(database, "SELECT created_at FROM questions WHERE id = 12"));
        // The answer takes its question's id, date and the placeholders for what the shape lacks.
        Assert.Equal("11|Warm, and it has pockets,\nlots of them.|unknown|2021-03-01 12:34:56.789",
            await ScalarAsync<string>(database, "SELECT question_id || '|' || body || '|' || answerer_name || '|' || (created_at AT TIME ZONE 'UTC') FROM answers WHERE id = 11"));
        var rejects = ReadRejects(summary.RejectsPath!);
        string[] expected =
        [
            "items.jsonl:4:QA[0]._id must be a positive 64-bit integer",
            "items.jsonl:4:QA[1].Qstn is required",
            "items.jsonl:4:QA[2].Date must be an ISO-8601 date",
            "items.jsonl:4:question_id 13 does not exist",
            "items.jsonl:5:not a legacy document:",
            "items.jsonl:6:ProductId must be a positive 64-bit integer.",
            "items.jsonl:6:product_id 0 does not exist",
            "items.jsonl:6:question_id 15 does not exist",
            "items.jsonl:7:not a legacy document:",
        ];
        Assert.Equal(11, rejects.Count);
        foreach (var reject in expected)
        {
            Assert.Contains(rejects, r => r.StartsWith(reject, StringComparison.Ordinal));
        }

        var fingerprint = await ScalarAsync<string>(database, Fingerprint);
        var again = await ImportLegacyAsync(database, file);
        Assert.All(again.Tables, t => Assert.Equal((0L, 0L), (t.Inserted, t.Updated)));
        Assert.Equal(fingerprint, await ScalarAsync<string>(database, Fingerprint));
    }

    [Fact]
    public async Task ImportLegacyJsonLines_IntoADatabaseWithOtherAnswers_NeverTakesTheirIds()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await ImportAsync(database, Fixture("shop"));
        await ScalarAsync<int>(database, "INSERT INTO answers (id, question_id, body, answerer_name, answerer_email) VALUES (20, 1, 'keep me', 'kim', 'kim@example.com'); SELECT 1");
        var file = Path.Combine(_work, "items.jsonl");
        await File.WriteAllTextAsync(file,
            """{"ProductId": 7, "ItemName": "Lamp", "Category": "lighting", "QA": [{"_id": "20", "Qstn": "Bright?", "Ans": "Very.", "Author": "lu", "Votes": 1, "Date": "2020-05-01T00:00:00Z"}]}""" + "\n");

        var first = await ImportLegacyAsync(database, file);
        var again = await ImportLegacyAsync(database, file);

        Assert.Equal(1, first.Tables.Single(t => t.Table == "answers").Inserted);
        Assert.Equal((0L, 1L), again.Tables.Where(t => t.Table == "answers").Select(t => (t.Inserted, t.Unchanged)).Single());
        Assert.Equal("keep me|1", await ScalarAsync<string>(database, "SELECT body || '|' || question_id FROM answers WHERE id = 20"));
        Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM answers WHERE question_id = 20 AND body = 'Very.'"));
        Assert.NotEqual(20L, await ScalarAsync<long>(database, "SELECT id FROM answers WHERE question_id = 20"));
    }

    private async Task<ImportSummary> ImportLegacyAsync(string database, string file)
    {
        await using var services = await BulkServices.CreateAsync(database);
        var options = new ImportOptions { RejectsPath = Path.Combine(_work, $"rejects-{Guid.NewGuid():N}.csv") };
        return await services.GetRequiredService<QaImporter>().ImportLegacyJsonLinesAsync(file, options);
    }

    private async Task<ImportSummary> ImportAsync(string database, string directory, long? maxRejects = null)
    {
        await using var services = await BulkServices.CreateAsync(database);
        var options = new ImportOptions { MaxRejects = maxRejects, RejectsPath = Path.Combine(_work, $"rejects-{Guid.NewGuid():N}.csv") };
        return await services.GetRequiredService<QaImporter>().ImportCsvAsync(directory, options);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Import", "Fixtures", name);

    private string Copy(string fixture)
    {
        var copy = Directory.CreateDirectory(Path.Combine(_work, Guid.NewGuid().ToString("N"))).FullName;
        foreach (var file in Directory.GetFiles(fixture))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    // "file:line:reason" per row of a reject file.
    private static List<string> ReadRejects(string path)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(path);
        var rows = new List<string>();
        foreach (var row in reader)
        {
            rows.Add($"{row["file"]}:{row["line"]}:{row["reason"]}");
        }

        return rows;
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
