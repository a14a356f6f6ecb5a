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

    public QaReader(HybridCache cache, IQaSource source, ResponseRenderer renderer, EntryPolicies policies, Staleness staleness,
        ReadMetrics metrics, FillGate fills, TimeProvider clock, ILogger<QaReader> logger, LogSampler logSampler, RedisL2Cache? l2 = null)
    {
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
    }

    public ValueTask<CachedRead> QuestionPageAsync(QuestionPageQuery query, ConsistencyToken atLeast = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<QuestionPageQuery, ProductQuestionsPage>(this, _questionPageKeys.Get(query), EntryKind.QuestionPage, query,
            static (s, q, token, ct) => s.QuestionPageAsync(q, token, ct), QaWireFormat.Json.ProductQuestionsPage,
            static q => $"Product {q.ProductId} does not exist.") { AtLeast = atLeast, KeyProductId = query.ProductId }, cancellationToken);

    public ValueTask<CachedRead> AnswerPageAsync(AnswerPageQuery query, ConsistencyToken atLeast = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<AnswerPageQuery, QuestionAnswersPage>(this, _answerPageKeys.Get(query), EntryKind.AnswerPage, query,
            static (s, q, token, ct) => s.AnswerPageAsync(q, token, ct), QaWireFormat.Json.QuestionAnswersPage,
            static q => $"Question {q.QuestionId} does not exist.") { AtLeast = atLeast }, cancellationToken);

    public ValueTask<CachedRead> QuestionCountAsync(long productId, ConsistencyToken atLeast = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<long, ProductQuestionCount>(this, _countKeys.Get(productId), EntryKind.Count, productId,
            static (s, id, token, ct) => s.QuestionCountAsync(id, token, ct), QaWireFormat.Json.ProductQuestionCount,
            static id => $"Product {id} does not exist.") { AtLeast = atLeast, KeyProductId = productId }, cancellationToken);

    public ValueTask<CachedRead> SearchAsync(QuestionSearchQuery query, ConsistencyToken atLeast = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<QuestionSearchQuery, QuestionSearchResults>(this, _searchKeys.Get(query), EntryKind.Search, query,
            static (s, q, token, ct) => s.SearchAsync(q, token, ct), QaWireFormat.Json.QuestionSearchResults,
            static q => $"Product {q.ProductId} does not exist.") { AtLeast = atLeast, KeyProductId = query.ProductId }, cancellationToken);

    public ValueTask<CachedRead> LegacyItemAsync(long productId, ConsistencyToken atLeast = default, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<long, LegacyItem>(this, _legacyKeys.Get(productId), EntryKind.Count, productId,
            static (s, id, token, ct) => s.LegacyItemAsync(id, token, ct), QaWireFormat.Json.LegacyItem,
            static id => $"Product {id} does not exist.") { AtLeast = atLeast, KeyProductId = productId }, cancellationToken);

    private async ValueTask<CachedRead> ReadAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CancellationToken cancellationToken)
    {
        // A miss with nothing cached waits for the source however long it takes, and its failure is the caller's.
        var entry = await _cache.GetOrCreateAsync(fill.Key, fill, static (f, ct) => f.RunAsync(ct), _policies.Read(fill.Kind), null, cancellationToken);
        if (!fill.Satisfies(entry))
        {
            return await ReadAtLeastAsync(fill, cancellationToken);
        }

        var ttl = _policies.Ttl(fill.Kind, entry.StatusCode == 404);
        var age = Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow());
        var decision = Freshness.Decide(age, ttl, _staleness.IsStale(entry, age), _policies.StaleWhileRevalidate, _policies.FailSafe);
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
        await _cache.SetAsync(fill.Key, entry, _policies.Read(fill.Kind), null, cancellationToken);
        _metrics.ConsistencyRefill();
        return Served(new CachedRead(entry, entry.ClaimOutcome(), _policies.Ttl(fill.Kind, entry.StatusCode == 404),
            Freshness.Age(entry.RenderedAtUnixMs, _clock.GetUtcNow())));
    }

    private CachedRead Served(CachedRead read)
    {
        _metrics.Outcome(read.Outcome);
        return read;
    }
}
