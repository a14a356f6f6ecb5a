namespace Shazamazon.QA.Bulk.Export;

/// <summary>What an export wrote.</summary>
/// <param name="Rows">Data rows per file name.</param>
/// <param name="Bytes">The size of all files.</param>
/// <param name="Elapsed">How long it took.</param>
public sealed record ExportSummary(IReadOnlyDictionary<string, long> Rows, long Bytes, TimeSpan Elapsed)
{
    /// <summary>Rows written per second.</summary>
    public double RowsPerSecond => Rows.Values.Sum() / Math.Max(Elapsed.TotalSeconds, 0.001);
}
