using System.Diagnostics;

namespace Shazamazon.QA.Testing;

/// <summary>A <c>redis-server</c> child process on a free loopback port; stopping it kills it, as a crash would.</summary>
public sealed class RedisProcess : IRedisServer
{
    private readonly int _port;
    private Process? _process;

    private RedisProcess(int port)
    {
        _port = port;
        ConnectionString = $"127.0.0.1:{port}";
    }

    public string ConnectionString { get; }

    public static async Task<RedisProcess> StartAsync()
    {
        var server = new RedisProcess(ServerProcess.FreePort());
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
        _process = ServerProcess.Start(binary, RedisCommands.ServerArguments(_port));
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

    public async ValueTask DisposeAsync() => await StopAsync();
}
