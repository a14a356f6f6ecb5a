using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Shazamazon.QA.Testing;

/// <summary>The two raw Redis commands the fixtures send over loopback: PING (is it up?) and DEBUG SLEEP (be slow).</summary>
internal static class RedisCommands
{
    public static async Task<bool> PingAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
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
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Sends DEBUG SLEEP (the server must run with <c>--enable-debug-command local</c>); its reply is not awaited.</summary>
    public static async Task SleepAsync(int port, TimeSpan duration)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port);
        var seconds = duration.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture);
        await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes($"DEBUG SLEEP {seconds}\r\n"));
        await Task.Delay(50); // let the command start before returning
    }

    /// <summary>The arguments every test server runs with: loopback only, no persistence, DEBUG allowed from loopback.</summary>
    public static string[] ServerArguments(int port) =>
        ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--enable-debug-command", "local"];
}
