namespace Shazamazon.QA.Core.Import;

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

/// <summary>One table's part of an import.</summary>
/// <param name="Table">The table: <c>products</c>, <c>questions</c> or <c>answers</c>.</param>
/// <param name="Read">Data rows read.</param>
/// <param name="Inserted">Rows that were new.</param>
/// <param name="Updated">Rows that existed with other values and now hold the file's.</param>
/// <param name="Unchanged">Rows that already held exactly the file's values (a re-import).</param>
/// <param name="Rejected">Rows listed in the reject file.</param>
public sealed record TableImport(string Table, long Read, long Inserted, long Updated, long Unchanged, long Rejected);

/// <summary>Progress of an import's reading phase.</summary>
/// <param name="File">The file being read.</param>
/// <param name="Rows">Data rows read so far, over all files.</param>
/// <param name="Bytes">Bytes read so far, over all files.</param>
/// <param name="TotalBytes">The size of all files.</param>
/// <param name="Elapsed">Time since the import started.</param>
public readonly record struct ImportProgress(string File, long Rows, long Bytes, long TotalBytes, TimeSpan Elapsed);

/// <summary>An input the import cannot start on (a missing file or header column); nothing was changed.</summary>
public sealed class ImportInputException(string message) : Exception(message);
