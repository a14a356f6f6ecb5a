using Microsoft.Extensions.Options;
using Shazamazon.QA.EdgeHost.Startup;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// The host a maintenance command runs in: configuration as for the server (appsettings.json, environment, then the
/// command line's configuration arguments), plain console logging, and the core on PostgreSQL with the bulk tools. It is
/// never started: a command resolves what it needs and exits.
/// </summary>
internal static class CommandHost
{
    /// <summary>The exit code of a configuration that cannot work (EX_CONFIG), e.g. no PostgreSQL connection string.</summary>
    public const int ConfigurationError = 78;

    /// <summary>Builds the host and runs <paramref name="command"/> in it; a configuration failure prints its message and exits 78.</summary>
    public static async Task<int> RunAsync(string[] configuration, Func<IServiceProvider, Task<int>> command)
    {
        IHost host;
        try
        {
            host = Build(configuration);
        }
        catch (Exception ex) when (ConfigurationFailures(ex) is { } failures)
        {
            return await ConfigurationErrorAsync(failures);
        }

        using (host)
        {
            return await command(host.Services);
        }
    }

    /// <summary>
    /// What is wrong, when <paramref name="ex"/> says the configuration cannot work: the failures of options validation
    /// (one section's, or every section's at start-up), or a setting the start-up found missing. Null for anything else.
    /// </summary>
    public static IReadOnlyList<string>? ConfigurationFailures(Exception ex) => ex switch
    {
        OptionsValidationException one => [.. one.Failures],
        AggregateException all when all.InnerExceptions.All(e => e is OptionsValidationException) =>
            [.. all.InnerExceptions.Cast<OptionsValidationException>().SelectMany(e => e.Failures)],
        InvalidOperationException missing => [missing.Message],
        _ => null,
    };

    /// <summary>Prints every failure on its own line and answers <see cref="ConfigurationError"/>.</summary>
    public static async Task<int> ConfigurationErrorAsync(IEnumerable<string> failures)
    {
        foreach (var failure in failures)
        {
            await Console.Error.WriteLineAsync(failure);
        }

        return ConfigurationError;
    }

    private static IHost Build(string[] configuration)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = configuration,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // A terminal command: plain lines (not the server's JSON), the seeder's timings, and warnings from the rest.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = null;
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var settings = StartupSettings.ForCommand(builder.Configuration);
        builder.Services.AddQaCore(builder.Configuration).AddPostgresSource(settings.RequiredPostgres);
        builder.Services.AddQaBulk();
        return builder.Build();
    }
}
