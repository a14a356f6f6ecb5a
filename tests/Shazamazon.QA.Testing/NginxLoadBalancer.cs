using System.Diagnostics;
using System.Globalization;

namespace Shazamazon.QA.Testing;

/// <summary>
/// nginx in front of nodes on loopback, with the configuration <c>./run.sh fleet</c> uses
/// (<c>deploy/nginx/qaedge-fleet.conf</c>, consistent hashing on the id in the path), in the foreground as a child
/// process with its files in a directory of its own.
/// </summary>
public sealed class NginxLoadBalancer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private NginxLoadBalancer(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Address { get; }

    public static async Task<NginxLoadBalancer> StartAsync(IEnumerable<Uri> nodes)
    {
        var nginx = ServerProcess.FindOnPath("nginx") ?? new[] { "/usr/sbin/nginx" }.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "nginx was not found. Run ./test.sh, which installs it (Debian's nginx-light), or apt-get install nginx-light.");
        var directory = Directory.CreateTempSubdirectory("qa-nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // nginx's workers run as an unprivileged user when the master is root: they must reach its temp paths.
            File.SetUnixFileMode(directory, (UnixFileMode)0b111_101_101);
        }

        var port = ServerProcess.FreePort();
        var servers = string.Concat(nodes.Select(n => $"server 127.0.0.1:{n.Port} max_fails=1 fail_timeout=5s; "));
        var config = (await File.ReadAllTextAsync(Path.Combine(Repository.Root, "deploy", "nginx", "qaedge-fleet.conf")))
            .Replace("@PREFIX@", directory, StringComparison.Ordinal)
            .Replace("@LISTEN@", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
            .Replace("@ROUTING@", "hash $qa_routing_key consistent;", StringComparison.Ordinal)
            .Replace("@SERVERS@", servers, StringComparison.Ordinal);
        var file = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(file, config);
        var process = ServerProcess.Start(nginx, ["-c", file, "-p", directory, "-e", Path.Combine(directory, "error.log"), "-g", "daemon off;"]);
        var balancer = new NginxLoadBalancer(process, directory, port);
        var clock = Stopwatch.StartNew();
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}: {await File.ReadAllTextAsync(Path.Combine(directory, "error.log"))}");
            }

            try
            {
                if ((await probe.GetAsync(new Uri(balancer.Address, "healthz"))).IsSuccessStatusCode)
                {
                    return balancer;
                }
            }
            catch (HttpRequestException) when (clock.Elapsed < TimeSpan.FromSeconds(10))
            {
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
