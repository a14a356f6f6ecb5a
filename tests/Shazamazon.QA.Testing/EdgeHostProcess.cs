using System.Diagnostics;
namespace Shazamazon.QA.Testing;

/// <summary>
/// An edge host as its own OS process (<c>dotnet EdgeHost.dll</c>), configured by command-line arguments exactly as ops
/// would, on a free loopback port. Killing it is what a crash looks like to the others.
/// </summary>
public sealed class EdgeHostProcess : IAsyncDisposable
{
    private readonly string _dll;
    private readonly IDictionary<string, string?> _settings;
    private Process _process;

    private EdgeHostProcess(Process process, Uri address, string dll, IDictionary<string, string?> settings)
    {
        _process = process;
        _dll = dll;
        _settings = settings;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>Starts <c>EdgeHost.dll</c> from <see cref="DefaultDll"/> (or <c>QA_EDGEHOST_DLL</c>).</summary>
    public static Task<EdgeHostProcess> StartAsync(IDictionary<string, string?> settings) => StartAsync(DefaultDll, settings);

    /// <summary>
    /// The EdgeHost.dll to run: <c>QA_EDGEHOST_DLL</c> when set, else the one beside the tests (a project that
    /// references EdgeHost), else the repository's Release build.
    /// </summary>
    public static string DefaultDll
    {
        get
        {
            if (Environment.GetEnvironmentVariable("QA_EDGEHOST_DLL") is { Length: > 0 } configured)
            {
                return configured;
            }

            var beside = Path.Combine(AppContext.BaseDirectory, "EdgeHost.dll");
            if (File.Exists(beside))
            {
                return beside;
            }

            return Path.Combine(Repository.Root, "src", "EdgeHost", "bin", "Release", "net10.0", "EdgeHost.dll");
        }
    }

    public static Task<EdgeHostProcess> StartAsync(string edgeHostDll, IDictionary<string, string?> settings) =>
        StartAsync(edgeHostDll, settings, ServerProcess.FreePort());

    /// <summary>Starts <c>EdgeHost.dll</c> on a given loopback <paramref name="port"/> (a fleet behind a load balancer).</summary>
    public static async Task<EdgeHostProcess> StartAsync(string edgeHostDll, IDictionary<string, string?> settings, int port)
    {
        var address = new Uri($"http://127.0.0.1:{port}/");
        var host = new EdgeHostProcess(Launch(edgeHostDll, settings, address), address, edgeHostDll, settings);
        await host.WaitUntilUpAsync();
        return host;
    }

    /// <summary>Kills the process and starts it again on the same port with the same settings, as a crash and a restart would.</summary>
    public async Task RestartAsync()
    {
        await KillAsync();
        _process.Dispose();
        _process = Launch(_dll, _settings, Address);
        await WaitUntilUpAsync();
    }

    private static Process Launch(string edgeHostDll, IDictionary<string, string?> settings, Uri address)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(edgeHostDll);
        start.ArgumentList.Add($"--Urls={address}");
        start.ArgumentList.Add("--Logging:LogLevel:Default=Warning");
        foreach (var (key, value) in settings)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start EdgeHost.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private Task WaitUntilUpAsync() =>
        Eventually.TrueAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"EdgeHost exited with {_process.ExitCode} during start-up.");
            }

            try
            {
                return (await Client.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, "the edge host process answers /healthz", TimeSpan.FromSeconds(30));

    /// <summary>
    /// Runs <c>EdgeHost.dll</c> with <paramref name="args"/> (a maintenance verb, <c>--help</c>, ...) to its end, within
    /// two minutes, and returns its exit code with everything it wrote to stdout and stderr.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(DefaultDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start EdgeHost.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Asks the process to stop, as a service manager does (SIGTERM): it drains, then exits.</summary>
    public async Task TerminateAsync()
    {
        if (!_process.HasExited)
        {
            await ServerProcess.RunAsync("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }
    }

    /// <summary>True once the process has exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process at once.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await KillAsync();
        _process.Dispose();
    }
}
