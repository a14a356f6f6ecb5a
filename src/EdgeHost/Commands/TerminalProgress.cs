using System.Globalization;
using Shazamazon.QA.Bulk.Import;
using Shazamazon.QA.Bulk.Seeding;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// A one-line progress bar with rows/s, redrawn in place on a terminal; on a pipe or a log file it writes a line per
/// phase change and per tenth of the work instead, so CI logs stay readable. Serves the seed (rows of a known total)
/// and the import (bytes of its files, with the rows read so far).
/// </summary>
internal sealed class TerminalProgress(TextWriter output) : IProgress<SeedProgress>, IProgress<ImportProgress>
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private string _phase = string.Empty;
    private long _lastTenth = -1;

    public void Report(SeedProgress value)
    {
        var fraction = value.Total == 0 ? 1 : Math.Clamp((double)value.Done / value.Total, 0, 1);
        var rate = value.Phase == "load" ? Rate(value.Done, value.Elapsed) : string.Empty;
        Draw(value.Phase, fraction, string.Create(CultureInfo.InvariantCulture, $"{value.Done:N0}/{value.Total:N0}{rate} {value.Elapsed:hh\\:mm\\:ss}"));
    }

    public void Report(ImportProgress value)
    {
        var fraction = value.TotalBytes == 0 ? 1 : Math.Clamp((double)value.Bytes / value.TotalBytes, 0, 1);
        Draw(value.File, fraction, string.Create(CultureInfo.InvariantCulture, $"{value.Rows:N0} rows{Rate(value.Rows, value.Elapsed)} {value.Elapsed:hh\\:mm\\:ss}"));
    }

    private static string Rate(long rows, TimeSpan elapsed) =>
        elapsed.TotalSeconds > 0 && rows > 0 ? string.Create(CultureInfo.InvariantCulture, $" {rows / elapsed.TotalSeconds:N0} rows/s") : string.Empty;

    private void Draw(string phase, double fraction, string detail)
    {
        lock (_gate)
        {
            var tenth = (long)(fraction * 10);
            var phaseChanged = phase != _phase;
            if (!_interactive && !phaseChanged && tenth == _lastTenth)
            {
                return;
            }

            if (phaseChanged && _phase.Length > 0 && _interactive)
            {
                output.WriteLine();
            }

            (_phase, _lastTenth) = (phase, tenth);
            var filled = (int)(fraction * Width);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{phase,-8} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {detail}");
            if (_interactive)
            {
                output.Write('\r' + line.PadRight(80));
            }
            else
            {
                output.WriteLine(line);
            }
        }
    }
}
