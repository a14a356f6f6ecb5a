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
        var before = DatabaseMigrator.Known.Where(m => m.Version < 6).ToList();
        await ExecuteAsync(database, "CREATE TABLE qa_schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
        foreach (var migration in before)
        {
            await ExecuteAsync(database, migration.Sql);
            await ExecuteAsync(database, $"INSERT INTO qa_schema_migrations (version, name) VALUES ({migration.Version}, '{migration.Name}')");
        }

        await ExecuteAsync(database, """
            INSERT INTO products (id, name, category) VALUES (1, 'Kit', 'quidditch');
            INSERT INTO questions (id, product_id, body, asker_name, asker_email, reported) VALUES
                (1, 1, 'Visible?', 'jim', 'jim@example.com', false), (2, 1, 'Reported?', 'jim', 'jim@example.com', true);
            INSERT INTO answers (id, question_id, body, answerer_name, answerer_email, reported) VALUES
                (1, 1, 'Yes', 'bob', 'bob@example.com', false), (2, 1, 'Spam', 'bob', 'bob@example.com', true)
            """);

        Assert.Contains(6, await services.GetRequiredService<DatabaseMigrator>().MigrateAsync());

        Assert.Equal("1:approved,2:pending", await ScalarAsync<string>(database, "SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM questions"));
        Assert.Equal("1:approved,2:pending", await ScalarAsync<string>(database, "SELECT string_agg(id || ':' || status, ',' ORDER BY id) FROM answers"));
        Assert.Equal("2:other:legacy", await ScalarAsync<string>(database, "SELECT string_agg(question_id || ':' || reason || ':' || reporter, ',') FROM question_reports"));
        Assert.Equal("2:other:legacy", await ScalarAsync<string>(database, "SELECT string_agg(answer_id || ':' || reason || ':' || reporter, ',') FROM answer_reports"));
        // The search vectors hold approved answers only, as before.
        Assert.Equal(0L, await ScalarAsync<long>(database, "SELECT count(*) FROM questions WHERE search_vector @@ to_tsquery('english', 'spam')"));
    }

    private static async Task ExecuteAsync(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
