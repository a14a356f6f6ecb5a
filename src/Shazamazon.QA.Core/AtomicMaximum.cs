namespace Shazamazon.QA.Core;

/// <summary>Raises a shared value that only ever grows (an instant, a version) from any thread, never lowering it.</summary>
internal static class AtomicMaximum
{
    /// <summary>Sets <paramref name="location"/> to <paramref name="value"/> when that is higher.</summary>
    public static void Raise(ref long location, long value)
    {
        for (var current = Interlocked.Read(ref location); value > current; current = Interlocked.Read(ref location))
        {
            if (Interlocked.CompareExchange(ref location, value, current) == current)
            {
                return;
            }
        }
    }
}
