using System.CommandLine;
using Microsoft.AspNetCore.Connections;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// <c>EdgeHost serve</c> (or no verb at all): runs the edge server until it is stopped (Ctrl-C, SIGTERM). A
/// configuration that cannot work (a bad key, a missing connection string) prints what is wrong, every key named, and
/// exits 78 (EX_CONFIG) instead of ending on an unhandled exception, so a service manager knows a restart cannot help.
/// An address another process listens on is said as plainly and exits 69 (EX_UNAVAILABLE): a restart may succeed once
/// that process is gone.
/// </summary>
internal static class ServeCommand
{
    public const string Description = "Run the edge server (the default when no verb is given).";

    /// <summary>The exit code when an address to listen on is taken (EX_UNAVAILABLE).</summary>
    public const int AddressInUse = 69;

    public static Command Create(string[] configuration)
    {
        var command = new Command("serve", Description);
        command.SetAction((_, _) => RunAsync(configuration));
        return command;
    }

    /// <summary>Runs the server; the host's own lifetime handles Ctrl-C and SIGTERM, and shuts down gracefully.</summary>
    public static async Task<int> RunAsync(string[] configuration)
    {
        WebApplication app;
        try
        {
            app = EdgeApp.Build(configuration);
        }
        catch (Exception ex) when (CommandHost.ConfigurationFailures(ex) is { } failures)
        {
            return await CommandHost.ConfigurationErrorAsync(failures);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            // At start only validation is a configuration error: anything else failing then stays an error.
            catch (Exception ex) when (ex is not InvalidOperationException && CommandHost.ConfigurationFailures(ex) is { } failures)
            {
                return await CommandHost.ConfigurationErrorAsync(failures);
            }
            catch (IOException ex) when (ex.InnerException is AddressInUseException)
            {
                await Console.Error.WriteLineAsync(
                    $"{ex.Message} Another process listens there: stop it, or give this node other addresses (Urls, Qa:Management:Url).");
                await StopStartedAsync(app);
                return AddressInUse;
            }

            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    // Stopped, not only disposed: what had started (the database listener among them) ends as at a shutdown, and is not
    // logged as a failed background service. A failure to stop changes nothing about why the node exits.
    private static async Task StopStartedAsync(WebApplication app)
    {
        try
        {
            await app.StopAsync();
        }
        catch (Exception ex)
        {
            await Console.Error.WriteLineAsync($"Stopping what had started failed too: {ex.Message}");
        }
    }
}
