using System.Diagnostics;

namespace Shazamazon.QA.Testing;

/// <summary>
/// A <c>redis-server</c> child process on a free loopback port, working in a directory of its own (a cluster node keeps
/// its <c>nodes.conf</c> there across restarts); stopping it kills it, as a crash would.
/// </summary>
public sealed class RedisProcess : IRedisServer
{
    private readonly int _port;
    private readonly string[] _extraArguments;
    private readonly string _directory = Directory.CreateTempSubdirectory("qa-redis-").FullName;
    private Process? _process;

    private RedisProcess(int port, string[] extraArguments)
    {
        _port = port;
        _extraArguments = extraArguments;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public static async Task<RedisProcess> StartAsync(params string[] extraArguments)
    {
        var server = new RedisProcess(ServerProcess.FreePort(), extraArguments);
        await server.RestartAsync();
        return server;
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process = null;
    }

    public async Task RestartAsync()
    {
        var binary = ServerProcess.FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server was not found on PATH. Run ./test.sh, which installs it, or apt-get install redis-server.");
        _process = ServerProcess.Start(binary, [.. RedisCommands.ServerArguments(_port), "--dir", _directory, .. _extraArguments]);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await RedisCommands.PingAsync(_port))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server did not answer on port {_port}.");
    }

    public Task SleepAsync(TimeSpan duration) => RedisCommands.SleepAsync(_port, duration);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }
}
