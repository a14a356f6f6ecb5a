using System.Diagnostics;
using System.Globalization;

namespace Shazamazon.QA.Testing;

/// <summary>
/// A Redis Cluster of three masters with one replica each, made of six <see cref="IRedisServer"/>s (processes, or
/// containers with <c>QA_TEST_DOCKER=1</c>) joined by <c>redis-cli --cluster create</c>. A short node timeout makes a
/// failover take a few seconds, so a test can kill a master and watch its replica take over.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private const string NodeTimeoutMilliseconds = "1000";
    private readonly List<(int Port, IRedisServer Server)> _nodes;

    private RedisCluster(List<(int Port, IRedisServer Server)> nodes)
    {
        _nodes = nodes;
        ConnectionString = string.Join(',', nodes.Select(n => n.Server.ConnectionString));
    }

    /// <summary>A StackExchange.Redis connection string naming every node.</summary>
    public string ConnectionString { get; }

    public static async Task<RedisCluster> StartAsync()
    {
        var nodes = new List<(int, IRedisServer)>();
        try
        {
            for (var i = 0; i < 6; i++)
            {
                // The bus port is chosen too (by default it is the port + 10000, which may not exist). Replicas sync at
                // once and always stand for election, so a failover never waits for data age.
                var server = await RedisServer.StartOwnedAsync("--cluster-enabled", "yes", "--cluster-node-timeout", NodeTimeoutMilliseconds,
                    "--cluster-config-file", $"nodes-{Guid.NewGuid():N}.conf", "--cluster-port", Text(ServerProcess.FreePort()),
                    "--repl-diskless-sync-delay", "0", "--cluster-replica-validity-factor", "0");
                nodes.Add((Port(server), server));
            }

            var cluster = new RedisCluster(nodes);
            await CliAsync(["--cluster", "create", .. nodes.Select(n => $"127.0.0.1:{n.Item1}"), "--cluster-replicas", "1", "--cluster-yes"]);
            await cluster.WaitUntilHealthyAsync();
            return cluster;
        }
        catch
        {
            foreach (var (_, server) in nodes)
            {
                await server.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>The slot Redis Cluster puts <paramref name="key"/> (or a sharded channel of that name) in.</summary>
    public async Task<int> SlotOfAsync(string key) =>
        int.Parse((await CliAsync(["-p", Text(await AnyLivePortAsync()), "cluster", "keyslot", key])).Trim(), CultureInfo.InvariantCulture);

    /// <summary>The port of the master serving <paramref name="slot"/> now.</summary>
    public async Task<int> MasterOfAsync(int slot)
    {
        foreach (var line in (await CliAsync(["-p", Text(await AnyLivePortAsync()), "cluster", "nodes"])).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(' ');
            if (!fields[2].Contains("master", StringComparison.Ordinal) || fields[2].Contains("fail", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var range in fields.Skip(8))
            {
                var bounds = range.Split('-');
                var (from, to) = (int.Parse(bounds[0], CultureInfo.InvariantCulture), int.Parse(bounds[^1], CultureInfo.InvariantCulture));
                if (slot >= from && slot <= to)
                {
                    return int.Parse(fields[1].Split('@')[0].Split(':')[1], CultureInfo.InvariantCulture);
                }
            }
        }

        throw new InvalidOperationException($"No live master serves slot {slot}.");
    }

    /// <summary>Kills the master serving <paramref name="slot"/>, as a crash would.</summary>
    /// <returns>The killed master's port.</returns>
    public async Task<int> KillMasterOfAsync(int slot)
    {
        var port = await MasterOfAsync(slot);
        await Node(port).StopAsync();
        return port;
    }

    /// <summary>Restarts a stopped node: it rejoins the cluster (as a replica, once its replica has taken over).</summary>
    public async Task RestartAsync(int port)
    {
        await Node(port).RestartAsync();
        await WaitUntilHealthyAsync();
    }

    /// <summary>Stops every node at once, as a crash of all of Redis would.</summary>
    public async Task StopAllAsync()
    {
        foreach (var (_, server) in _nodes)
        {
            await server.StopAsync();
        }
    }

    /// <summary>Starts every node again (each rejoins from its nodes.conf, empty of data) and waits until the cluster is healthy.</summary>
    public async Task StartAllAsync()
    {
        foreach (var (_, server) in _nodes)
        {
            await server.RestartAsync();
        }

        await WaitUntilHealthyAsync();
    }

    /// <summary>Waits until a live master other than <paramref name="formerMaster"/> serves <paramref name="slot"/> and the cluster is healthy.</summary>
    public async Task WaitForFailoverAsync(int slot, int formerMaster, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            try
            {
                if (await MasterOfAsync(slot) != formerMaster && await IsHealthyAsync())
                {
                    return;
                }
            }
            catch (InvalidOperationException)
            {
                // No master for the slot yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"No replica took over slot {slot} from 127.0.0.1:{formerMaster} within {timeout}.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, server) in _nodes)
        {
            await server.DisposeAsync();
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var clock = Stopwatch.StartNew();
        while (!await IsHealthyAsync())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
            {
                throw new TimeoutException("The Redis Cluster did not reach cluster_state:ok with every slot assigned within 30 s.");
            }

            await Task.Delay(100);
        }
    }

    // Every live node says the cluster is ok, and every live replica is in sync with its master.
    private async Task<bool> IsHealthyAsync()
    {
        foreach (var (port, _) in _nodes)
        {
            if (!await RedisCommands.PingAsync(port))
            {
                continue;
            }

            var info = await CliAsync(["-p", Text(port), "cluster", "info"]);
            if (!info.Contains("cluster_state:ok", StringComparison.Ordinal) || !info.Contains("cluster_slots_ok:16384", StringComparison.Ordinal))
            {
                return false;
            }

            var replication = await CliAsync(["-p", Text(port), "info", "replication"]);
            if (replication.Contains("role:slave", StringComparison.Ordinal) && !replication.Contains("master_link_status:up", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private async Task<int> AnyLivePortAsync()
    {
        foreach (var (port, _) in _nodes)
        {
            if (await RedisCommands.PingAsync(port))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No node of the Redis Cluster answers.");
    }

    private IRedisServer Node(int port) => _nodes.Single(n => n.Port == port).Server;

    private static int Port(IRedisServer server) => int.Parse(server.ConnectionString.Split(':')[^1], CultureInfo.InvariantCulture);

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static Task<string> CliAsync(string[] arguments)
    {
        var cli = ServerProcess.FindOnPath("redis-cli") ?? throw new InvalidOperationException(
            "redis-cli was not found on PATH. Run ./test.sh, which installs redis-server (and with it redis-tools).");
        return ServerProcess.RunAsync(cli, ["-h", "127.0.0.1", .. arguments]);
    }
}
