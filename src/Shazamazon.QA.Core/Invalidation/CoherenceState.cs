using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Whether this node can currently hear every invalidation. While a channel (Redis pub/sub, the PostgreSQL change log) is down,
/// entries older than <see cref="CoherenceOptions.MaxStalenessWhileDisconnected"/> are not served without going back
/// to the source. Every read asks, so the answer is one read of a count: <c>ConcurrentDictionary.IsEmpty</c> takes all
/// of the dictionary's locks when it is empty, which is the normal case.
/// </summary>
internal sealed class CoherenceState(IOptionsMonitor<CoherenceOptions> options)
{
    private readonly ConcurrentDictionary<string, bool> _down = new(StringComparer.Ordinal);
    private int _downCount;

    public bool IsConnected => Volatile.Read(ref _downCount) == 0;

    /// <summary>The oldest age an entry may have right now, or null when every channel is up.</summary>
    public TimeSpan? MaxAge => IsConnected ? null : options.CurrentValue.MaxStalenessWhileDisconnected;

    /// <summary>Records a channel going down; true when it was up until now.</summary>
    public bool Lost(string channel)
    {
        if (!_down.TryAdd(channel, true))
        {
            return false;
        }

        Interlocked.Increment(ref _downCount);
        return true;
    }

    /// <summary>Records a channel coming back; true when it was down until now.</summary>
    public bool Restored(string channel)
    {
        if (!_down.TryRemove(channel, out _))
        {
            return false;
        }

        Interlocked.Decrement(ref _downCount);
        return true;
    }
}
