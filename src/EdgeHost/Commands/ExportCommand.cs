using System.Globalization;
using Shazamazon.QA.Core.Export;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary><c>EdgeHost export DIR</c>: writes products.csv, questions.csv and answers.csv (the import's layout) into DIR.</summary>
internal sealed class ExportCommand(string[] configurationArgs, string directory) : HostCommand(configurationArgs)
{
    public override async Task<int> RunAsync()
    {
        using var host = BuildHost();
        Console.Error.WriteLine($"Exporting to {directory}...");
        var summary = await host.Services.GetRequiredService<QaExporter>().ExportCsvAsync(directory);
        foreach (var (file, rows) in summary.Rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file,-14} {rows,12:N0} rows"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Exported {summary.Rows.Values.Sum():N0} rows ({summary.Bytes / (1024.0 * 1024):N0} MiB) in {summary.Elapsed:hh\\:mm\\:ss} ({summary.RowsPerSecond:N0} rows/s)."));
        return 0;
    }
}
