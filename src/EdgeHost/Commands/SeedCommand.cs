using System.CommandLine;
using System.Globalization;
using Shazamazon.QA.Bulk.Seeding;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// <c>EdgeHost seed [--products N] [--seed S] [--writers W] [--force]</c>: migrates, then generates and bulk-loads a data
/// set with a progress bar. Exit codes: 0 seeded, 2 refused (the database holds data and --force was not given).
/// </summary>
internal static class SeedCommand
{
    public static Command Create(string[] configuration)
    {
        var defaults = new SeedOptions();
        var products = NumberOption.Create("--products", "How many products to generate (10,000,000 is the full set).", 1, 1_000_000_000, defaults.Products);
        var seed = NumberOption.Create("--seed", "The random seed: the same seed and product count give the same data set.", int.MinValue, int.MaxValue, defaults.Seed);
        var writers = NumberOption.Create("--writers", "How many COPY writers run in parallel.", 1, 64, defaults.Writers);
        var force = new Option<bool>("--force") { Description = "Replace whatever data set the database holds." };
        var command = new Command("seed", "Generate a deterministic, shop-shaped data set and bulk-load it into PostgreSQL (migrating first).")
        {
            products, seed, writers, force,
        };
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(configuration, async services =>
        {
            var options = new SeedOptions
            {
                Products = parse.GetValue(products)!.Value,
                Seed = (int)parse.GetValue(seed)!.Value,
                Writers = (int)parse.GetValue(writers)!.Value,
                Force = parse.GetValue(force),
            };
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Seeding {options.Products:N0} products (seed {options.Seed}, {options.Writers} writers)..."));
            try
            {
                var report = await services.GetRequiredService<DataSeeder>().SeedAsync(options, new TerminalProgress(Console.Error), cancellationToken);
                Console.Error.WriteLine();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Seeded {report.Products:N0} products, {report.Questions:N0} questions, {report.Answers:N0} answers " +
                    $"({report.Rows:N0} rows) in {report.TotalTime:hh\\:mm\\:ss}: load {report.LoadTime:hh\\:mm\\:ss} " +
                    $"({report.Rows / Math.Max(report.LoadTime.TotalSeconds, 0.001):N0} rows/s), indexes and analyze {report.IndexTime:hh\\:mm\\:ss}; " +
                    $"database size {report.DatabaseBytes / (1024.0 * 1024 * 1024):N2} GiB."));
                return 0;
            }
            catch (SeedRefusedException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 2;
            }
        }));
        return command;
    }
}
