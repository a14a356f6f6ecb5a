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
            Read = Ttls.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t }).ToArray();
            Refresh = Ttls.Select(t => new HybridCacheEntryOptions { Expiration = t, LocalCacheExpiration = t, Flags = RefreshFlags }).ToArray();
        }

        public TimeSpan[] Ttls { get; }

        public TimeSpan NotFound { get; }

        public HybridCacheEntryOptions[] Read { get; }

        public HybridCacheEntryOptions[] Refresh { get; }
    }
}
