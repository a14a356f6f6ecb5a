using System.Diagnostics;

namespace Shazamazon.QA.Testing;

/// <summary>Waits for a condition that becomes true asynchronously (an invalidation crossing nodes, a refresh finishing).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="what"/> after <paramref name="timeout"/> (default 5 s).</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what = "the condition", TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(5);
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"{what} did not hold within {limit.TotalSeconds:F1} s.");
            }

            await Task.Delay(20);
        }
    }
}
