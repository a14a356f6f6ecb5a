namespace Shazamazon.QA.Core.Resilience;

/// <summary>
/// Stops calling a dependency that keeps failing: after <c>threshold</c> consecutive failures spread over at least
/// <c>minimumSpan</c> it opens for <c>breakFor</c> (calls are skipped at once), then lets one probe through; the probe's
/// success closes it again. The span tells a dependency that keeps failing from a burst of calls that all timed out
/// together because this process stalled (a pause, both cores saturated): those end within moments of each other.
/// </summary>
internal sealed class CircuitBreaker(TimeProvider clock, Func<(int Threshold, TimeSpan BreakFor, TimeSpan MinimumSpan)> settings)
{
    private int _failures;
    private long _streakStartTicks;
    private long _openUntilTicks;
    private int _probing;

    /// <summary>True while calls are being skipped.</summary>
    public bool IsOpen => Interlocked.Read(ref _openUntilTicks) != 0;

    /// <summary>Whether to make a call now.</summary>
    public bool Allow()
    {
        var openUntil = Interlocked.Read(ref _openUntilTicks);
        if (openUntil == 0)
        {
            return true;
        }

        // Half-open once the break is over: exactly one caller probes.
        return clock.GetUtcNow().UtcTicks >= openUntil && Interlocked.CompareExchange(ref _probing, 1, 0) == 0;
    }

    public void Succeeded()
    {
        Interlocked.Exchange(ref _failures, 0);
        Interlocked.Exchange(ref _streakStartTicks, 0);
        Interlocked.Exchange(ref _openUntilTicks, 0);
        Interlocked.Exchange(ref _probing, 0);
    }

    /// <returns>True when this failure opened the circuit.</returns>
    public bool Failed()
    {
        var (threshold, breakFor, minimumSpan) = settings();
        var now = clock.GetUtcNow().UtcTicks;
        Interlocked.CompareExchange(ref _streakStartTicks, now, 0);
        var probeFailed = Interlocked.Exchange(ref _probing, 0) == 1;
        if (!probeFailed && (Interlocked.Increment(ref _failures) < threshold || now - Interlocked.Read(ref _streakStartTicks) < minimumSpan.Ticks))
        {
            return false;
        }

        Interlocked.Exchange(ref _failures, 0);
        Interlocked.Exchange(ref _streakStartTicks, 0);
        var wasClosed = Interlocked.Exchange(ref _openUntilTicks, now + breakFor.Ticks) == 0;
        return wasClosed;
    }
}
