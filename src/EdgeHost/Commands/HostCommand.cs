using System.Globalization;
using Shazamazon.QA.Core.Seeding;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// The maintenance verbs of the executable: <c>EdgeHost migrate</c>,
/// <c>EdgeHost seed [--products N] [--seed S] [--writers W] [--force]</c>,
/// <c>EdgeHost import DIR|FILE.jsonl [--max-rejects N] [--rejects FILE]</c> and <c>EdgeHost export DIR</c>. Other arguments are
/// configuration, exactly as for the web host (for example <c>--ConnectionStrings:Postgres=...</c>).
/// </summary>
internal abstract class HostCommand(string[] configurationArgs)
{
    protected string[] ConfigurationArgs { get; } = configurationArgs;

    public static HostCommand? TryParse(string[] args)
    {
        if (args.Length == 0)
        {
            return null;
        }

        return args[0] switch
        {
            "migrate" => new MigrateCommand(args[1..]),
            "seed" => ParseSeed(args[1..]),
            "import" => ParseImport(args[1..]),
            "export" => ParseExport(args[1..]),
            _ => null,
        };
    }

    public abstract Task<int> RunAsync();

    protected IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = ConfigurationArgs,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // A terminal command: plain lines (not the server's JSON), the seeder's timings, and warnings from the rest.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = null;
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.AddQaCore(builder.Configuration);
        return builder.Build();
    }

    private static SeedCommand ParseSeed(string[] args)
    {
        var options = new SeedOptions();
        long products = options.Products;
        int seed = options.Seed, writers = options.Writers;
        var force = false;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--products":
                    products = Number(args, ref i, "--products");
                    break;
                case "--seed":
                    seed = checked((int)Number(args, ref i, "--seed"));
                    break;
                case "--writers":
                    writers = checked((int)Number(args, ref i, "--writers"));
                    break;
                case "--force":
                    force = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new SeedCommand(rest.ToArray(), new SeedOptions { Products = products, Seed = seed, Writers = writers, Force = force });
    }

    private static ImportCommand ParseImport(string[] args)
    {
        var path = Path(args,
            "import needs a directory holding products.csv, questions.csv and/or answers.csv (EdgeHost import ./dump), " +
            "or a JSON-lines file of legacy product documents (EdgeHost import ./items.jsonl).");
        long? maxRejects = null;
        string? rejects = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--max-rejects":
                    maxRejects = Number(args, ref i, "--max-rejects");
                    break;
                case "--rejects":
                    rejects = i + 1 < args.Length ? args[++i] : throw new ArgumentException("--rejects needs a file name, e.g. --rejects rejects.csv.");
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return new ImportCommand(rest.ToArray(), path, maxRejects, rejects);
    }

    private static ExportCommand ParseExport(string[] args)
    {
        var directory = Path(args, "export needs a directory, e.g. EdgeHost export ./dump.");
        return new ExportCommand(args[1..], directory);
    }

    // The verb's first argument, a path (not an option).
    private static string Path(string[] args, string missing) =>
        args.Length > 0 && !args[0].StartsWith('-') ? args[0] : throw new ArgumentException(missing);

    private static long Number(string[] args, ref int i, string name)
    {
        if (i + 1 < args.Length && long.TryParse(args[i + 1].Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value))
        {
            i++;
            return value;
        }

        throw new ArgumentException($"{name} needs a number, e.g. {name} 100000.");
    }
}
