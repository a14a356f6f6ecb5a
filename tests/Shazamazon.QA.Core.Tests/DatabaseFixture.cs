using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests;

/// <summary>One real PostgreSQL server for the Core tests; each test class or test makes its own databases on it.</summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "database";
}
