using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>
/// Whether this node can currently hear every invalidation. While a channel (Redis pub/sub, PostgreSQL LISTEN) is down,
/// entries older than <see cref="CoherenceOptions.MaxStalenessWhileDisconnected"/> are not served without going back
/// to the source.
/// </summary>
internal sealed class CoherenceState(IOptionsMonitor<CoherenceOptions> options)
{
    private readonly ConcurrentDictionary<string, bool> _down = new(StringComparer.Ordinal);

    public bool IsConnected => _down.IsEmpty;

    /// <summary>The oldest age an entry may have right now, or null when every channel is up.</summary>
    public TimeSpan? MaxAge => _down.IsEmpty ? null : options.CurrentValue.MaxStalenessWhileDisconnected;

    /// <summary>Records a channel going down; true when it was up until now.</summary>
    public bool Lost(string channel) => _down.TryAdd(channel, true);

    /// <summary>Records a channel coming back; true when it was down until now.</summary>
    public bool Restored(string channel) => _down.TryRemove(channel, out _);
}
