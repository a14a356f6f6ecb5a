using System.Diagnostics;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>Rows and bytes read so far over all of an import's passes, reported as progress.</summary>
internal sealed class ImportPosition(long totalBytes, long started, IProgress<ImportProgress>? progress)
{
    private long _rowsBefore;

    public long Bytes { get; private set; }

    /// <summary>Reports <paramref name="rowsInPass"/> rows of the current pass and the bytes read in all; a final report closes the pass.</summary>
    public void Report(string file, long rowsInPass, long bytes, bool final = false)
    {
        Bytes = bytes;
        progress?.Report(new ImportProgress(file, _rowsBefore + rowsInPass, bytes, totalBytes, Stopwatch.GetElapsedTime(started)));
        if (final)
        {
            _rowsBefore += rowsInPass;
        }
    }
}
