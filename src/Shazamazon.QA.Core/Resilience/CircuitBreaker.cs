namespace Shazamazon.QA.Core.Resilience;

/// <summary>
/// Stops calling a dependency that keeps failing: after <c>threshold</c> consecutive failures it opens for
/// <c>breakFor</c> (calls are skipped at once), then lets one probe through; the probe's success closes it again.
/// </summary>
internal sealed class CircuitBreaker(TimeProvider clock, Func<(int Threshold, TimeSpan BreakFor)> settings)
{
    private int _failures;
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
        Interlocked.Exchange(ref _openUntilTicks, 0);
        Interlocked.Exchange(ref _probing, 0);
    }

    /// <returns>True when this failure opened the circuit.</returns>
    public bool Failed()
    {
        var (threshold, breakFor) = settings();
        var probeFailed = Interlocked.Exchange(ref _probing, 0) == 1;
        if (!probeFailed && Interlocked.Increment(ref _failures) < threshold)
        {
            return false;
        }

        Interlocked.Exchange(ref _failures, 0);
        var wasClosed = Interlocked.Exchange(ref _openUntilTicks, clock.GetUtcNow().UtcTicks + breakFor.Ticks) == 0;
        return wasClosed;
    }
}
