using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Reads;

// A fill (L1's factory): the current L2 entry if there is one, else one call to the source, rendered once into the entry
// both levels then hold.
internal sealed partial class QaReader
{
    // An L2 entry its product's mark still accepts (checked from checkedAt on) is current however old it is: past its
    // TTL it starts a new one, unless this node knows better (a newer version, a purge or flush since it was rendered,
    // an invalidation channel down for longer than its age allows); then the reader's rule refills it.
    private CachedResponse Revalidate(CachedResponse shared, EntryKind kind, DateTimeOffset checkedAt)
    {
        var age = Freshness.Age(shared.RenderedAtUnixMs, checkedAt);
        if (shared.IsNegative || age < _policies.Ttl(kind, negative: false) || _staleness.IsStale(shared, age))
        {
            return shared;
        }

        _metrics.Revalidated();
        return shared.Revalidated(checkedAt.ToUnixTimeMilliseconds());
    }

    // Within its TTL and not stale by what this node knows: what a refresh may keep instead of reading the source.
    private bool IsCurrent(CachedResponse entry, EntryKind kind)
    {
        var age = Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow());
        return age < _policies.Ttl(kind, entry.IsNegative) && !_staleness.IsStale(entry, age);
    }

    // A struct: one is made per request, and HybridCache takes it as the factory's state without boxing. A refresh
    // (Refreshing) replaces an entry that has aged or was invalidated, and L2 may hold that same entry: it keeps what it
    // finds below L1 (revalidated by its product's mark, or filled by another node since) only when it is current.
    private readonly record struct Fill<TQuery, TValue>(QaReader Owner, string Key, EntryKind Kind, TQuery Query,
        Func<QaReader, TQuery, ConsistencyToken, CancellationToken, Task<Versioned<TValue>?>> Read, JsonTypeInfo<TValue> JsonType,
        Func<TQuery, string> NotFound, Func<TValue, bool> IsEmpty)
    {
        /// <summary>Set by refreshes and refills: what lies below L1 will do only when it is current.</summary>
        public bool Refreshing { get; init; }

        /// <summary>What the caller requires (<see cref="ReadOptions.AtLeast"/>) and may do.</summary>
        public ReadOptions Options { get; init; }

        /// <summary>The product the key names; 0 when the key names a question (answer pages).</summary>
        public long KeyProductId { get; init; }

        /// <summary>Records what a page read from the source tells about its whole list (<see cref="PageExtents"/>), for the kind's TTL.</summary>
        public Action<QaReader, Versioned<TValue>, TimeSpan>? Learn { get; init; }

        // A cached 404 may predate the caller's own write (a question it just asked), so it answers no token that may
        // concern it: one naming the key's product, or any token when the key names a question.
        public bool Satisfies(CachedResponse entry) =>
            Options.AtLeast.IsEmpty
            || (entry.StatusCode == 404
                ? KeyProductId != 0 && Options.AtLeast.MinimumVersion(KeyProductId) == 0
                : entry.Version >= Options.AtLeast.MinimumVersion(entry.ProductId));

        // A 404 for a question is never kept: question ids are sequential, so the next id's 404 would outlive its
        // creation. Looking one up is one index probe, and the miss budget bounds a client probing ids.
        public bool KeepsNegative(CachedResponse entry) => entry.StatusCode != 404 || KeyProductId != 0;

        public async ValueTask<CachedResponse> RunAsync(CancellationToken cancellationToken)
        {
            if (await BelowL1Async(cancellationToken) is { } cached && (!Refreshing || Owner.IsCurrent(cached, Kind)))
            {
                return cached;
            }

            var entry = await ReadSourceAsync(cancellationToken);
            var l2 = Owner._l2;
            if (l2 is not null && KeepsNegative(entry))
            {
                await l2.SetAsync(Key, entry, entry.IsNegative ? Owner._policies.NotFound : Owner._policies.L2Lifetime, cancellationToken);
            }

            return entry;
        }

        // What the caches below L1 hold for the key and this caller: the node's negative answers (never in L1, so looked
        // up here, on an L1 miss, not on every hit), then L2. Fills and cache-only reads both look here.
        public async ValueTask<CachedResponse?> BelowL1Async(CancellationToken cancellationToken)
        {
            if (Owner._negatives.TryGet(Key, out var negative) && Satisfies(negative))
            {
                return negative;
            }

            if (Owner._l2 is not { } l2)
            {
                return null;
            }

            var checkedAt = Owner._clock.GetUtcNow();
            return await l2.GetAsync(Key, cancellationToken) is { } shared && Satisfies(shared) ? Owner.Revalidate(shared, Kind, checkedAt) : null;
        }

        private async ValueTask<CachedResponse> ReadSourceAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            var source = Owner._source;
            using var activity = ReadMetrics.Tracing.StartActivity("qa.fill");
            activity?.SetTag("qa.cache.key", Key);
            activity?.SetTag("qa.source", source.Name);
            try
            {
                Versioned<TValue>? result;
                using (await Owner._fills.EnterAsync(source.Name, cancellationToken))
                {
                    result = await Read(Owner, Query, Options.AtLeast, cancellationToken);

                    // A source that lags (a standby, a caching origin) answered older than this node already knows:
                    // ask again, requiring that version (the source then reads what cannot lag).
                    if (result is not null && Owner._staleness.KnownVersion(result.ProductId) is var known
                        && known > result.Version && known > Options.AtLeast.MinimumVersion(result.ProductId))
                    {
                        Owner._metrics.Fill(KindName, source.Name, "behind", Stopwatch.GetElapsedTime(started).TotalSeconds);
                        result = await Read(Owner, Query, Options.AtLeast.With(new ProductChange(result.ProductId, known)), cancellationToken);
                    }
                }

                Owner._metrics.Fill(KindName, source.Name, result is null ? "not-found" : "ok", Stopwatch.GetElapsedTime(started).TotalSeconds);
                if (result is null)
                {
                    return Owner._renderer.NotFound(NotFound(Query));
                }

                var isEmpty = IsEmpty(result.Value);
                Learn?.Invoke(Owner, result, Owner._policies.Ttl(Kind, negative: false));
                return Owner._renderer.Render(result, JsonType, isEmpty);
            }
            catch (Exception ex) when (SourceUnavailableException.IsSourceFailure(ex))
            {
                var outcome = ex is SourceUnavailableException { Failure: SourceFailure.Busy } ? "busy" : "error";
                Owner._metrics.Fill(KindName, source.Name, outcome, Stopwatch.GetElapsedTime(started).TotalSeconds);
                activity?.SetStatus(ActivityStatusCode.Error);
                throw;
            }
        }

        private string KindName => Kind switch
        {
            EntryKind.QuestionPage => "question-page",
            EntryKind.AnswerPage => "answer-page",
            EntryKind.Search => "search",
            _ => "count",
        };
    }
}
