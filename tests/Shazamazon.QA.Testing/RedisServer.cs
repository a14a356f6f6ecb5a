using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Shazamazon.QA.Testing;

/// <summary>
/// A redis-server child process on a free loopback port, which a test can stop (as a crash would) and start again on
/// the same port. <see cref="StartAsync"/> uses <c>QA_TEST_REDIS</c> instead when it is set; tests that stop Redis
/// always own theirs.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly int _port;
    private Process? _process;

    private RedisServer(string connectionString, int port)
    {
        ConnectionString = connectionString;
        _port = port;
    }

    /// <summary>A StackExchange.Redis connection string.</summary>
    public string ConnectionString { get; }

    /// <summary>A shared server: the one in <c>QA_TEST_REDIS</c>, or a new one.</summary>
    public static Task<RedisServer> StartAsync() =>
        Environment.GetEnvironmentVariable("QA_TEST_REDIS") is { Length: > 0 } external
            ? Task.FromResult(new RedisServer(external, 0))
            : StartOwnedAsync();

    /// <summary>A server this test controls.</summary>
    public static async Task<RedisServer> StartOwnedAsync()
    {
        var port = ServerProcess.FreePort();
        var server = new RedisServer($"127.0.0.1:{port}", port);
        await server.RestartAsync();
        return server;
    }

    /// <summary>Kills the server.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process = null;
    }

    /// <summary>Starts the server (again) on its port, empty, and waits until it answers.</summary>
    public async Task RestartAsync()
    {
        var binary = ServerProcess.FindOnPath("redis-server") ?? throw new InvalidOperationException(
            "redis-server was not found on PATH. Run ./test.sh, which installs it, or apt-get install redis-server.");
        _process = ServerProcess.Start(binary, ["--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--enable-debug-command", "local"]);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await PingAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"redis-server did not answer on port {_port}.");
    }

    /// <summary>Makes the server unresponsive for <paramref name="duration"/> (a slow Redis), without closing connections.</summary>
    public async Task SleepAsync(TimeSpan duration)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", _port);
        var seconds = duration.TotalSeconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"DEBUG SLEEP {seconds}\r\n"));
        await Task.Delay(50); // let the command start before returning; its reply is not awaited
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", _port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
