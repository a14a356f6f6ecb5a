using System.Globalization;
using Shazamazon.QA.Core.Seeding;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>
/// A one-line progress bar with rows/s, redrawn in place on a terminal; on a pipe or a log file it writes a line per
/// phase change and per tenth of the work instead, so CI logs stay readable.
/// </summary>
internal sealed class TerminalProgress(TextWriter output) : IProgress<SeedProgress>
{
    private const int Width = 30;
    private readonly bool _interactive = !Console.IsErrorRedirected;
    private readonly Lock _gate = new();
    private string _phase = string.Empty;
    private long _lastTenth = -1;

    public void Report(SeedProgress value)
    {
        lock (_gate)
        {
            var fraction = value.Total == 0 ? 1 : Math.Clamp((double)value.Done / value.Total, 0, 1);
            var tenth = (long)(fraction * 10);
            var phaseChanged = value.Phase != _phase;
            if (!_interactive && !phaseChanged && tenth == _lastTenth)
            {
                return;
            }

            if (phaseChanged && _phase.Length > 0 && _interactive)
            {
                output.WriteLine();
            }

            (_phase, _lastTenth) = (value.Phase, tenth);
            var filled = (int)(fraction * Width);
            var rate = value.Phase == "load" && value.Elapsed.TotalSeconds > 0 ? value.Done / value.Elapsed.TotalSeconds : 0;
            var rateText = rate > 0 ? string.Create(CultureInfo.InvariantCulture, $" {rate:N0} rows/s") : string.Empty;
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{value.Phase,-8}[{new string('#', filled)}{new string('.', Width - filled)}] {fraction,4:P0} {value.Done:N0}/{value.Total:N0}{rateText} {value.Elapsed:hh\\:mm\\:ss}");
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
