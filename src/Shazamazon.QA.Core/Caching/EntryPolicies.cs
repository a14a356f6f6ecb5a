using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// HybridCache (L1) entry options and L2 lifetimes per kind, rebuilt whenever <c>Qa:Cache</c> changes. HybridCache reads
/// its own defaults once; passing these per call is what lets a TTL change in configuration reach new entries without a
/// restart. HybridCache's distributed level is always off: fills read and write L2 themselves.
/// </summary>
internal sealed class EntryPolicies : IDisposable
{
    // HybridCache stores whatever a factory returns; the reader stores positive entries itself (Store) and negative ones
    // apart (NegativeEntries), so no fill writes L1 on its own: even a brief stay of a negative entry in a full L1 would
    // start a compaction that evicts the least recently used entries, hot ones included.
    private const HybridCacheEntryFlags ReadFlags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableLocalCacheWrite;
    private const HybridCacheEntryFlags RefreshFlags = ReadFlags | HybridCacheEntryFlags.DisableLocalCacheRead;
    private const HybridCacheEntryFlags StoreFlags = HybridCacheEntryFlags.DisableDistributedCache;
    private readonly IDisposable? _subscription;
    private volatile Snapshot _current;

    public EntryPolicies(IOptionsMonitor<QaCacheOptions> options)
    {
        _current = new Snapshot(options.CurrentValue);
        _subscription = options.OnChange(o => _current = new Snapshot(o));
    }

    /// <summary>How long an entry of <paramref name="kind"/> may be served; a negative answer (a 404, an empty page) has its own shorter TTL.</summary>
    public TimeSpan Ttl(EntryKind kind, bool negative) => negative ? _current.NotFound : _current.Ttls[(int)kind];

    /// <summary>How long a negative answer (<see cref="Model.CachedResponse.IsNegative"/>) is kept, in L2 as in this node's own store.</summary>
    public TimeSpan NotFound => _current.NotFound;

    /// <summary>Options that read L1 only, never calling the factory nor writing: for cache-only reads.</summary>
    public HybridCacheEntryOptions Probe { get; } = new()
    {
        Flags = HybridCacheEntryFlags.DisableDistributedCache | HybridCacheEntryFlags.DisableLocalCacheWrite | HybridCacheEntryFlags.DisableUnderlyingData,
    };

    /// <summary>Past its TTL, how long an entry is served while it is refreshed in the background.</summary>
    public TimeSpan StaleWhileRevalidate => _current.StaleWhileRevalidate;

    /// <summary>Past its TTL, how long an entry may be served when the source fails.</summary>
    public TimeSpan FailSafe => _current.FailSafe;

    /// <summary>How long a request waits for a refill when a stale entry could answer instead.</summary>
    public TimeSpan FillTimeout => _current.FillTimeout;

    /// <summary>How long L2 keeps a positive entry (<see cref="QaCacheOptions.L2Lifetime"/>), whatever its kind.</summary>
    public TimeSpan L2Lifetime => _current.L2Lifetime;

    /// <summary>Options for a normal read-through: L1, else the fill, which stores nothing by itself.</summary>
    public HybridCacheEntryOptions Read(EntryKind kind) => _current.Read[(int)kind];

    /// <summary>Options that store a positive entry of <paramref name="kind"/> in L1.</summary>
    public HybridCacheEntryOptions Store(EntryKind kind) => _current.Store[(int)kind];

    /// <summary>Options that skip L1 and call the source (the fill skips L2 too); the reader stores the result.</summary>
    public HybridCacheEntryOptions Refresh(EntryKind kind) => _current.Refresh[(int)kind];

    public void Dispose() => _subscription?.Dispose();

    private sealed class Snapshot
    {
        public Snapshot(QaCacheOptions options)
        {
            Ttls = [options.QuestionPages, options.AnswerPages, options.Counts, options.SearchResults];
            NotFound = options.NotFound;
            StaleWhileRevalidate = options.StaleWhileRevalidate;
            FailSafe = options.FailSafeMaxStaleness;
            FillTimeout = options.FillTimeout;
            L2Lifetime = options.L2Lifetime;

            // Entries are kept past their TTL for the stale window; QaReader decides per request what is fresh.
            var keep = Ttls.Select(t => t + options.StaleWindow).ToArray();
            Read = keep.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t, Flags = ReadFlags }).ToArray();
            Refresh = keep.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t, Flags = RefreshFlags }).ToArray();
            Store = keep.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t, Flags = StoreFlags }).ToArray();
        }

        public TimeSpan[] Ttls { get; }

        public TimeSpan NotFound { get; }

        public TimeSpan StaleWhileRevalidate { get; }

        public TimeSpan FailSafe { get; }

        public TimeSpan FillTimeout { get; }

        public TimeSpan L2Lifetime { get; }

        public HybridCacheEntryOptions[] Read { get; }

        public HybridCacheEntryOptions[] Refresh { get; }

        public HybridCacheEntryOptions[] Store { get; }
    }
}
