using System.CommandLine;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// The executable's command line, on System.CommandLine: <c>EdgeHost [serve]</c> runs the server; <c>migrate</c>,
/// <c>seed</c>, <c>import</c> and <c>export</c> are maintenance verbs. <c>--help</c> (also after a verb) prints usage
/// and exits 0; an unknown verb or option, or a bad value, is an error naming it (exit 64, EX_USAGE). Configuration
/// arguments (<c>--Section:Key=value</c>, <c>--Urls=...</c>) apply to every verb (<see cref="ConfigurationArguments"/>).
/// </summary>
internal static class EdgeCommandLine
{
    /// <summary>The exit code of a command line that cannot be run (EX_USAGE).</summary>
    public const int UsageError = 64;

    public static async Task<int> RunAsync(string[] args)
    {
        var (commandLine, configuration) = ConfigurationArguments.Split(args);
        var parse = Create(configuration).Parse(commandLine);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            await Console.Error.WriteLineAsync("Run 'EdgeHost --help' (or 'EdgeHost <verb> --help') for usage.");
            return UsageError;
        }

        // The server's host handles Ctrl-C and SIGTERM itself (graceful shutdown); the parser must not end the process first.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    private static RootCommand Create(string[] configuration)
    {
        var root = new RootCommand(
            "QaEdge: the cached edge read tier for product questions and answers. With no verb, it runs the edge server." + Environment.NewLine +
            "Configuration comes from appsettings.json beside the executable, the environment (Qa__Cache__QuestionPages=00:05:00) and " +
            "--Section:Key=value arguments, which every verb takes (e.g. --ConnectionStrings:Postgres=\"Host=127.0.0.1;Database=qa;Username=qa\", --Urls=http://127.0.0.1:5080).")
        {
            ServeCommand.Create(configuration),
            MigrateCommand.Create(configuration),
            SeedCommand.Create(configuration),
            ImportCommand.Create(configuration),
            ExportCommand.Create(configuration),
        };
        root.SetAction((_, _) => ServeCommand.RunAsync(configuration));
        return root;
    }
}
