namespace Shazamazon.QA.Bulk.Import;

/// <summary>How an import treats bad rows.</summary>
public sealed class ImportOptions
{
    /// <summary>
    /// The most rejected rows tolerated; one more and the import changes nothing (the reject file still lists them
    /// all). Null (the default): no limit.
    /// </summary>
    public long? MaxRejects { get; init; }

    /// <summary>Where rejected rows are listed (CSV: file, line, reason); written only when a row is rejected.</summary>
    public required string RejectsPath { get; init; }
}
