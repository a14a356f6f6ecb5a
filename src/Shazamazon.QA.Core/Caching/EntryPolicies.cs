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
    private const HybridCacheEntryFlags ReadFlags = HybridCacheEntryFlags.DisableDistributedCache;
    private const HybridCacheEntryFlags RefreshFlags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCache;
    private readonly IDisposable? _subscription;
    private volatile Snapshot _current;

    public EntryPolicies(IOptionsMonitor<QaCacheOptions> options)
    {
        _current = new Snapshot(options.CurrentValue);
        _subscription = options.OnChange(o => _current = new Snapshot(o));
    }

    /// <summary>How long an entry of <paramref name="kind"/> may be served; a 404 has its own shorter TTL.</summary>
    public TimeSpan Ttl(EntryKind kind, bool notFound) => notFound ? _current.NotFound : _current.Ttls[(int)kind];

    /// <summary>Past its TTL, how long an entry is served while it is refreshed in the background.</summary>
    public TimeSpan StaleWhileRevalidate => _current.StaleWhileRevalidate;

    /// <summary>Past its TTL, how long an entry may be served when the source fails.</summary>
    public TimeSpan FailSafe => _current.FailSafe;

    /// <summary>How long a request waits for a refill when a stale entry could answer instead.</summary>
    public TimeSpan FillTimeout => _current.FillTimeout;

    /// <summary>How long L2 keeps an entry of <paramref name="kind"/>: its TTL and the stale window after it.</summary>
    public TimeSpan Keep(EntryKind kind) => _current.Keep[(int)kind];

    /// <summary>Options for a normal read-through.</summary>
    public HybridCacheEntryOptions Read(EntryKind kind) => _current.Read[(int)kind];

    /// <summary>Options that skip L1, call the source (the fill skips L2 too) and overwrite what was cached.</summary>
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

            // Entries are kept past their TTL for the stale window; QaReader decides per request what is fresh.
            Keep = Ttls.Select(t => t + options.StaleWindow).ToArray();
            Read = Keep.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t, Flags = ReadFlags }).ToArray();
            Refresh = Keep.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t, Flags = RefreshFlags }).ToArray();
        }

        public TimeSpan[] Ttls { get; }

        public TimeSpan NotFound { get; }

        public TimeSpan StaleWhileRevalidate { get; }

        public TimeSpan FailSafe { get; }

        public TimeSpan FillTimeout { get; }

        public TimeSpan[] Keep { get; }

        public HybridCacheEntryOptions[] Read { get; }

        public HybridCacheEntryOptions[] Refresh { get; }
    }
}
