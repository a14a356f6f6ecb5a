
namespace Shazamazon.QA.Bulk.Import;

/// <summary>Where an import's rows come from: CSV files (<see cref="CsvFiles"/>) or legacy documents (<see cref="LegacyDocuments"/>).</summary>
internal abstract class ImportSource
{
    /// <summary>The tables of the CSV layout (which exports write), in load order.</summary>
    public static ImportTable[] CsvTables() =>
        [new ProductTable(), PostTable.Questions(), PostTable.Answers(), PersonTable.QuestionVotes(), PersonTable.AnswerVotes(),
            PersonTable.QuestionReports(), PersonTable.AnswerReports()];

    /// <summary>The tables this source fills, in load order.</summary>
    public virtual ImportTable[] Tables() => CsvTables();

    /// <summary>Every byte the passes will read, for the progress bar.</summary>
    public abstract long TotalBytes { get; }

    /// <summary>The file holding <paramref name="table"/>'s rows, as reject lines name it; null when this import has none.</summary>
    public abstract string? FileOf(ImportTable table);

    /// <summary>Reads <paramref name="table"/>'s rows, checks each, and hands it to <paramref name="target"/>.</summary>
    public abstract void Stage(ImportTable table, RowTarget target, ImportPosition position, CancellationToken cancellationToken);

    /// <summary>Opens <paramref name="path"/> for one sequential pass of UTF-8 text (a byte-order mark is skipped).</summary>
    protected static StreamReader OpenText(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
            System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
}
