using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;
using nietras.SeparatedValues;
using Npgsql;
using NpgsqlTypes;
using Shazamazon.QA.Core.Coherence;
using Shazamazon.QA.Core.Data;

namespace Shazamazon.QA.Core.Import;

/// <summary>
/// Imports Q&amp;A from CSV files (<c>products.csv</c>, <c>questions.csv</c>, <c>answers.csv</c>, each optional, header
/// row required) in one transaction:
/// <list type="number">
/// <item>each file is streamed through a CSV parser, row by row (constant memory), checked (types, lengths, text rules)
/// and sent by binary COPY into a temporary staging table; bad rows go to the reject file with their line and reason;</item>
/// <item>staged rows are checked against each other (a repeated id) and the database (a question of an unknown product,
/// an answer to an unknown question);</item>
/// <item>with more rejects than <see cref="ImportOptions.MaxRejects"/> the transaction is rolled back: nothing changes;</item>
/// <item>else the rows are upserted by id (so re-importing the same files changes nothing), the id sequences are moved
/// past the imported ids, and the changed products are announced to every edge node (each product, or a flush of
/// every cache when many changed or products were added), all at commit.</item>
/// </list>
/// </summary>
public sealed partial class QaImporter(NpgsqlDataSource dataSource, ILogger<QaImporter> logger)
{
    /// <summary>Above this many changed products, nodes are told to flush everything rather than evict each product.</summary>
    public const int MaxProductsAnnounced = 10_000;

    private const int ProgressEveryRows = 65_536;

    /// <summary>Imports the CSV files found in <paramref name="directory"/>; at least one of the three must exist.</summary>
    /// <exception cref="ImportInputException">No file to import, or a file lacks a required column; nothing was changed.</exception>
    public async Task<ImportSummary> ImportCsvAsync(string directory, ImportOptions options, IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ImportTable[] tables = [new ProductTable(), PostTable.Questions(), PostTable.Answers()];
        var files = tables.Select(t => Path.Combine(directory, t.FileName)).ToArray();
        if (!files.Any(File.Exists))
        {
            throw new ImportInputException($"{directory} holds none of products.csv, questions.csv, answers.csv.");
        }

        var started = Stopwatch.GetTimestamp();
        var totalBytes = files.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        using var rejects = new RejectLog(options.RejectsPath);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Room for the checks' sorts and hashes, and for rebuilding indexes after a first import.
        await ExecuteAsync(connection, "SET LOCAL work_mem = '256MB'; SET LOCAL maintenance_work_mem = '1GB'", cancellationToken);
        foreach (var table in tables)
        {
            await ExecuteAsync(connection, table.CreateStagingSql, cancellationToken);
        }

        await ExecuteAsync(connection, "CREATE TEMP TABLE import_changed (product_id bigint NOT NULL) ON COMMIT DROP", cancellationToken);

        // 1. Read, check and stage every row.
        var read = new long[tables.Length];
        var rejected = new long[tables.Length];
        var ascending = new bool[tables.Length];
        var position = new ReadPosition(totalBytes, started, progress);
        for (var i = 0; i < tables.Length; i++)
        {
            if (File.Exists(files[i]))
            {
                var before = rejects.Count;
                (read[i], ascending[i]) = Stage(connection, tables[i], files[i], rejects, position, cancellationToken);
                rejected[i] = rejects.Count - before;
                await ExecuteAsync(connection, $"ANALYZE {tables[i].Staging}", cancellationToken);
            }
        }

        // 2. Check staged rows against each other and the database; parents before children, so an answer to a
        // rejected question is rejected too (unless the question is already stored). A file whose ids only ascend
        // (as exports and most dumps are) cannot repeat one, and skips that check.
        for (var i = 0; i < tables.Length; i++)
        {
            if (!ascending[i])
            {
                rejected[i] += await RejectAsync(connection, tables[i].DuplicatesSql, tables[i], rejects, cancellationToken);
            }

            if (tables[i].OrphansSql is { } orphans)
            {
                rejected[i] += await RejectAsync(connection, orphans, tables[i], rejects, cancellationToken);
            }
        }

        if (rejects.Count > options.MaxRejects)
        {
            await transaction.RollbackAsync(cancellationToken);
            LogAborted(rejects.Count, options.MaxRejects.Value);
            return Summary(tables, read, rejected, new long[tables.Length, 2], aborted: true, rejects, 0, false, started);
        }

        // 3. Move the rows in; the change triggers stand aside (migration 0003) and the products are announced below.
        await ExecuteAsync(connection, "SET LOCAL qa.bulk_import = 'on'", cancellationToken);
        var moved = new long[tables.Length, 2];
        if (await AllEmptyAsync(connection, lockThem: false, cancellationToken) && await AllEmptyAsync(connection, lockThem: true, cancellationToken))
        {
            await InsertIntoEmptyAsync(connection, transaction, tables, moved, cancellationToken);
        }
        else
        {
            await UpsertAsync(connection, tables, moved, cancellationToken);
        }

        await ContinueSequenceAsync(connection, "questions", cancellationToken);
        await ContinueSequenceAsync(connection, "answers", cancellationToken);
        var changedProducts = await ScalarAsync(connection, "SELECT count(DISTINCT product_id) FROM import_changed", cancellationToken);
        // New products may have been cached as "not found", which no product version covers: flush then, as for many changes.
        var flush = changedProducts > MaxProductsAnnounced || moved[0, 0] > 0;
        if (flush)
        {
            await ExecuteAsync(connection, $"SELECT pg_notify('{DatabaseChangeListener.ChannelName}', '{DatabaseChangeListener.FlushPayload}')", cancellationToken);
        }
        else if (changedProducts > 0)
        {
            await ExecuteAsync(connection, "SELECT qa_touch_products(ARRAY(SELECT DISTINCT product_id FROM import_changed))", cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        var summary = Summary(tables, read, rejected, moved, aborted: false, rejects, changedProducts, flush, started);
        LogImported(summary.Read, summary.Rejected, changedProducts, summary.Elapsed.TotalSeconds);
        return summary;
    }

    // Upserts by id, noting in import_changed every product whose Q&A changed.
    private static async Task UpsertAsync(NpgsqlConnection connection, ImportTable[] tables, long[,] moved, CancellationToken cancellationToken)
    {
        for (var i = 0; i < tables.Length; i++)
        {
            if (tables[i].MovedAwaySql is { } movedAway)
            {
                await ExecuteAsync(connection, movedAway, cancellationToken);
            }

            await using var command = Command(connection, tables[i].MoveSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (moved[i, 0], moved[i, 1]) = (reader.GetInt64(0), reader.GetInt64(1));
        }
    }

    // A first import into empty tables: drop their keys, indexes and foreign keys (inside the transaction, so a
    // failure restores them), insert, rebuild. Every product is new, so the caches are flushed (import_changed only
    // needs the count).
    private static async Task InsertIntoEmptyAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ImportTable[] tables, long[,] moved,
        CancellationToken cancellationToken)
    {
        var rebuild = new List<string>();
        await using (var list = Command(connection, $"SELECT statement FROM ({BulkLoadSchema.Definitions}) d ORDER BY phase, name"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rebuild.Add(reader.GetString(0));
            }
        }

        await BulkLoadSchema.DropAsync(connection, transaction, cancellationToken);
        for (var i = 0; i < tables.Length; i++)
        {
            await using var insert = Command(connection, tables[i].InsertSql);
            moved[i, 0] = await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, "INSERT INTO import_changed (product_id) SELECT id FROM stage_products", cancellationToken);
        foreach (var statement in rebuild)
        {
            await ExecuteAsync(connection, statement, cancellationToken);
        }
    }

    private static async Task<bool> AllEmptyAsync(NpgsqlConnection connection, bool lockThem, CancellationToken cancellationToken)
    {
        if (lockThem)
        {
            await ExecuteAsync(connection, "LOCK TABLE products, questions, answers IN ACCESS EXCLUSIVE MODE", cancellationToken);
        }

        return await ScalarAsync(connection,
            "SELECT (EXISTS (SELECT FROM products) OR EXISTS (SELECT FROM questions) OR EXISTS (SELECT FROM answers))::int::bigint", cancellationToken) == 0;
    }

    // Streams one file into its staging table; returns the data rows read, and whether their ids only ascend.
    private static (long Rows, bool Ascending) Stage(NpgsqlConnection connection, ImportTable table, string path, RejectLog rejects, ReadPosition position,
        CancellationToken cancellationToken)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var length = stream.Length;
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        using var csv = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
        var columns = HeaderColumns(csv, table, path);
        var width = csv.Header.ColNames.Count;
        using var importer = connection.BeginBinaryImport(table.CopySql);
        long rows = 0, previousId = 0;
        var ascending = true;
        var startBytes = position.Bytes;
        foreach (var row in csv)
        {
            if (row.ColCount == 1 && row.Span.IsWhiteSpace())
            {
                continue; // a blank line
            }

            rows++;
            var reason = row.ColCount != width
                ? $"expected {width} fields as in the header, found {row.ColCount} (an unbalanced quote?)."
                : table.Read(row, columns);
            if (reason is not null)
            {
                rejects.Add(table.FileName, row.LineNumberFrom, reason);
                continue;
            }

            ascending &= table.Id > previousId;
            previousId = table.Id;
            importer.StartRow();
            importer.Write((long)row.LineNumberFrom, NpgsqlDbType.Bigint);
            table.Write(importer);
            if (rows % ProgressEveryRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                position.Report(table.FileName, rows, startBytes + stream.Position);
            }
        }

        importer.Complete();
        position.Report(table.FileName, rows, startBytes + length, final: true);
        return (rows, ascending);
    }

    private static int[] HeaderColumns(SepReader csv, ImportTable table, string path)
    {
        var names = csv.Header.ColNames;
        var columns = new int[table.CsvColumns.Count];
        var missing = new List<string>();
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = IndexOf(names, table.CsvColumns[i]);
            if (columns[i] < 0)
            {
                missing.Add(table.CsvColumns[i]);
            }
        }

        if (missing.Count > 0)
        {
            throw new ImportInputException(
                $"{path}: the header row lacks {string.Join(", ", missing)}. {table.FileName} needs a header naming {string.Join(", ", table.CsvColumns)} (any order; other columns are ignored).");
        }

        return columns;
    }

    private static int IndexOf(IReadOnlyList<string> names, string column)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Trim().Equals(column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    private static async Task<long> RejectAsync(NpgsqlConnection connection, string sql, ImportTable table, RejectLog rejects, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<(long Line, string Reason)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        foreach (var (line, reason) in found.OrderBy(f => f.Line))
        {
            rejects.Add(table.FileName, line, reason);
        }

        return found.Count;
    }

    // Writes without an id (the API's) must never take an imported one.
    private static Task ContinueSequenceAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, $"""
            SELECT setval(s.seq, greatest(m.max_id, coalesce(pg_sequence_last_value(s.seq), 0)))
            FROM (SELECT pg_get_serial_sequence('{table}', 'id')::regclass AS seq) s, (SELECT max(id) AS max_id FROM {table}) m
            WHERE m.max_id IS NOT NULL
            """, cancellationToken);

    private static ImportSummary Summary(ImportTable[] tables, long[] read, long[] rejected, long[,] moved, bool aborted, RejectLog rejects,
        long changedProducts, bool flushed, long started)
    {
        var rows = tables.Select((t, i) => new TableImport(t.Name, read[i], moved[i, 0], moved[i, 1],
            aborted ? 0 : read[i] - rejected[i] - moved[i, 0] - moved[i, 1], rejected[i])).Where((_, i) => read[i] > 0 || rejected[i] > 0).ToArray();
        return new ImportSummary(rows, aborted, rejects.Count > 0 ? rejects.Path : null, changedProducts, flushed, Stopwatch.GetElapsedTime(started));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql) => new(sql, connection) { CommandTimeout = 0 };

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    [LoggerMessage(70, LogLevel.Warning, "Import aborted: {Rejected} rows rejected, more than the {MaxRejects} allowed; nothing was changed.")]
    private partial void LogAborted(long rejected, long maxRejects);

    [LoggerMessage(71, LogLevel.Information, "Imported {Read} rows ({Rejected} rejected), {Products} products changed, in {Seconds:F1} s.")]
    private partial void LogImported(long read, long rejected, long products, double seconds);

    // Rows and bytes read over all files, reported as progress.
    private sealed class ReadPosition(long totalBytes, long started, IProgress<ImportProgress>? progress)
    {
        private long _rowsBefore;

        public long Bytes { get; private set; }

        public void Report(string file, long rowsInFile, long bytes, bool final = false)
        {
            Bytes = bytes;
            progress?.Report(new ImportProgress(file, _rowsBefore + rowsInFile, bytes, totalBytes, Stopwatch.GetElapsedTime(started)));
            if (final)
            {
                _rowsBefore += rowsInFile;
            }
        }
    }
}
