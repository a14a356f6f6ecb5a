using System.CommandLine;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary><c>EdgeHost serve</c> (or no verb at all): runs the edge server until it is stopped (Ctrl-C, SIGTERM).</summary>
internal static class ServeCommand
{
    public const string Description = "Run the edge server (the default when no verb is given).";

    public static Command Create(string[] configuration)
    {
        var command = new Command("serve", Description);
        command.SetAction((_, _) => RunAsync(configuration));
        return command;
    }

    /// <summary>Runs the server; the host's own lifetime handles Ctrl-C and SIGTERM, and shuts down gracefully.</summary>
    public static async Task<int> RunAsync(string[] configuration)
    {
        await EdgeApp.Build(configuration).RunAsync();
        return 0;
    }
}
