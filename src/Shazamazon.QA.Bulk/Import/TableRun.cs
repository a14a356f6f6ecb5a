namespace Shazamazon.QA.Bulk.Import;

/// <summary>One table's part of an import, as it goes (products first, then questions, then answers).</summary>
internal sealed class TableRun(ImportTable table, string? file)
{
    public ImportTable Table { get; } = table;

    /// <summary>The file holding the table's rows; null when this import has none.</summary>
    public string? File { get; } = file;

    public long Read { get; set; }

    /// <summary>True when every accepted id was above the one before: no id can repeat.</summary>
    public bool Ascending { get; set; }

    public long Rejected { get; set; }

    public long Inserted { get; set; }

    public long Updated { get; set; }
}
