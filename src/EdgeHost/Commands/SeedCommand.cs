using System.Globalization;
using Shazamazon.QA.Core.Data.Migrations;
using Shazamazon.QA.Core.Seeding;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary><c>EdgeHost seed</c>: migrates, then generates and bulk-loads a data set with a progress bar.</summary>
internal sealed class SeedCommand(string[] configurationArgs, SeedOptions options) : HostCommand(configurationArgs)
{
    public override async Task<int> RunAsync()
    {
        using var host = BuildHost();
        await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync();
        var seeder = host.Services.GetRequiredService<DataSeeder>();
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Seeding {options.Products:N0} products (seed {options.Seed}, {options.Writers} writers)..."));
        try
        {
            var report = await seeder.SeedAsync(options, new TerminalProgress(Console.Error));
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
    }
}
