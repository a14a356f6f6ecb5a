using nietras.SeparatedValues;

namespace Shazamazon.QA.Bulk.Import;

/// <summary><c>products.csv</c>, <c>questions.csv</c> and <c>answers.csv</c> in one directory, each optional, each with a header row.</summary>
internal sealed class CsvFiles : ImportSource
{
    private const int ProgressEveryRows = 65_536;
    private readonly string _directory;

    public CsvFiles(string directory)
    {
        _directory = directory;
        var tables = CsvTables();
        if (!tables.Any(t => File.Exists(PathOf(t))))
        {
            throw new ImportInputException($"{directory} holds none of {string.Join(", ", tables.Select(t => t.CsvFile))}.");
        }

        TotalBytes = tables.Select(t => new FileInfo(PathOf(t))).Where(f => f.Exists).Sum(f => f.Length);
    }

    public override long TotalBytes { get; }

    public override string? FileOf(ImportTable table) => File.Exists(PathOf(table)) ? table.CsvFile : null;

    public override void Stage(ImportTable table, RowTarget target, ImportPosition position, CancellationToken cancellationToken)
    {
        var path = PathOf(table);
        var file = table.CsvFile;
        using var text = OpenText(path);
        var stream = text.BaseStream;
        var length = stream.Length;
        using var csv = Sep.New(',').Reader(o => o with { Unescape = true, DisableColCountCheck = true, HasHeader = true }).From(text);
        var columns = HeaderColumns(csv, table, path);
        var width = csv.Header.ColNames.Count;
        var startBytes = position.Bytes;
        foreach (var row in csv)
        {
            if (row.ColCount == 1 && row.Span.IsWhiteSpace())
            {
                continue; // a blank line
            }

            target.Take(table, row.LineNumberFrom, row.ColCount != width
                ? $"expected {width} fields as in the header, found {row.ColCount} (an unbalanced quote?)."
                : table.Read(row, columns));
            if (target.Rows % ProgressEveryRows == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                position.Report(file, target.Rows, startBytes + stream.Position);
            }
        }

        position.Report(file, target.Rows, startBytes + length, final: true);
    }

    private string PathOf(ImportTable table) => Path.Combine(_directory, table.CsvFile);

    private static int[] HeaderColumns(SepReader csv, ImportTable table, string path)
    {
        var names = csv.Header.ColNames;
        var columns = new int[table.CsvColumns.Count + table.OptionalCsvColumns.Count];
        var missing = new List<string>();
        for (var i = 0; i < table.CsvColumns.Count; i++)
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
                $"{path}: the header row lacks {string.Join(", ", missing)}. {table.CsvFile} needs a header naming {string.Join(", ", table.CsvColumns)} (any order; other columns are ignored).");
        }

        for (var i = 0; i < table.OptionalCsvColumns.Count; i++)
        {
            columns[table.CsvColumns.Count + i] = IndexOf(names, table.OptionalCsvColumns[i]);
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
}
