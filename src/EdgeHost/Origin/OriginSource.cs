using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MessagePack;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.EdgeHost.Http;

namespace Shazamazon.QA.EdgeHost.Origin;

/// <summary>
/// Fills misses from the origin (<c>Qa:Source=Origin</c>): the same contract route, asked for in MessagePack, cached
/// under the product version (<c>X-Qa-Version</c>) and age (<c>Age</c>) the origin reports, so edges can be chained.
/// A 404 is a cached "does not exist"; any other failure is the source being unavailable. A consistency token goes
/// along as <c>X-Qa-Min-Version</c>, so an origin that caches answers at least that version too.
/// </summary>
internal sealed class OriginSource(OriginClient origin) : IQaSource
{
    /// <summary>The <see cref="IQaSource.Name"/> of an origin, which its failures carry.</summary>
    public const string SourceName = "origin";

    public string Name => SourceName;

    // A cursor goes to the origin as it came: the origin keeps the walks its own pages began.
    public async Task<Versioned<QuestionPageRead>?> QuestionPageAsync(QuestionPageQuery query, IReadOnlyList<long>? walk, ConsistencyToken atLeast,
        CancellationToken cancellationToken)
    {
        var path = query.After is { } after
            ? QaRoutes.QuestionPageAfter(query.ProductId, after.Encode(), query.Count, query.Sort, query.Answered)
            : QaRoutes.QuestionPage(query.ProductId, query.Page, query.Count, query.Sort, query.Answered);
        var page = await GetAsync(path, query.ProductId, atLeast, QaWireFormat.Json.ProductQuestionsPage, cancellationToken);
        return page is null ? null : new(page.ProductId, page.Version, new QuestionPageRead(page.Value, Walk: null), page.Age);
    }

    public Task<Versioned<QuestionAnswersPage>?> AnswerPageAsync(AnswerPageQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GetAsync(QaRoutes.AnswerPage(query.QuestionId, query.Page, query.Count), 0, atLeast, QaWireFormat.Json.QuestionAnswersPage, cancellationToken);

    public Task<Versioned<ProductQuestionCount>?> QuestionCountAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GetAsync(QaRoutes.QuestionCount(productId), productId, atLeast, QaWireFormat.Json.ProductQuestionCount, cancellationToken);

    public Task<Versioned<ProductQuestionStats>?> QuestionStatsAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GetAsync(QaRoutes.QuestionStats(productId), productId, atLeast, QaWireFormat.Json.ProductQuestionStats, cancellationToken);

    public Task<Versioned<QuestionSearchResults>?> SearchAsync(QuestionSearchQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GetAsync(QaRoutes.Search(query.ProductId, query.Text, query.Count), query.ProductId, atLeast, QaWireFormat.Json.QuestionSearchResults, cancellationToken);

    public Task<Versioned<LegacyItem>?> LegacyItemAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken) =>
        GetAsync(QaRoutes.LegacyItem(productId), productId, atLeast, QaWireFormat.Json.LegacyItem, cancellationToken);

    private async Task<Versioned<T>?> GetAsync<T>(string pathAndQuery, long productId, ConsistencyToken atLeast, JsonTypeInfo<T> json,
        CancellationToken cancellationToken)
    {
        var answer = await origin.GetAsync(pathAndQuery, atLeast, cancellationToken);
        if (answer.Status == HttpStatusCode.NotFound)
        {
            return null;
        }

        if (answer.Status != HttpStatusCode.OK)
        {
            throw new SourceUnavailableException($"The origin answered {(int)answer.Status}.")
            {
                SourceName = SourceName,
                Failure = answer.Status == HttpStatusCode.GatewayTimeout ? SourceFailure.TimedOut : SourceFailure.Unavailable,
            };
        }

        try
        {
            var value = answer.MediaType == QaWireFormat.MessagePackMediaType
                ? MessagePackSerializer.Deserialize<T>(answer.Body, QaWireFormat.MessagePack, cancellationToken)
                : JsonSerializer.Deserialize(answer.Body, json)!;

            // Without the origin's version (not a QaEdge origin), the entry lives by TTL only.
            var (product, version) = InvalidationMessage.TryParseChange(answer.Version, out var change) ? (change.ProductId, change.Version) : (productId, 0L);
            return new Versioned<T>(product, version, value, answer.Age);
        }
        catch (Exception ex) when (ex is MessagePackSerializationException or JsonException)
        {
            throw new SourceUnavailableException("The origin's answer could not be read.", ex) { SourceName = SourceName };
        }
    }
}
