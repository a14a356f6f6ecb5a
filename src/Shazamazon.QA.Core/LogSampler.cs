using System.Collections.Concurrent;

namespace Shazamazon.QA.Core;

/// <summary>
/// Keeps a warning that can repeat on every request (an outage, a flood of bad admin keys) from flooding the log: per
/// key, one entry is let through each <see cref="Interval"/>, and it says how many were held back since the last one.
/// Keys name kinds of events (an event and its source), never request data, so their number stays small. Written here
/// because the framework's log samplers drop entries at random or by trace, and say nothing of what they dropped.
/// </summary>
public sealed class LogSampler(TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    /// <summary>How often each key is let through: once per 10 s.</summary>
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(10);

    /// <summary>True when an entry of <paramref name="key"/> should be written now; then <paramref name="heldBack"/> is how many were not since the last.</summary>
    public bool TryEnter(string key, out long heldBack)
    {
        var now = clock.GetTimestamp();
        var window = _windows.GetOrAdd(key, static _ => new Window());
        lock (window)
        {
            if (window.Open && clock.GetElapsedTime(window.StartedAt, now) < Interval)
            {
                window.HeldBack++;
                heldBack = 0;
                return false;
            }

            heldBack = window.HeldBack;
            (window.Open, window.StartedAt, window.HeldBack) = (true, now, 0);
            return true;
        }
    }

    private sealed class Window
    {
        public bool Open;
        public long StartedAt;
        public long HeldBack;
    }
}
