using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shazamazon.QA.Bulk.Seeding;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Bulk.Tests.Seeding;

[Collection(DatabaseCollection.Name)]
public sealed class DataSeederTests(DatabaseFixture fixture)
{
    private const string Fingerprint = """
        SELECT md5(string_agg(t, '|')) FROM (
            SELECT (SELECT md5(string_agg(p::text, ',' ORDER BY id)) FROM products p)
                || (SELECT md5(string_agg(q::text, ',' ORDER BY id)) FROM questions q)
                || (SELECT md5(string_agg(a::text, ',' ORDER BY id)) FROM answers a) AS t) x
        """;

    [Fact]
    public async Task SeedAsync_SameSeed_GivesTheSameDataSet_WhateverTheWriters()
    {
        var one = await SeedAsync(new SeedOptions { Products = 25_000, Seed = 3, Writers = 1 });
        var two = await SeedAsync(new SeedOptions { Products = 25_000, Seed = 3, Writers = 4 });
        var other = await SeedAsync(new SeedOptions { Products = 25_000, Seed = 4, Writers = 2 });

        Assert.Equal(await ScalarAsync<string>(one, Fingerprint), await ScalarAsync<string>(two, Fingerprint));
        Assert.NotEqual(await ScalarAsync<string>(one, Fingerprint), await ScalarAsync<string>(other, Fingerprint));
    }

    [Fact]
    public async Task SeedAsync_HasTheShapeOfAShop()
    {
        var database = await SeedAsync(new SeedOptions { Products = 40_000, Seed = 11 });

        var questionsPerProduct = await ScalarAsync<double>(database, "SELECT (SELECT count(*) FROM questions)::float8 / (SELECT count(*) FROM products)");
        var answersPerProduct = await ScalarAsync<double>(database, "SELECT (SELECT count(*) FROM answers)::float8 / (SELECT count(*) FROM products)");
        var fewQuestions = await ScalarAsync<double>(database, """
            SELECT avg((coalesce(n, 0) <= 4)::int)::float8 FROM products p
            LEFT JOIN (SELECT product_id, count(*) AS n FROM questions GROUP BY product_id) q ON q.product_id = p.id
            """);
        var most = await ScalarAsync<long>(database, "SELECT max(n) FROM (SELECT count(*) AS n FROM questions GROUP BY product_id) q");
        var reported = await ScalarAsync<double>(database, "SELECT avg((status = 'pending')::int)::float8 FROM questions");

        Assert.InRange(questionsPerProduct, 2.3, 2.7);
        Assert.InRange(answersPerProduct, 3.6, 4.4);
        Assert.True(fewQuestions > 0.9, $"{fewQuestions:P1} of products have 0-4 questions");
        Assert.True(most >= 100, $"the busiest product has {most} questions");
        Assert.InRange(reported, 0.007, 0.013);
        // Every pending item has its report, and nothing else has one.
        Assert.Equal(0L, await ScalarAsync<long>(database, """
            SELECT (SELECT count(*) FROM questions q WHERE (q.status = 'pending') <> EXISTS (SELECT 1 FROM question_reports r WHERE r.question_id = q.id))
                 + (SELECT count(*) FROM answers a WHERE (a.status = 'pending') <> EXISTS (SELECT 1 FROM answer_reports r WHERE r.answer_id = a.id))
            """));
        Assert.Equal("complete", await ScalarAsync<string>(database, "SELECT state FROM qa_dataset"));
        // The read model the triggers did not keep during the load (migration 0009) was filled after it.
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM qa_read_model_drift()"));
        Assert.True(await ScalarAsync<long>(database, "SELECT count(*) FROM questions WHERE top_answers <> '[]'") > 10_000);
    }

    [Fact]
    public async Task SeedAsync_RebuildsEveryIndexAndConstraint()
    {
        var database = await SeedAsync(new SeedOptions { Products = 500 });
        const string Objects = """
            SELECT string_agg(name, ',' ORDER BY name) FROM (
                SELECT indexname AS name FROM pg_indexes WHERE tablename IN ('products', 'questions', 'answers')
                UNION ALL
                SELECT conname FROM pg_constraint WHERE contype = 'f' AND conrelid IN ('questions'::regclass, 'answers'::regclass)) o
            """;
        var fresh = await fixture.Server.CreateDatabaseAsync();
        await using (await BulkServices.CreateAsync(fresh))
        {
        }

        Assert.Equal(await ScalarAsync<string>(fresh, Objects), await ScalarAsync<string>(database, Objects));
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM qa_seed_ddl"));
        // New rows get ids after the generated ones.
        var maxId = await ScalarAsync<long>(database, "SELECT max(id) FROM questions");
        Assert.Equal(maxId + 1, await ScalarAsync<long>(database, "INSERT INTO questions (product_id, body, asker_name, asker_email) VALUES (1, 'b', 'n', 'e@x.io') RETURNING id"));
    }

    [Fact]
    public async Task SeedAsync_OnANonEmptyDatabase_RefusesAndChangesNothing_UnlessForced()
    {
        var database = await SeedAsync(new SeedOptions { Products = 300, Seed = 1 });
        var before = await ScalarAsync<string>(database, Fingerprint);
        await using var services = await BulkServices.CreateAsync(database);
        var seeder = services.GetRequiredService<DataSeeder>();

        var refused = await Assert.ThrowsAsync<SeedRefusedException>(() => seeder.SeedAsync(new SeedOptions { Products = 200, Seed = 2 }));
        Assert.Contains("--force", refused.Message, StringComparison.Ordinal);
        Assert.Contains("300", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await ScalarAsync<string>(database, Fingerprint));

        var report = await seeder.SeedAsync(new SeedOptions { Products = 200, Seed = 2, Force = true });
        Assert.Equal(200, report.Products);
        Assert.Equal(200L, await ScalarAsync<long>(database, "SELECT count(*) FROM products"));
        Assert.Equal(report.Questions, await ScalarAsync<long>(database, "SELECT count(*) FROM questions"));
    }

    [Fact]
    public async Task SeedAsync_AfterAnInterruptedRun_RefusesThenRecoversWithForce()
    {
        var database = await SeedAsync(new SeedOptions { Products = 300 });
        // What an interrupted run leaves: the data set marked loading, an index dropped with its DDL saved.
        await ScalarAsync<int>(database, """
            INSERT INTO qa_seed_ddl (name, phase, statement)
            SELECT 'questions_by_product_newest', 2, pg_get_indexdef('questions_by_product_newest'::regclass);
            DROP INDEX questions_by_product_newest;
            UPDATE qa_dataset SET state = 'loading';
            SELECT 1
            """);
        await using var services = await BulkServices.CreateAsync(database);
        var seeder = services.GetRequiredService<DataSeeder>();

        var refused = await Assert.ThrowsAsync<SeedRefusedException>(() => seeder.SeedAsync(new SeedOptions { Products = 300 }));
        Assert.Contains("interrupted", refused.Message, StringComparison.Ordinal);

        await seeder.SeedAsync(new SeedOptions { Products = 300, Force = true });
        Assert.Equal(1L, await ScalarAsync<long>(database, "SELECT count(*) FROM pg_indexes WHERE indexname = 'questions_by_product_newest'"));
        Assert.Equal("complete", await ScalarAsync<string>(database, "SELECT state FROM qa_dataset"));
    }

    private async Task<string> SeedAsync(SeedOptions options)
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await using var services = await BulkServices.CreateAsync(database);
        await services.GetRequiredService<DataSeeder>().SeedAsync(options);
        return database;
    }

    private static async Task<T> ScalarAsync<T>(string database, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(database);
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
