using Xunit;

namespace Shazamazon.QA.Testing;

/// <summary>
/// One real PostgreSQL server for a test collection; each test class or test makes its own databases on it. Each test
/// assembly declares its collection (xunit requires it there) as <c>ICollectionFixture&lt;DatabaseFixture&gt;</c>.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
