using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// HybridCache entry options per kind, rebuilt whenever <c>Qa:Cache</c> changes. HybridCache reads its own defaults
/// once; passing these per call is what lets a TTL change in configuration reach new entries without a restart.
/// </summary>
internal sealed class EntryPolicies : IDisposable
{
    private const HybridCacheEntryFlags RefreshFlags = HybridCacheEntryFlags.DisableLocalCacheRead | HybridCacheEntryFlags.DisableDistributedCacheRead;
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

    /// <summary>Options for a normal read-through.</summary>
    public HybridCacheEntryOptions Read(EntryKind kind) => _current.Read[(int)kind];

    /// <summary>Options that skip both cache levels, call the source and overwrite what was cached.</summary>
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
            var keep = Ttls.Select(t => t + options.StaleWindow).ToArray();
            Read = keep.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t }).ToArray();
            Refresh = keep.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t, Flags = RefreshFlags }).ToArray();
        }

        public TimeSpan[] Ttls { get; }

        public TimeSpan NotFound { get; }

        public TimeSpan StaleWhileRevalidate { get; }

        public TimeSpan FailSafe { get; }

        public TimeSpan FillTimeout { get; }

        public HybridCacheEntryOptions[] Read { get; }

        public HybridCacheEntryOptions[] Refresh { get; }
    }
}
