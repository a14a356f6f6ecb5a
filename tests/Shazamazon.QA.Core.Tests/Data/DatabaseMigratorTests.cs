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
}
