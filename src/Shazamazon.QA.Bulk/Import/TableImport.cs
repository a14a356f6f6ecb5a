namespace Shazamazon.QA.Bulk.Import;

/// <summary>One table's part of an import.</summary>
/// <param name="Table">The table: <c>products</c>, <c>questions</c> or <c>answers</c>.</param>
/// <param name="Read">Data rows read.</param>
/// <param name="Inserted">Rows that were new.</param>
/// <param name="Updated">Rows that existed with other values and now hold the file's.</param>
/// <param name="Unchanged">Rows that already held exactly the file's values (a re-import).</param>
/// <param name="Rejected">Rows listed in the reject file.</param>
public sealed record TableImport(string Table, long Read, long Inserted, long Updated, long Unchanged, long Rejected);
