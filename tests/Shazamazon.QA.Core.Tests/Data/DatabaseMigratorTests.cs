using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shazamazon.QA.Core.Data.Migrations;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Data;

[Collection(DatabaseCollection.Name)]
public sealed class DatabaseMigratorTests(DatabaseFixture fixture)
{
    [Fact]
    public async Task MigrateAsync_AppliesEveryMigrationOnce()
    {
        await using var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync(), migrate: false);
        var migrator = services.GetRequiredService<DatabaseMigrator>();

        var first = await migrator.MigrateAsync();
        var second = await migrator.MigrateAsync();

        Assert.Equal(DatabaseMigrator.Known.Select(m => m.Version), first);
        Assert.Empty(second);
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            "SELECT count(*) FROM pg_tables WHERE tablename IN ('products', 'questions', 'answers')");
        Assert.Equal(3L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task MigrateAsync_ConcurrentStarters_DoNotRace()
    {
        await using var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync(), migrate: false);
        var migrator = services.GetRequiredService<DatabaseMigrator>();
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => migrator.MigrateAsync()));
        Assert.Equal(DatabaseMigrator.Known.Count, results.Sum(r => r.Count));
    }

    [Fact]
    public async Task Moderation_TurnsReportedItemsIntoPendingOnesWithAReport_AndLeavesTheRestApproved()
    {
        await using var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync(), migrate: false);
        var database = services.GetRequiredService<NpgsqlDataSource>();
        // The schema as it was before moderation, with reported rows in it.
        await MigrateUpToAsync(database, 5);

        await database.ExecuteAsync("""
            INSERT INTO products (id, name, category) VALUES (1, 'Kit', 'quidditch');
            INSERT INTO questions (id, product_id, body, asker_name, asker_email, reported) VALUES
                (1, 1, 'Visible?', 'jim', 'jim@example.com', false), (2, 1, 'Reported?', 'jim', 'jim@example.com', true);
            INSERT INTO answers (id, question_id, body, answerer_name, answerer_email, reported) VALUES
                (1, 1, 'Yes', 'bob', 'bob@example.com', false), (2, 1, 'Spam', 'bob', 'bob@example.com', true)
            """);

        Assert.Contains(6, await services.GetRequiredService<DatabaseMigrator>().MigrateAsync());

        Assert.Equal("1:approved,2:pending", await database.ScalarAsync<string>("SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM questions"));
        Assert.Equal("1:approved,2:pending", await database.ScalarAsync<string>("SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM answers"));
        Assert.Equal("2:other:legacy", await database.ScalarAsync<string>("SELECT string_agg(question_id || ':' || reason || ':' || reporter, ',') FROM question_reports"));
        Assert.Equal("2:other:legacy", await database.ScalarAsync<string>("SELECT string_agg(answer_id || ':' || reason || ':' || reporter, ',') FROM answer_reports"));
        // The search vectors hold approved answers only, as before.
        Assert.Equal(0L, await database.ScalarAsync<long>("SELECT count(*) FROM questions WHERE search_vector @@ to_tsquery('english', 'spam')"));
    }

    [Fact]
    public async Task ReadModel_IsFilledFromTheDataAlreadyThere()
    {
        await using var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync(), migrate: false);
        var database = services.GetRequiredService<NpgsqlDataSource>();
        await MigrateUpToAsync(database, 8);
        await database.ExecuteAsync("""
            INSERT INTO products (id, name, category) VALUES (1, 'Kit', 'quidditch'), (2, 'Broom', 'quidditch');
            INSERT INTO questions (id, product_id, body, asker_name, asker_email, status) VALUES
                (1, 1, 'Waterproof?', 'jim', 'jim@example.com', 'approved'), (2, 1, 'Size?', 'jim', 'jim@example.com', 'approved'),
                (3, 1, 'Hidden?', 'jim', 'jim@example.com', 'pending');
            INSERT INTO answers (id, question_id, body, answerer_name, answerer_email, helpful, status, created_at)
            SELECT g, 1, 'Answer ' || g, 'bob', 'bob@example.com', g, CASE WHEN g = 7 THEN 'pending' ELSE 'approved' END::qa_status,
                   timestamptz '2024-01-02 03:04:05.678901+00' + g * interval '1 day'
            FROM generate_series(1, 7) g
            """);

        Assert.Contains(9, await services.GetRequiredService<DatabaseMigrator>().MigrateAsync());

        Assert.Equal("1:2:1,2:0:0", await database.ScalarAsync<string>(
            "SELECT string_agg(id || ':' || question_count || ':' || answered_count, ',' ORDER BY id) FROM products"));
        Assert.Equal("1:6:6 5 4 3 2,2:0:,3:0:", await database.ScalarAsync<string>("""
            SELECT string_agg(q.id || ':' || q.answer_count || ':' || coalesce((SELECT string_agg(a->>'id', ' ') FROM jsonb_array_elements(q.top_answers) a), ''),
                              ',' ORDER BY q.id)
            FROM questions q
            """));
        Assert.Equal(1704164645678901 + (6 * 86_400_000_000L), await database.ScalarAsync<long>(
            "SELECT (top_answers->0->>'createdAtMicros')::bigint FROM questions WHERE id = 1"));
    }

    [Fact]
    public async Task SearchIndexWithoutPendingList_AppliesWhileASeedHasTheIndexDropped_AndTheSeedRestoresItSo()
    {
        await using var services = await CoreServices.CreateAsync(await fixture.Server.CreateDatabaseAsync(), migrate: false);
        var database = services.GetRequiredService<NpgsqlDataSource>();
        await MigrateUpToAsync(database, 11);
        // What a seed interrupted during its load leaves (BulkLoadSchema): the index dropped, its definition saved.
        await database.ExecuteAsync("""
            INSERT INTO qa_seed_ddl (name, phase, statement) SELECT 'questions_search', 3, pg_get_indexdef('questions_search'::regclass);
            DROP INDEX questions_search;
            """);

        Assert.Contains(12, await services.GetRequiredService<DatabaseMigrator>().MigrateAsync());

        await database.ExecuteAsync(await database.ScalarAsync<string>("SELECT statement FROM qa_seed_ddl WHERE name = 'questions_search'"));
        Assert.Equal("{fastupdate=off}", await database.ScalarAsync<string>("SELECT coalesce(reloptions::text, 'no options') FROM pg_class WHERE relname = 'questions_search'"));
    }

    private static async Task MigrateUpToAsync(NpgsqlDataSource database, int version)
    {
        await database.ExecuteAsync("CREATE TABLE qa_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var migration in DatabaseMigrator.Known.Where(m => m.Version <= version))
        {
            await database.ExecuteAsync(migration.Sql);
            await database.ExecuteAsync($"INSERT INTO qa_schema_migrations (version, name) VALUES ({migration.Version}, '{migration.Name}')");
        }
    }
}
