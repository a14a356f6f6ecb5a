using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Tests.Data;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.Core.Tests.Invalidation;

/// <summary>
/// The listener against a real PostgreSQL: changes committed by anyone reach the node through the change log, whatever
/// the order in which their transactions drew versions and committed; nothing is announced at commit.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class DatabaseChangeListenerTests(DatabaseFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AChangeCommittedAfterAHigherVersion_IsStillRead_AndAnOpenTransactionHoldsBackNoOther()
    {
        await using var node = await ListeningNodeAsync();
        await using var open = await node.Database.OpenConnectionAsync();
        await using var transaction = await open.BeginTransactionAsync();
        await AskAsync(open, 1); // draws product 1's version, and stays open
        await AskAsync(node.Database, 2); // a higher version, committed first

        var second = await node.WaitForCurrentVersionAsync(2);
        Assert.False(node.Versions.TryGet(1, out _)); // not committed: nothing to read yet

        await transaction.CommitAsync();
        var first = await node.WaitForCurrentVersionAsync(1);
        Assert.True(first < second, $"product 1's version {first} was drawn before product 2's {second}");
    }

    [Fact]
    public async Task ARolledBackChange_IsNeverRead()
    {
        await using var node = await ListeningNodeAsync();
        await using (var aborted = await node.Database.OpenConnectionAsync())
        await using (var transaction = await aborted.BeginTransactionAsync())
        {
            await AskAsync(aborted, 3);
            await transaction.RollbackAsync();
        }

        await AskAsync(node.Database, 4); // read after the rollback ended
        await node.WaitForCurrentVersionAsync(4);

        Assert.False(node.Versions.TryGet(3, out _));
    }

    [Fact]
    public async Task AfterALostConnection_ItReadsOnFromWhereItStopped_WithoutFlushing()
    {
        await using var node = await ListeningNodeAsync();
        await TerminateListenerAsync(node.Database);
        await AskAsync(node.Database, 5); // committed while the listener reconnects

        await node.WaitForCurrentVersionAsync(5);
        Assert.Equal(0, node.Versions.FlushedAtUnixMs);
    }

    [Fact]
    public async Task AfterAnOutageLongerThanTheLogKeepsItsRows_ItFlushes()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = await ListeningNodeAsync(clock);
        await TerminateListenerAsync(node.Database);
        clock.Advance(ChangeLogRetention.Retention); // before it reconnects, a second later

        await Eventually.TrueAsync(() => Task.FromResult(node.Versions.FlushedAtUnixMs != 0),
            "a flush after an outage longer than the log's retention", Patience);
    }

    [Fact]
    public async Task AChange_NotifiesNothingAtCommit_AndIsLoggedWithItsVersion()
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        await (await CoreServices.CreateAsync(database)).DisposeAsync(); // migrated

        await using var dataSource = NpgsqlDataSource.Create(database);
        await dataSource.ExecuteAsync("INSERT INTO products (id, name, category) VALUES (5, 'Kettle', 'kitchen')");
        await using var listener = await dataSource.OpenConnectionAsync();
        var heard = new List<string>();
        listener.Notification += (_, e) => heard.Add(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {DatabaseChangeListener.ChannelName}", listener))
        {
            await listen.ExecuteNonQueryAsync();
        }

        await AskAsync(dataSource, 5);
        await listener.WaitAsync(TimeSpan.FromMilliseconds(500));

        Assert.Empty(heard);
        Assert.Equal(1L, await dataSource.ScalarAsync<long>(
            "SELECT count(*) FROM qa_product_changes c JOIN products p ON p.id = c.product_id AND p.version = c.version WHERE p.id = 5"));
    }

    private async Task<ListeningNode> ListeningNodeAsync(TimeProvider? clock = null)
    {
        var database = await fixture.Server.CreateDatabaseAsync();
        var services = await CoreServices.CreateAsync(database, clock: clock);
        var node = new ListeningNode(services, NpgsqlDataSource.Create(database));
        await node.Database.ExecuteAsync("INSERT INTO products (id, name, category) SELECT i, 'Product ' || i, 'kitchen' FROM generate_series(1, 9) i");
        await node.StartAsync();

        // The listener's first read only takes its place: changes count from then on. A probe read back shows it has.
        for (var attempt = 0; ; attempt++)
        {
            await AskAsync(node.Database, 9);
            try
            {
                await node.WaitForCurrentVersionAsync(9, TimeSpan.FromSeconds(1));
                return node;
            }
            catch (TimeoutException) when (attempt < 10)
            {
            }
        }
    }

    // Ends the listener's session as a server restart or a network fault would.
    private static async Task TerminateListenerAsync(NpgsqlDataSource dataSource)
    {
        Assert.Equal(1L, await dataSource.ScalarAsync<long>("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE '%pg_current_snapshot%'
            """));
    }

    private static async Task AskAsync(NpgsqlDataSource dataSource, long productId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await AskAsync(connection, productId);
    }

    private static async Task AskAsync(NpgsqlConnection connection, long productId)
    {
        await using var ask = new NpgsqlCommand("INSERT INTO questions (product_id, body, asker_name, asker_email) VALUES ($1, 'Does it whistle?', 'ann', 'ann@example.com')", connection);
        ask.Parameters.Add(new NpgsqlParameter<long> { TypedValue = productId });
        await ask.ExecuteNonQueryAsync();
    }

    private sealed class ListeningNode(ServiceProvider services, NpgsqlDataSource database) : IAsyncDisposable
    {
        private readonly DatabaseChangeListener _listener = services.GetServices<IHostedService>().OfType<DatabaseChangeListener>().Single();

        public NpgsqlDataSource Database => database;

        public ProductVersions Versions { get; } = services.GetRequiredService<ProductVersions>();

        public Task StartAsync() => _listener.StartAsync(CancellationToken.None);

        /// <summary>Waits until the node knows the product's version as stored now; returns it.</summary>
        public async Task<long> WaitForCurrentVersionAsync(long productId, TimeSpan? patience = null)
        {
            var version = await database.ScalarAsync<long>($"SELECT version FROM products WHERE id = {productId}");
            await Eventually.TrueAsync(() => Task.FromResult(Versions.TryGet(productId, out var mark) && mark.Version == version),
                $"The node reading product {productId}'s version {version}", patience ?? Patience);
            return version;
        }

        public async ValueTask DisposeAsync()
        {
            await _listener.StopAsync(CancellationToken.None);
            await services.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
