using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The reads of the contract, served through two cache levels (L1: HybridCache in process; L2: Redis, which a fill reads
/// before the source and writes after it) and filled from the configured source on a miss; concurrent misses of one key
/// on this node share one fill. What each request does
/// with the entry it finds is <see cref="Freshness"/>'s rule, given its age and whether <see cref="Staleness"/> finds it
/// invalidated. The class is split by concern: this file reads and decides; <c>QaReader.Refresh.cs</c> refreshes and
/// refills stale entries; <c>QaReader.Fill.cs</c> calls the source and renders; <c>QaReader.Keys.cs</c> holds the keys.
/// </summary>
internal sealed partial class QaReader : IQaReader
{
    private readonly HybridCache _cache;
    private readonly IQaSource _source;
    private readonly ResponseRenderer _renderer;
    private readonly EntryPolicies _policies;
    private readonly Staleness _staleness;
    private readonly ReadMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<QaReader> _logger;
    private readonly FillGate _fills;
    private readonly RedisL2Cache? _l2;
    private readonly LogSampler _logSampler;
    private readonly CachedResponse _refused;
    private readonly NegativeEntries _negatives;
    private readonly PageExtents _extents;
    private readonly QuestionWalks _walks;

    public QaReader(HybridCache cache, IQaSource source, ResponseRenderer renderer, EntryPolicies policies, Staleness staleness,
        ReadMetrics metrics, FillGate fills, TimeProvider clock, ILogger<QaReader> logger, LogSampler logSampler,
        NegativeEntries negatives, PageExtents extents, QuestionWalks walks, RedisL2Cache? l2 = null)
    {
        _walks = walks;
        _cache = cache;
        _source = source;
        _renderer = renderer;
        _policies = policies;
        _staleness = staleness;
        _metrics = metrics;
        _fills = fills;
        _clock = clock;
        _logger = logger;
        _l2 = l2;
        _logSampler = logSampler;
        _negatives = negatives;
        _extents = extents;
        _refused = renderer.Problem(429, "Too Many Requests",
            "This client has used its budget of reads that miss the cache; cached answers are still served. Retry after the time in Retry-After.");
    }

    public ValueTask<CachedRead> QuestionPageAsync(QuestionPageQuery query, ReadOptions options = default, CancellationToken cancellationToken = default)
    {
        // Past the end of the whole list (the extent is the unfiltered list's): an empty page, without a query.
        if (query.Page > 1 && query is { After: null, Answered: null } && _extents.TryGetQuestions(query.ProductId, out var extent)
            && (long)(query.Page - 1) * query.Count >= extent.Template.Value.TotalQuestions && IsCurrent(extent, options))
        {
            return new(PastTheEnd(extent.Template with
            {
                Value = extent.Template.Value with { Page = query.Page, Count = query.Count, Sort = QaRoutes.SortName(query.Sort) },
            }, QaWireFormat.Json.ProductQuestionsPage));
        }

        return ReadAsync(new Fill<QuestionPageQuery, ProductQuestionsPage>(this, _questionPageKeys.Get(query), EntryKind.QuestionPage, query,
            static (r, q, token, ct) => r.ReadQuestionPageAsync(q, token, ct), QaWireFormat.Json.ProductQuestionsPage,
            static q => $"Product {q.ProductId} does not exist.", static page => page.Questions.Count == 0)
        {
            Options = options,
            KeyProductId = query.ProductId,
            Learn = query is { After: null, Answered: null } ? static (reader, page, ttl) => reader._extents.Learn(page, ttl) : null,
        }, cancellationToken);
    }

    // A page from the source: after a cursor, with the order its walk began with when this node or Redis still has it;
    // the order a page read brings with it (the list goes on past the page) is kept for the cursors that walk it.
    private async Task<Versioned<ProductQuestionsPage>?> ReadQuestionPageAsync(QuestionPageQuery query, ConsistencyToken atLeast,
        CancellationToken cancellationToken)
    {
        var walk = query.After is { } after ? await _walks.FindAsync(query.ProductId, query.CursorTag, after.Version, cancellationToken) : null;
        var read = await _source.QuestionPageAsync(query, walk, atLeast, cancellationToken);
        if (read is null)
        {
            return null;
        }

        if (read.Value.Walk is { } order)
        {
            await _walks.KeepAsync(read.ProductId, query.CursorTag, read.Version, order, cancellationToken);
        }

        return new(read.ProductId, read.Version, read.Value.Page, read.Age);
    }

    public ValueTask<CachedRead> AnswerPageAsync(AnswerPageQuery query, ReadOptions options = default, CancellationToken cancellationToken = default)
    {
        if (query.Page > 1 && _extents.TryGetAnswers(query.QuestionId, out var extent)
            && (long)(query.Page - 1) * query.Count >= extent.Template.Value.TotalAnswers && IsCurrent(extent, options))
        {
            return new(PastTheEnd(extent.Template with { Value = extent.Template.Value with { Page = query.Page, Count = query.Count } },
                QaWireFormat.Json.QuestionAnswersPage));
        }

        return ReadAsync(new Fill<AnswerPageQuery, QuestionAnswersPage>(this, _answerPageKeys.Get(query), EntryKind.AnswerPage, query,
            static (r, q, token, ct) => r._source.AnswerPageAsync(q, token, ct), QaWireFormat.Json.QuestionAnswersPage,
            static q => $"Question {q.QuestionId} does not exist.", static page => page.Answers.Count == 0)
        {
            Options = options,
            Learn = static (reader, page, ttl) => reader._extents.Learn(page, ttl),
        }, cancellationToken);
    }

    public ValueTask<CachedRead> QuestionCountAsync(long productId, ReadOptions options = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<long, ProductQuestionCount>(this, _countKeys.Get(productId), EntryKind.Count, productId,
            static (r, id, token, ct) => r._source.QuestionCountAsync(id, token, ct), QaWireFormat.Json.ProductQuestionCount,
            static id => $"Product {id} does not exist.", static _ => false) { Options = options, KeyProductId = productId }, cancellationToken);

    public ValueTask<CachedRead> QuestionStatsAsync(long productId, ReadOptions options = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<long, ProductQuestionStats>(this, _statsKeys.Get(productId), EntryKind.Count, productId,
            static (r, id, token, ct) => r._source.QuestionStatsAsync(id, token, ct), QaWireFormat.Json.ProductQuestionStats,
            static id => $"Product {id} does not exist.", static _ => false) { Options = options, KeyProductId = productId }, cancellationToken);

    public ValueTask<CachedRead> SearchAsync(QuestionSearchQuery query, ReadOptions options = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<QuestionSearchQuery, QuestionSearchResults>(this, _searchKeys.Get(query), EntryKind.Search, query,
            static (r, q, token, ct) => r._source.SearchAsync(q, token, ct), QaWireFormat.Json.QuestionSearchResults,
            static q => $"Product {q.ProductId} does not exist.", static results => results.Questions.Count == 0)
        { Options = options, KeyProductId = query.ProductId }, cancellationToken);

    public ValueTask<CachedRead> LegacyItemAsync(long productId, ReadOptions options = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<long, LegacyItem>(this, _legacyKeys.Get(productId), EntryKind.Count, productId,
            static (r, id, token, ct) => r._source.LegacyItemAsync(id, token, ct), QaWireFormat.Json.LegacyItem,
            static id => $"Product {id} does not exist.", static _ => false) { Options = options, KeyProductId = productId }, cancellationToken);

    private async ValueTask<CachedRead> ReadAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CancellationToken cancellationToken)
    {
        CachedResponse entry;
        if (fill.Options.CacheOnly)
        {
            if (await CachedOnlyAsync(fill, cancellationToken) is not { } cached)
            {
                return Refused();
            }

            entry = cached;
        }
        else
        {
            // A miss with nothing cached waits for the source however long it takes, and its failure is the caller's.
            entry = await _cache.GetOrCreateAsync(fill.Key, fill, static (f, ct) => f.RunAsync(ct), _policies.Read(fill.Kind), null, cancellationToken);
        }

        await StoreAsync(fill, entry);
        if (!fill.Satisfies(entry))
        {
            return fill.Options.CacheOnly
                ? Refused()
                : await ReadAtLeastAsync(fill, cancellationToken);
        }

        var ttl = _policies.Ttl(fill.Kind, entry.IsNegative);
        var age = Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow());
        var decision = Freshness.Decide(age, ttl, _staleness.IsStale(entry, age), _policies.StaleWhileRevalidate, _policies.FailSafe);
        if (fill.Options.CacheOnly && decision is FreshnessDecision.RefillWithinBudget or FreshnessDecision.Refill)
        {
            // Only a source could answer this one: serve the stale entry while the fail-safe allows, else refuse.
            return decision == FreshnessDecision.RefillWithinBudget
                ? Served(new CachedRead(entry, CacheOutcome.Stale, ttl, age, StaleReason.Revalidating))
                : Refused();
        }

        switch (decision)
        {
            case FreshnessDecision.Serve:
                return Served(new CachedRead(entry, entry.ClaimOutcome(), ttl, age));
            case FreshnessDecision.ServeStaleAndRefresh:
                RefreshInBackground(fill);
                return Served(new CachedRead(entry, CacheOutcome.Stale, ttl, age, StaleReason.Revalidating));
            default:
                return await RefillAsync(fill, new CachedRead(entry, CacheOutcome.Stale, ttl, age),
                    failSafe: decision == FreshnessDecision.RefillWithinBudget, cancellationToken);
        }
    }

    // The entry is older than the caller's consistency token: read past both caches (not joining a fill that may have
    // started before the caller's write), store the answer for everyone, and serve it. If the source cannot reach the
    // token's version either (a forged token, an origin that lags), its answer is still the newest there is.
    private async ValueTask<CachedRead> ReadAtLeastAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CancellationToken cancellationToken)
    {
        var entry = await fill.RunAsync(cancellationToken);
        await StoreAsync(fill, entry);

        _metrics.ConsistencyRefill();
        return Served(new CachedRead(entry, entry.ClaimOutcome(), _policies.Ttl(fill.Kind, entry.IsNegative),
            Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow())));
    }

    // A cache-only read: this node's L1, then what a fill would find below it; never the source. What it finds is
    // stored as a fill's would be.
    private async ValueTask<CachedResponse?> CachedOnlyAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CancellationToken cancellationToken)
    {
        var local = await _cache.GetOrCreateAsync<Fill<TQuery, TValue>, CachedResponse?>(fill.Key, fill, static (_, _) => ValueTask.FromResult<CachedResponse?>(null),
            _policies.Probe, null, cancellationToken);
        return local ?? await fill.BelowL1Async(cancellationToken);
    }

    // A fill's entry, stored once however many requests shared the fill: a positive one in L1, a negative one in its own
    // bounded store (Caching/NegativeEntries), so negative answers never crowd out hot entries. An L1 hit stores nothing.
    private ValueTask StoreAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CachedResponse entry)
    {
        if (!entry.ClaimStore())
        {
            return ValueTask.CompletedTask;
        }

        if (!entry.IsNegative)
        {
            return _cache.SetAsync(fill.Key, entry, _policies.Store(fill.Kind), null, CancellationToken.None);
        }

        // The key's earlier, positive entry (a page that has become empty) must not outlive it.
        var removed = _cache.RemoveAsync(fill.Key, CancellationToken.None);
        if (fill.KeepsNegative(entry))
        {
            _negatives.Set(fill.Key, entry, _policies.NotFound + _policies.StaleWhileRevalidate);
        }
        else
        {
            _negatives.Remove(fill.Key);
        }

        return removed;
    }

    private bool IsCurrent<TPage>(PageExtent<TPage> extent, ReadOptions options)
    {
        var template = extent.Template;
        var age = Freshness.Age(extent.ReadAtUnixMs, _clock.GetUtcNow());
        return template.Version >= options.AtLeast.MinimumVersion(template.ProductId)
            && !_staleness.IsStale(template.ProductId, template.Version, extent.ReadAtUnixMs, age);
    }

    // A page past the end of a list whose length is known and current: rendered here, no query and nothing cached.
    private CachedRead PastTheEnd<TPage>(Versioned<TPage> empty, JsonTypeInfo<TPage> jsonType)
    {
        _metrics.PastTheEnd();
        return Served(new CachedRead(_renderer.Render(empty, jsonType, isEmpty: true), CacheOutcome.HitL1, _policies.NotFound, TimeSpan.Zero));
    }

    private CachedRead Refused() => Served(new CachedRead(_refused, CacheOutcome.Refused, TimeSpan.Zero, TimeSpan.Zero));

    private CachedRead Served(CachedRead read)
    {
        _metrics.Outcome(read.Outcome);
        return read;
    }
}
