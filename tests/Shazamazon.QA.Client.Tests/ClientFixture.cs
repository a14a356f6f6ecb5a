using Npgsql;
using Shazamazon.QA.EdgeHost.Tests;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Client.Tests;

/// <summary>A real edge (in process, real Kestrel) over a real PostgreSQL and Redis, for the client to talk to.</summary>
public sealed class ClientFixture : IAsyncLifetime
{
    public PostgresServer Postgres { get; private set; } = null!;

    public IRedisServer Redis { get; private set; } = null!;

    public EdgeHostInstance Edge { get; private set; } = null!;

    public TestCatalog Catalog { get; private set; } = null!;

    private NpgsqlDataSource _dataSource = null!;

    /// <summary>The edge's database, for tests that start another edge over it.</summary>
    public string Database { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Redis = await RedisServer.StartAsync();
        Database = await Postgres.CreateDatabaseAsync();
        Edge = await EdgeHostInstance.StartAsync(Database, Redis.ConnectionString);
        _dataSource = NpgsqlDataSource.Create(Database);
        Catalog = new TestCatalog(_dataSource);
    }

    public QaClient Client(QaWireEncoding encoding = QaWireEncoding.MessagePack) =>
        new(new HttpClient { BaseAddress = Edge.Client.BaseAddress }, encoding);

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await _dataSource.DisposeAsync();
        await Redis.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ClientCollection : ICollectionFixture<ClientFixture>
{
    public const string Name = "client";
}
