namespace Shazamazon.QA.Bulk.Import;

/// <summary>Progress of an import's reading phase.</summary>
/// <param name="File">The file being read.</param>
/// <param name="Rows">Data rows read so far, over all files.</param>
/// <param name="Bytes">Bytes read so far, over all files.</param>
/// <param name="TotalBytes">The size of all files.</param>
/// <param name="Elapsed">Time since the import started.</param>
public readonly record struct ImportProgress(string File, long Rows, long Bytes, long TotalBytes, TimeSpan Elapsed);
