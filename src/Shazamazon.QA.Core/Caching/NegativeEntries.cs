using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Where negative answers (<see cref="CachedResponse.IsNegative"/>: 404s and empty pages) live on this node: a memory
/// cache of its own, bounded by count (<c>Qa:Cache:NegativeEntryLimit</c>), each entry gone after <c>Qa:Cache:NotFound</c>
/// and the stale-while-revalidate window.
/// A flood of unknown ids, pages past the end or random searches fills this store and is compacted in it (oldest first),
/// so it never evicts a hot entry from L1; and it stops at its bound, so the flood cannot grow the process either.
/// </summary>
internal sealed class NegativeEntries : IDisposable
{
    private readonly MemoryCache? _entries;

    public NegativeEntries(IOptions<QaCacheOptions> options)
    {
        var limit = options.Value.NegativeEntryLimit;
        _entries = limit == 0 ? null : new MemoryCache(new MemoryCacheOptions { SizeLimit = limit, CompactionPercentage = 0.1 });
    }

    public bool TryGet(string key, out CachedResponse entry)
    {
        if (_entries is not null && _entries.TryGetValue(key, out var found) && found is CachedResponse response)
        {
            entry = response;
            return true;
        }

        entry = null!;
        return false;
    }

    /// <summary>Keeps <paramref name="entry"/> under <paramref name="key"/> for <paramref name="ttl"/>, counted against the store's bound.</summary>
    public void Set(string key, CachedResponse entry, TimeSpan ttl)
    {
        if (_entries is null)
        {
            return;
        }

        using var cacheEntry = _entries.CreateEntry(key);
        cacheEntry.Value = entry;
        cacheEntry.Size = 1;
        cacheEntry.AbsoluteExpirationRelativeToNow = ttl;
    }

    public void Remove(string key) => _entries?.Remove(key);

    public void Dispose() => _entries?.Dispose();
}
