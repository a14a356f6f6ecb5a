using System.Net;
using System.Net.Sockets;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// The executable's command line, run as the real process: help exits 0, anything it does not know is an error naming
/// it (exit 64) and never starts the server, and configuration arguments reach every verb.
/// </summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Help_PrintsTheVerbs_AndExitsZero()
    {
        var (exitCode, output) = await EdgeHostProcess.RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var verb in new[] { "serve", "migrate", "seed", "import", "export" })
        {
            Assert.Contains(verb, output, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("seed", "--products")]
    [InlineData("import", "--max-rejects")]
    [InlineData("export", "DIR")]
    [InlineData("serve", "--help")]
    public async Task VerbHelp_PrintsItsUsage_AndExitsZero(string verb, string mentioned)
    {
        var (exitCode, output) = await EdgeHostProcess.RunAsync(verb, "--help");

        Assert.Equal(0, exitCode);
        Assert.Contains($"EdgeHost {verb}", output, StringComparison.Ordinal);
        Assert.Contains(mentioned, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "sed" }, "'sed'")]
    [InlineData(new[] { "seed", "--product", "5" }, "'--product'")]
    [InlineData(new[] { "--verbose" }, "'--verbose'")]
    [InlineData(new[] { "seed", "--products", "0" }, "--products must be a whole number from 1 to 1,000,000,000, not '0'")]
    [InlineData(new[] { "seed", "--writers", "many" }, "--writers must be a whole number from 1 to 64, not 'many'")]
    public async Task AnUnknownVerbOptionOrValue_IsAnErrorNamingIt_AndStartsNothing(string[] args, string named)
    {
        // A server would answer on this port if anything started one.
        var (exitCode, output) = await EdgeHostProcess.RunAsync([.. args, "--Urls=http://127.0.0.1:1"]);

        Assert.Equal(64, exitCode);
        Assert.Contains(named, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACommandWithoutADatabase_SaysWhichSettingIsMissing()
    {
        var (exitCode, output) = await EdgeHostProcess.RunAsync("migrate", "--ConnectionStrings:Postgres=");

        Assert.Equal(78, exitCode);
        Assert.Contains("ConnectionStrings:Postgres is not set", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--Qa:Cors:WriteOrigins:0=*", "Qa:Cors:WriteOrigins holds '*'")]               // read while the app is built
    [InlineData("--Qa:Cache:RedisTimeout=00:05:00", "Qa:Cache:RedisTimeout")]                 // validated at start-up
    [InlineData("--ConnectionStrings:Postgres=", "ConnectionStrings:Postgres is not set")]    // the source's settings
    public async Task TheServerWithABadConfiguration_ExitsWithEX_CONFIG_NamingIt_AsAPlainLine(string setting, string named)
    {
        var (exitCode, output) = await EdgeHostProcess.RunAsync("serve", "--Urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Postgres={EdgeHostInstance.Unreachable}", setting);

        // The host may also log its failure to start (one JSON line); the plain lines are what the operator reads.
        Assert.True(exitCode == 78, $"exit {exitCode}: {output}");
        Assert.Contains(output.Split('\n'), line => !line.StartsWith('{') && line.Contains(named, StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheServerOnAnAddressInUse_SaysSo_AndExitsWithEX_UNAVAILABLE()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, output) = await EdgeHostProcess.RunAsync("serve", $"--Urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:Postgres={EdgeHostInstance.Unreachable}");

        Assert.True(exitCode == 69, $"exit {exitCode}: {output}");
        Assert.Contains(output.Split('\n'), line => !line.StartsWith('{') && line.Contains($"127.0.0.1:{port}", StringComparison.Ordinal)
            && line.Contains("Another process listens there", StringComparison.Ordinal));
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
        Assert.DoesNotContain("BackgroundService failed", output, StringComparison.Ordinal); // what had started, stopped as at a shutdown
    }
}
