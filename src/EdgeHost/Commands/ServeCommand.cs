using System.CommandLine;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// <c>EdgeHost serve</c> (or no verb at all): runs the edge server until it is stopped (Ctrl-C, SIGTERM). A
/// configuration that cannot work (a bad key, a missing connection string) prints what is wrong, every key named, and
/// exits 78 (EX_CONFIG) instead of ending on an unhandled exception, so a service manager knows a restart cannot help.
/// </summary>
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
        WebApplication app;
        try
        {
            app = EdgeApp.Build(configuration);
        }
        catch (Exception ex) when (ex is InvalidOperationException || Validation(ex) is not null)
        {
            return await ConfigurationErrorAsync(Validation(ex) ?? [ex.Message]);
        }

        await using (app)
        {
            try
            {
                await app.StartAsync();
            }
            catch (Exception ex) when (Validation(ex) is { } failures)
            {
                return await ConfigurationErrorAsync(failures);
            }

            await app.WaitForShutdownAsync();
        }

        return 0;
    }

    // The failures of options validation (one section's, or every section's at start-up), or null for anything else.
    private static IReadOnlyList<string>? Validation(Exception ex) => ex switch
    {
        OptionsValidationException one => [.. one.Failures],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        _ => null,
    };

    private static async Task<int> ConfigurationErrorAsync(IEnumerable<string> failures)
    {
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync(failure);
        }

        return CommandHost.ConfigurationError;
    }
}
