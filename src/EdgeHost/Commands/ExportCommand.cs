using System.CommandLine;
using System.Globalization;
using Shazamazon.QA.Bulk.Export;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary><c>EdgeHost export DIR</c>: writes products.csv, questions.csv and answers.csv (the import's layout) into DIR.</summary>
internal static class ExportCommand
{
    public static Command Create(string[] configuration)
    {
        var directory = new Argument<string?>("DIR") { Description = "The directory to write the three files into (created when missing).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("export", "Export the whole database to products.csv, questions.csv and answers.csv, from one snapshot.") { directory };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(directory)))
            {
                result.AddError("export needs a directory, e.g. EdgeHost export ./dump.");
            }
        });
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(configuration, async services =>
        {
            var path = parse.GetValue(directory)!;
            Console.Error.WriteLine($"Exporting to {path}...");
            var summary = await services.GetRequiredService<QaExporter>().ExportCsvAsync(path, cancellationToken);
            foreach (var (file, rows) in summary.Rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{file,-14} {rows,12:N0} rows"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Exported {summary.Rows.Values.Sum():N0} rows ({summary.Bytes / (1024.0 * 1024):N0} MiB) in {summary.Elapsed:hh\\:mm\\:ss} ({summary.RowsPerSecond:N0} rows/s)."));
            return 0;
        }));
        return command;
    }
}
