namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// Separates configuration from the command line's verbs and options. <c>--Section:Key=value</c> (or
/// <c>--Section:Key value</c>) sets configuration exactly as appsettings.json or the environment would, for every verb,
/// as do the host's root keys (<c>--Urls=...</c>, <c>--Environment=...</c>). System.CommandLine cannot take these:
/// their names are open-ended, and it would split them at ':' and '='. Everything else is left to it, so a mistyped
/// verb or option is still an error.
/// </summary>
internal static class ConfigurationArguments
{
    private static readonly HashSet<string> RootKeys = new(["Urls", "Environment", "ContentRoot", "ApplicationName", "AllowedHosts"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits <paramref name="args"/> into the command line proper and the configuration arguments.</summary>
    public static (string[] CommandLine, string[] Configuration) Split(string[] args)
    {
        var commandLine = new List<string>();
        var configuration = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var key = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2)[0] : string.Empty;
            if (key.Length == 0 || !(key.Contains(':', StringComparison.Ordinal) || RootKeys.Contains(key)))
            {
                commandLine.Add(arg);
                continue;
            }

            configuration.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                configuration.Add(args[++i]); // --Section:Key value
            }
        }

        return ([.. commandLine], [.. configuration]);
    }
}
