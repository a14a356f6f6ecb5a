using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Logging;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Coherence;
using Shazamazon.QA.Core.Diagnostics;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The reads of the contract, served through the two-level cache (HybridCache: L1 in process, L2 Redis) and filled from
/// the configured source on a miss. Concurrent misses of one key on this node share one fill. Per request, an entry is:
/// <list type="bullet">
/// <item>fresh (younger than its kind's TTL, and not older than its product's last known change): served;</item>
/// <item>within the stale-while-revalidate window: served at once while one background refresh runs;</item>
/// <item>otherwise refilled, waiting at most <c>Qa:Cache:FillTimeout</c>; if the source fails or is slower, the stale
/// entry is served for up to <c>Qa:Cache:FailSafeMaxStaleness</c> past its TTL (fail-safe).</item>
/// </list>
/// </summary>
public sealed partial class QaReader
{
    private readonly HybridCache _cache;
    private readonly IQaSource _source;
    private readonly ResponseRenderer _renderer;
    private readonly EntryPolicies _policies;
    private readonly ProductVersions _versions;
    private readonly CoherenceState _coherence;
    private readonly QaMetrics _metrics;
    private readonly TimeProvider _clock;
    private readonly ILogger<QaReader> _logger;
    private readonly RedisL2Cache? _l2;
    private readonly ConcurrentDictionary<string, byte> _refreshing = new(StringComparer.Ordinal);
    private readonly string _sourceName;
    private readonly CacheKeyTable<QuestionPageQuery> _questionPageKeys = new(CacheKeys.QuestionPage);
    private readonly CacheKeyTable<AnswerPageQuery> _answerPageKeys = new(CacheKeys.AnswerPage);
    private readonly CacheKeyTable<long> _countKeys = new(CacheKeys.QuestionCount);
    private readonly CacheKeyTable<QuestionSearchQuery> _searchKeys = new(CacheKeys.Search);
    private readonly CacheKeyTable<long> _legacyKeys = new(CacheKeys.LegacyItem);

    internal QaReader(HybridCache cache, IQaSource source, ResponseRenderer renderer, EntryPolicies policies, ProductVersions versions,
        CoherenceState coherence, QaMetrics metrics, TimeProvider clock, ILogger<QaReader> logger, RedisL2Cache? l2 = null)
    {
        _cache = cache;
        _source = source;
        _renderer = renderer;
        _policies = policies;
        _versions = versions;
        _coherence = coherence;
        _metrics = metrics;
        _clock = clock;
        _logger = logger;
        _l2 = l2;
        _sourceName = source is DatabaseSource ? "database" : "origin";
    }

    /// <summary>One page of a product's questions.</summary>
    public ValueTask<CachedRead> QuestionPageAsync(QuestionPageQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<QuestionPageQuery, ProductQuestionsPage>(this, _questionPageKeys.Get(query), EntryKind.QuestionPage, query,
            static (s, q, ct) => s.QuestionPageAsync(q, ct), QaWireFormat.Json.ProductQuestionsPage,
            static q => $"Product {q.ProductId} does not exist."), cancellationToken);

    /// <summary>One page of a question's answers.</summary>
    public ValueTask<CachedRead> AnswerPageAsync(AnswerPageQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<AnswerPageQuery, QuestionAnswersPage>(this, _answerPageKeys.Get(query), EntryKind.AnswerPage, query,
            static (s, q, ct) => s.AnswerPageAsync(q, ct), QaWireFormat.Json.QuestionAnswersPage,
            static q => $"Question {q.QuestionId} does not exist."), cancellationToken);

    /// <summary>How many questions a product has.</summary>
    public ValueTask<CachedRead> QuestionCountAsync(long productId, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<long, ProductQuestionCount>(this, _countKeys.Get(productId), EntryKind.Count, productId,
            static (s, id, ct) => s.QuestionCountAsync(id, ct), QaWireFormat.Json.ProductQuestionCount,
            static id => $"Product {id} does not exist."), cancellationToken);

    /// <summary>Questions of a product matching a search, best first.</summary>
    public ValueTask<CachedRead> SearchAsync(QuestionSearchQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<QuestionSearchQuery, QuestionSearchResults>(this, _searchKeys.Get(query), EntryKind.Search, query,
            static (s, q, ct) => s.SearchAsync(q, ct), QaWireFormat.Json.QuestionSearchResults,
            static q => $"Product {q.ProductId} does not exist."), cancellationToken);

    /// <summary>The legacy widget's <c>/item</c> shape.</summary>
    public ValueTask<CachedRead> LegacyItemAsync(long productId, CancellationToken cancellationToken = default) =>
        ReadAsync(new Fill<long, LegacyItem>(this, _legacyKeys.Get(productId), EntryKind.Count, productId,
            static (s, id, ct) => s.LegacyItemAsync(id, ct), QaWireFormat.Json.LegacyItem,
            static id => $"Product {id} does not exist."), cancellationToken);

    private async ValueTask<CachedRead> ReadAsync<TQuery, TValue>(Fill<TQuery, TValue> fill, CancellationToken cancellationToken)
    {
        // A miss with nothing cached waits for the source however long it takes, and its failure is the caller's.
        var response = await _cache.GetOrCreateAsync(fill.Key, fill, static (f, ct) => f.RunAsync(ct), _policies.Read(fill.Kind), null, cancellationToken);
        var ttl = _policies.Ttl(fill.Kind, response.StatusCode == 404);
        var age = Age(response);
        var invalidated = _versions.IsStale(response) || _coherence.MaxAge is { } bound && age > bound;
        if (!invalidated && age < ttl)
        {
            return Served(new CachedRead(response, response.ClaimOutcome(), ttl, age));
        }

        if (!invalidated && age < ttl + _policies.StaleWhileRevalidate)
        {
            RefreshInBackground(fill);
            return Served(new CachedRead(response, CacheOutcome.Stale, ttl, age, StaleReason.Revalidating));
        }

        // Refill, but serve the stale entry rather than wait past the budget or fail, while it is within the fail-safe window.
        var refresh = _cache.GetOrCreateAsync(fill.Key, fill, static (f, ct) => f.RunAsync(ct), _policies.Refresh(fill.Kind), null, CancellationToken.None).AsTask();
        var failSafe = age < ttl + _policies.FailSafe;
        try
        {
            var fresh = failSafe ? await refresh.WaitAsync(_policies.FillTimeout, cancellationToken) : await refresh.WaitAsync(cancellationToken);
            return Served(new CachedRead(fresh, fresh.ClaimOutcome(), _policies.Ttl(fill.Kind, fresh.StatusCode == 404), Age(fresh)));
        }
        catch (TimeoutException) when (failSafe)
        {
            Observe(refresh, fill.Key);
            return Served(new CachedRead(response, CacheOutcome.Stale, ttl, age, StaleReason.SourceSlow));
        }
        catch (Exception ex) when (failSafe && SourceUnavailableException.IsSourceFailure(ex))
        {
            LogServedStale(ex, fill.Key);
            return Served(new CachedRead(response, CacheOutcome.Stale, ttl, age, StaleReason.SourceUnavailable));
        }
    }

    private CachedRead Served(CachedRead read)
    {
        _metrics.Outcome(read.Outcome);
        return read;
    }

    private TimeSpan Age(CachedResponse response) =>
        TimeSpan.FromMilliseconds(Math.Max(0, _clock.GetUtcNow().ToUnixTimeMilliseconds() - response.RenderedAtUnixMs));

    // One background refresh per key at a time; the request that saw the stale entry does not wait for it.
    private void RefreshInBackground<TQuery, TValue>(Fill<TQuery, TValue> fill)
    {
        if (!_refreshing.TryAdd(fill.Key, 0))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await _cache.GetOrCreateAsync(fill.Key, fill, static (f, ct) => f.RunAsync(ct), _policies.Refresh(fill.Kind), null, CancellationToken.None);
            }
            catch (Exception ex) when (SourceUnavailableException.IsSourceFailure(ex))
            {
                LogRefreshFailed(ex, fill.Key);
            }
            finally
            {
                _refreshing.TryRemove(fill.Key, out _);
            }
        });
    }

    private void Observe(Task refresh, string key) =>
        refresh.ContinueWith(t => LogRefreshFailed(t.Exception!.GetBaseException(), key), CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    [LoggerMessage(60, LogLevel.Warning, "The source failed; served the stale entry {Key}.")]
    private partial void LogServedStale(Exception ex, string key);

    [LoggerMessage(61, LogLevel.Warning, "A refresh of {Key} failed; the stale entry stays until the fail-safe window ends.")]
    private partial void LogRefreshFailed(Exception ex, string key);

    // A struct: one is made per request, and HybridCache takes it as the factory's state without boxing.
    private readonly record struct Fill<TQuery, TValue>(QaReader Owner, string Key, EntryKind Kind, TQuery Query,
        Func<IQaSource, TQuery, CancellationToken, Task<Versioned<TValue>?>> Read, JsonTypeInfo<TValue> JsonType,
        Func<TQuery, string> NotFound)
    {
        public async ValueTask<CachedResponse> RunAsync(CancellationToken cancellationToken)
        {
            var started = Stopwatch.GetTimestamp();
            using var activity = QaMetrics.Tracing.StartActivity("qa.fill");
            activity?.SetTag("qa.cache.key", Key);
            activity?.SetTag("qa.source", Owner._sourceName);
            try
            {
                var result = await Read(Owner._source, Query, cancellationToken);
                Owner._metrics.Fill(KindName, Owner._sourceName, result is null ? "not-found" : "ok", Stopwatch.GetElapsedTime(started).TotalSeconds);
                if (result is null)
                {
                    return Owner._renderer.NotFound(NotFound(Query));
                }

                Owner._l2?.Track(result.ProductId, Key);
                return Owner._renderer.Render(result, JsonType);
            }
            catch (Exception ex) when (SourceUnavailableException.IsSourceFailure(ex))
            {
                Owner._metrics.Fill(KindName, Owner._sourceName, "error", Stopwatch.GetElapsedTime(started).TotalSeconds);
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
