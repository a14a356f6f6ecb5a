using Npgsql;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests.Fleet;

/// <summary>
/// The fleet of <c>./run.sh fleet</c>, as real processes on loopback: nginx (deploy/nginx/qaedge-fleet.conf) in front
/// of three database nodes, a Redis Cluster of three masters with a replica each, and a PostgreSQL primary with a
/// streaming replica. <see cref="ProductCount"/> products each have one question the load votes on.
/// </summary>
public sealed class FleetFixture : IAsyncLifetime
{
    public const int ProductCount = 40;

    public PostgresServer Primary { get; private set; } = null!;

    public PostgresServer Replica { get; private set; } = null!;

    public RedisCluster Redis { get; private set; } = null!;

    public IReadOnlyList<EdgeHostProcess> Nodes { get; private set; } = [];

    public NginxLoadBalancer Balancer { get; private set; } = null!;

    public string Database { get; private set; } = null!;

    public NpgsqlDataSource Data { get; private set; } = null!;

    /// <summary>The products the load reads.</summary>
    public IReadOnlyList<long> Products { get; private set; } = [];

    /// <summary>The question of each product, which the load votes on.</summary>
    public IReadOnlyList<long> Questions { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Primary = await PostgresServer.StartAsync();
        Database = await Primary.CreateDatabaseAsync();
        var (exit, output) = await EdgeHostProcess.RunAsync("migrate", $"--ConnectionStrings:Postgres={Database}");
        if (exit != 0)
        {
            throw new InvalidOperationException($"migrate exited with {exit}: {output}");
        }

        Data = NpgsqlDataSource.Create(Database);
        var catalog = new TestCatalog(Data);
        var (products, questions) = (new List<long>(), new List<long>());
        for (var i = 0; i < ProductCount; i++)
        {
            products.Add(await catalog.ProductAsync());
            questions.Add(await catalog.QuestionAsync(products[^1], $"question {i}"));
        }

        (Products, Questions) = (products, questions);
        Replica = await Primary.StartReplicaAsync();
        Redis = await RedisCluster.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = Primary.MultiHost(Database, Replica),
            ["ConnectionStrings:Redis"] = Redis.ConnectionString,
            ["Qa:Protection:WritesPerMinute"] = "100000",
            ["Qa:Protection:MissesPerSecond"] = "0", // the load stands for many clients but comes from one address
            ["Qa:Protection:KnownProxies:0"] = "127.0.0.1",
            ["Qa:Shutdown:DrainTime"] = "00:00:00",
        };
        var nodes = new List<EdgeHostProcess>();
        Nodes = nodes; // each one disposed, even if a later one fails to start
        for (var i = 0; i < 3; i++)
        {
            nodes.Add(await EdgeHostProcess.StartAsync(EdgeHostProcess.DefaultDll, settings, ServerProcess.FreePort()));
        }

        Balancer = await NginxLoadBalancer.StartAsync(nodes.Select(n => n.Address));
    }

    /// <summary>The votes the database holds on the load's questions (each starts at 0).</summary>
    public async Task<long> VotesAsync()
    {
        Data.Clear(); // pooled connections may predate a stopped primary
        await using var command = Data.CreateCommand("SELECT coalesce(sum(helpful), 0) FROM questions WHERE id = ANY($1)");
        command.Parameters.Add(new NpgsqlParameter { Value = Questions.ToArray() });
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    // Whatever InitializeAsync started, also when it failed part way (redis-server missing, a node that did not come up):
    // xUnit disposes a fixture whose start threw, and a server left running would outlive the test run.
    public async Task DisposeAsync()
    {
        if (Balancer is not null)
        {
            await Balancer.DisposeAsync();
        }

        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }

        if (Data is not null)
        {
            await Data.DisposeAsync();
        }

        if (Replica is not null)
        {
            await Replica.DisposeAsync();
        }

        if (Primary is not null)
        {
            await Primary.DisposeAsync();
        }
    }
}
