using System.Diagnostics;
using System.Text;
using Npgsql;
using Shazamazon.QA.Bulk.Import;

namespace Shazamazon.QA.Bulk.Export;

/// <summary>
/// Exports the Q&amp;A to <c>products.csv</c>, <c>questions.csv</c> and <c>answers.csv</c> in the layout
/// <see cref="Import.QaImporter"/> reads, streamed by PostgreSQL's <c>COPY ... TO STDOUT (FORMAT csv, HEADER)</c> from
/// one snapshot (a repeatable-read transaction), so the three files agree with each other; rows in id order (the
/// import then knows no id repeats without checking). Dates are written as
/// ISO-8601 UTC with microseconds, so an import reproduces them exactly.
/// </summary>
public sealed class QaExporter(NpgsqlDataSource dataSource)
{
    // The import's CSV layout, column for column: each table's rows in id order, dates as ISO-8601 UTC with microseconds.
    private static readonly (string File, string Query)[] Files = [.. ImportSource.CsvTables().Select(t => (t.CsvFile, Query(t)))];

    /// <summary>Writes the three files into <paramref name="directory"/> (created when missing; existing files are replaced).</summary>
    public async Task<ExportSummary> ExportCsvAsync(string directory, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        Directory.CreateDirectory(directory);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var rows = new Dictionary<string, long>(StringComparer.Ordinal);
        long bytes = 0;
        foreach (var (file, query) in Files)
        {
            var path = Path.Combine(directory, file);
            long records = 0;
            var quoted = false;
            await using (var output = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
            using (var copy = await connection.BeginTextExportAsync($"COPY ({query}) TO STDOUT (FORMAT csv, HEADER)", cancellationToken))
            {
                var buffer = new char[1 << 16];
                int read;
                while ((read = await copy.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    records += CountRecords(buffer.AsSpan(0, read), ref quoted);
                    await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            rows[file] = records - 1; // less the header
            bytes += new FileInfo(path).Length;
        }

        await transaction.CommitAsync(cancellationToken);
        return new ExportSummary(rows, bytes, Stopwatch.GetElapsedTime(started));
    }

    private static string Query(ImportTable table) =>
        $"SELECT {string.Join(", ", table.ExportColumns)} FROM {table.Name} ORDER BY {string.Join(", ", table.KeyColumns)}";

    // Counts the records ending in this chunk as the text passes by (no second scan of the table): a line end outside
    // quotes ends one. A doubled quote inside a quoted field toggles twice, so the state stays right across chunks.
    private static long CountRecords(ReadOnlySpan<char> chunk, ref bool quoted)
    {
        long records = 0;
        int next;
        while ((next = chunk.IndexOfAny('"', '\n')) >= 0)
        {
            if (chunk[next] == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted)
            {
                records++;
            }

            chunk = chunk[(next + 1)..];
        }

        return records;
    }
}
