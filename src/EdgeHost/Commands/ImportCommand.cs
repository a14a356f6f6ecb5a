using System.CommandLine;
using System.Globalization;
using Shazamazon.QA.Bulk.Import;
using Shazamazon.QA.Core.Data.Migrations;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// <c>EdgeHost import PATH [--max-rejects N] [--rejects FILE]</c>: migrates, then imports the CSV files of a directory,
/// or a JSON-lines file of legacy product documents, with a progress bar, and prints the summary. Exit codes: 0
/// imported (possibly with rejects), 2 aborted (too many rejects, nothing changed), 65 unusable input.
/// </summary>
internal static class ImportCommand
{
    public static Command Create(string[] configuration)
    {
        var pathArgument = new Argument<string?>("PATH")
        {
            Description = "A directory holding products.csv, questions.csv and/or answers.csv, or a JSON-lines file of legacy product documents.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var maxRejectsOption = NumberOption.Create("--max-rejects", "The most rejected rows tolerated; one more and nothing is changed. Default: no limit.", 0, long.MaxValue);
        var rejectsOption = new Option<string?>("--rejects")
        {
            Description = "Where rejected rows are listed (CSV: file, line, reason). Default: rejects.csv in DIR, or FILE.rejects.csv.",
            HelpName = "FILE",
        };
        var command = new Command("import", "Import Q&A from CSV files or legacy JSON lines, in one transaction (migrating first).")
        {
            pathArgument, maxRejectsOption, rejectsOption,
        };
        command.Validators.Add(result =>
        {
            if (string.IsNullOrWhiteSpace(result.GetValue(pathArgument)))
            {
                result.AddError("import needs a directory holding products.csv, questions.csv and/or answers.csv (EdgeHost import ./dump), " +
                    "or a JSON-lines file of legacy product documents (EdgeHost import ./items.jsonl).");
            }
        });
        command.SetAction((parse, cancellationToken) => CommandHost.RunAsync(configuration, async services =>
        {
            var path = parse.GetValue(pathArgument)!;
            var maxRejects = parse.GetValue(maxRejectsOption);
            var rejectsPath = parse.GetValue(rejectsOption);
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            var legacy = File.Exists(path);
            var defaultRejects = legacy ? Path.ChangeExtension(path, ".rejects.csv") : Path.Combine(path, "rejects.csv");
            var options = new ImportOptions { MaxRejects = maxRejects, RejectsPath = rejectsPath ?? defaultRejects };
            var importer = services.GetRequiredService<QaImporter>();
            var progress = new TerminalProgress(Console.Error);
            try
            {
                var summary = legacy
                    ? await importer.ImportLegacyJsonLinesAsync(path, options, progress, cancellationToken)
                    : await importer.ImportCsvAsync(path, options, progress, cancellationToken);
                Console.Error.WriteLine();
                foreach (var t in summary.Tables)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{t.Table,-10} {t.Read,12:N0} read {t.Inserted,12:N0} inserted {t.Updated,10:N0} updated {t.Unchanged,12:N0} unchanged {t.Rejected,10:N0} rejected"));
                }

                var rejects = summary.RejectsPath is { } listed ? $"; rejected rows are listed in {listed}" : string.Empty;
                if (summary.Aborted)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"Aborted: {summary.Rejected:N0} rows rejected, more than --max-rejects {maxRejects:N0}. Nothing was changed{rejects}."));
                    return 2;
                }

                var cache = summary.CacheFlushed ? "every node's cache was flushed" : $"{summary.ChangedProducts:N0} products evicted from every node's cache";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"Imported {summary.Read:N0} rows ({summary.Rejected:N0} rejected) in {summary.Elapsed:hh\\:mm\\:ss} ({summary.RowsPerSecond:N0} rows/s); {cache}{rejects}."));
                return 0;
            }
            catch (ImportInputException ex)
            {
                Console.Error.WriteLine(ex.Message);
                return 65;
            }
        }));
        return command;
    }
}
