
namespace Shazamazon.QA.Core.Import;

/// <summary>Where an import's rows come from: CSV files (<see cref="CsvFiles"/>) or legacy documents (<see cref="LegacyDocuments"/>).</summary>
internal abstract class ImportSource
{
    /// <summary>The tables this source fills, in load order.</summary>
    public virtual ImportTable[] Tables() => [new ProductTable(), PostTable.Questions(), PostTable.Answers()];

    /// <summary>Every byte the passes will read, for the progress bar.</summary>
    public abstract long TotalBytes { get; }

    /// <summary>The file holding <paramref name="table"/>'s rows, as reject lines name it; null when this import has none.</summary>
    public abstract string? FileOf(ImportTable table);

    /// <summary>
    /// Reads <paramref name="table"/>'s rows, checks each (a bad one goes to <paramref name="rejects"/>) and stages the
    /// rest through <paramref name="target"/>. Returns the rows read and whether their ids only ascended.
    /// </summary>
    public abstract (long Rows, bool Ascending) Stage(ImportTable table, RowTarget target, RejectLog rejects, ImportPosition position,
        CancellationToken cancellationToken);
}
