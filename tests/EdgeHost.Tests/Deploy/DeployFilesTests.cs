using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests.Deploy;

/// <summary>The deployment files in deploy/ are valid for the tools that read them, and name what the host really has.</summary>
public sealed class DeployFilesTests
{
    private static readonly string Unit = Path.Combine(Repository.Root, "deploy", "systemd", "qaedge.service");

    [Fact]
    public async Task SystemdUnit_PassesSystemdAnalyzeVerify()
    {
        var analyze = ServerProcess.FindOnPath("systemd-analyze") ?? throw new InvalidOperationException(
            "systemd-analyze was not found. Run ./test.sh, which installs it (Debian's systemd package).");
        // It exits 0 on unknown keys and bad values, and says so on stderr: the unit is clean only if it says nothing.
        var start = new System.Diagnostics.ProcessStartInfo(analyze) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("verify");
        start.ArgumentList.Add(Unit);
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0 && string.IsNullOrWhiteSpace(output), $"exit {process.ExitCode}: {output}");
    }

    [Fact]
    public async Task SystemdUnit_StartsAVerbTheHostHas_AndKnowsItsConfigurationExitCodes()
    {
        var text = await File.ReadAllTextAsync(Unit);
        Assert.Contains("ExecStart=/usr/bin/dotnet /opt/qaedge/EdgeHost.dll serve", text, StringComparison.Ordinal);
        Assert.Contains("RestartPreventExitStatus=64 78", text, StringComparison.Ordinal);
        var (exit, help) = await EdgeHostProcess.RunAsync("serve", "--help");
        Assert.True(exit == 0, help);
    }
}
