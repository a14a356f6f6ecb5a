namespace Shazamazon.QA.Bulk.Import;

/// <summary>What an import did.</summary>
/// <param name="Tables">Per table, in load order (products, questions, answers; only the files given).</param>
/// <param name="Aborted">True when more rows were rejected than allowed: nothing was changed.</param>
/// <param name="RejectsPath">The reject file, or null when no row was rejected.</param>
/// <param name="ChangedProducts">How many products had rows inserted or updated.</param>
/// <param name="CacheFlushed">True when so many products changed that every node was told to flush its cache, rather than evict each one.</param>
/// <param name="Elapsed">The time from the first byte read to the commit (or the rollback).</param>
public sealed record ImportSummary(IReadOnlyList<TableImport> Tables, bool Aborted, string? RejectsPath, long ChangedProducts,
    bool CacheFlushed, TimeSpan Elapsed)
{
    /// <summary>Rows read from the files (data rows, not headers or blank lines).</summary>
    public long Read => Tables.Sum(t => t.Read);

    /// <summary>Rows rejected, for any reason.</summary>
    public long Rejected => Tables.Sum(t => t.Rejected);

    /// <summary>Rows read per second of <see cref="Elapsed"/>.</summary>
    public double RowsPerSecond => Read / Math.Max(Elapsed.TotalSeconds, 0.001);
}
