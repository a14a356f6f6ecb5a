using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Caching.Hybrid;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Data;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The reads of the contract, served through the two-level cache (HybridCache: L1 in process, L2 Redis) and filled from
/// PostgreSQL on a miss. Concurrent misses of one key on this node share one fill. An entry is served only while it is
/// younger than its kind's current TTL and not older than its product's last known write.
/// </summary>
public sealed class QaReader
{
    private readonly HybridCache _cache;
    private readonly QuestionReader _database;
    private readonly ResponseRenderer _renderer;
    private readonly EntryPolicies _policies;
    private readonly ProductVersions _versions;
    private readonly RedisL2Cache? _l2;
    private readonly TimeProvider _clock;

    internal QaReader(HybridCache cache, QuestionReader database, ResponseRenderer renderer, EntryPolicies policies,
        ProductVersions versions, TimeProvider clock, RedisL2Cache? l2 = null)
    {
        _cache = cache;
        _database = database;
        _renderer = renderer;
        _policies = policies;
        _versions = versions;
        _clock = clock;
        _l2 = l2;
    }

    /// <summary>One page of a product's questions.</summary>
    public ValueTask<CachedRead> QuestionPageAsync(QuestionPageQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(CacheKeys.QuestionPage(query), EntryKind.QuestionPage, query,
            static (db, q, ct) => db.QuestionPageAsync(q, ct), QaWireFormat.Json.ProductQuestionsPage,
            static q => $"Product {q.ProductId} does not exist.", cancellationToken);

    /// <summary>One page of a question's answers.</summary>
    public ValueTask<CachedRead> AnswerPageAsync(AnswerPageQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(CacheKeys.AnswerPage(query), EntryKind.AnswerPage, query,
            static (db, q, ct) => db.AnswerPageAsync(q, ct), QaWireFormat.Json.QuestionAnswersPage,
            static q => $"Question {q.QuestionId} does not exist.", cancellationToken);

    /// <summary>How many questions a product has.</summary>
    public ValueTask<CachedRead> QuestionCountAsync(long productId, CancellationToken cancellationToken = default) =>
        ReadAsync(CacheKeys.QuestionCount(productId), EntryKind.Count, productId,
            static (db, id, ct) => db.QuestionCountAsync(id, ct), QaWireFormat.Json.ProductQuestionCount,
            static id => $"Product {id} does not exist.", cancellationToken);

    /// <summary>Questions of a product matching a search, best first.</summary>
    public ValueTask<CachedRead> SearchAsync(QuestionSearchQuery query, CancellationToken cancellationToken = default) =>
        ReadAsync(CacheKeys.Search(query), EntryKind.Search, query,
            static (db, q, ct) => db.SearchAsync(q, ct), QaWireFormat.Json.QuestionSearchResults,
            static q => $"Product {q.ProductId} does not exist.", cancellationToken);

    /// <summary>The legacy widget's <c>/item</c> shape.</summary>
    public ValueTask<CachedRead> LegacyItemAsync(long productId, CancellationToken cancellationToken = default) =>
        ReadAsync(CacheKeys.LegacyItem(productId), EntryKind.Count, productId,
            static (db, id, ct) => db.LegacyItemAsync(id, ct), QaWireFormat.Json.LegacyItem,
            static id => $"Product {id} does not exist.", cancellationToken);

    private async ValueTask<CachedRead> ReadAsync<TQuery, TValue>(string key, EntryKind kind, TQuery query,
        Func<QuestionReader, TQuery, CancellationToken, Task<Versioned<TValue>?>> read, JsonTypeInfo<TValue> jsonType,
        Func<TQuery, string> notFound, CancellationToken cancellationToken)
    {
        var fill = new Fill<TQuery, TValue>(this, key, query, read, jsonType, notFound);
        var response = await _cache.GetOrCreateAsync(key, fill, static (f, ct) => f.RunAsync(ct), _policies.Read(kind), null, cancellationToken);
        var ttl = _policies.Ttl(kind, response.StatusCode == 404);
        if (IsStale(response, ttl))
        {
            response = await _cache.GetOrCreateAsync(key, fill, static (f, ct) => f.RunAsync(ct), _policies.Refresh(kind), null, cancellationToken);
            ttl = _policies.Ttl(kind, response.StatusCode == 404);
        }

        return new CachedRead(response, response.ClaimOutcome(), ttl);
    }

    // Stale: older than its product's last known write, or older than its kind's current TTL (a 404 is cached under the
    // TTL of its kind but lives only as long as NotFound; a TTL shortened in configuration applies to existing entries).
    private bool IsStale(CachedResponse response, TimeSpan ttl) =>
        _versions.IsStale(response.ProductId, response.Version)
        || _clock.GetUtcNow().ToUnixTimeMilliseconds() - response.RenderedAtUnixMs >= (long)ttl.TotalMilliseconds;

    private readonly record struct Fill<TQuery, TValue>(QaReader Owner, string Key, TQuery Query,
        Func<QuestionReader, TQuery, CancellationToken, Task<Versioned<TValue>?>> Read, JsonTypeInfo<TValue> JsonType,
        Func<TQuery, string> NotFound)
    {
        public async ValueTask<CachedResponse> RunAsync(CancellationToken cancellationToken)
        {
            var result = await Read(Owner._database, Query, cancellationToken);
            if (result is null)
            {
                return Owner._renderer.NotFound(NotFound(Query));
            }

            Owner._l2?.Track(result.ProductId, Key);
            return Owner._renderer.Render(result, JsonType);
        }
    }
}
