using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Shazamazon.QA.Bulk.Seeding;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// One real PostgreSQL (migrated, with a small generated data set) and one real Redis for the functional tests, and an
/// edge host in front of them. Tests make the exact data they assert on through <see cref="Catalog"/>.
/// </summary>
public sealed class EdgeFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public IRedisServer Redis { get; private set; } = null!;

    public string Database { get; private set; } = null!;

    public EdgeHostInstance Edge { get; private set; } = null!;

    public TestCatalog Catalog { get; private set; } = null!;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public const int SeededProducts = 200;

    public async Task InitializeAsync()
    {
        try
        {
            Postgres = await PostgresServer.StartAsync();
            Redis = await RedisServer.StartAsync();
            Database = await Postgres.CreateDatabaseAsync();
            Edge = await EdgeHostInstance.StartAsync(Database, Redis.ConnectionString);
            await SeedAsync(Database, new SeedOptions { Products = SeededProducts, Seed = 7 });
            DataSource = NpgsqlDataSource.Create(Database);
            Catalog = new TestCatalog(DataSource);
        }
        catch
        {
            // A fixture that fails to start is not disposed by the runner: stop what did start.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Generates a data set into a migrated database, with the seeder EdgeHost's <c>seed</c> command runs.</summary>
    public static async Task SeedAsync(string database, SeedOptions options)
    {
        var services = new ServiceCollection().AddLogging().AddQaBulk();
        services.AddQaCore(new ConfigurationBuilder().Build()).AddPostgresSource(database);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DataSeeder>().SeedAsync(options);
    }

    // Each server is stopped even when what was started after it failed to start or to stop (the edge's start, say).
    public async Task DisposeAsync()
    {
        try
        {
            try
            {
                if (Edge is not null)
                {
                    await Edge.DisposeAsync();
                }
            }
            finally
            {
                if (DataSource is not null)
                {
                    await DataSource.DisposeAsync();
                }

                if (Redis is not null)
                {
                    await Redis.DisposeAsync();
                }
            }
        }
        finally
        {
            if (Postgres is not null)
            {
                await Postgres.DisposeAsync();
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EdgeFixture>
{
    public const string Name = "edge";
}
