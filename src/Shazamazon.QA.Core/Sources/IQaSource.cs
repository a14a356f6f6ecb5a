using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Reads;

namespace Shazamazon.QA.Core.Sources;

/// <summary>
/// Where a cache miss is filled from: PostgreSQL (<c>Qa:Source=Database</c>) or an origin reached through YARP
/// (<c>Qa:Source=Origin</c>, in the edge host). Each read returns null when the product or question does not exist,
/// and throws when the source cannot answer (the cache may then serve a stale value).
/// </summary>
public interface IQaSource
{
    /// <summary>One page of a product's questions.</summary>
    Task<Versioned<ProductQuestionsPage>?> QuestionPageAsync(QuestionPageQuery query, CancellationToken cancellationToken);

    /// <summary>One page of a question's answers.</summary>
    Task<Versioned<QuestionAnswersPage>?> AnswerPageAsync(AnswerPageQuery query, CancellationToken cancellationToken);

    /// <summary>A product's question count.</summary>
    Task<Versioned<ProductQuestionCount>?> QuestionCountAsync(long productId, CancellationToken cancellationToken);

    /// <summary>A search within a product's questions.</summary>
    Task<Versioned<QuestionSearchResults>?> SearchAsync(QuestionSearchQuery query, CancellationToken cancellationToken);

    /// <summary>The legacy <c>/item</c> shape.</summary>
    Task<Versioned<LegacyItem>?> LegacyItemAsync(long productId, CancellationToken cancellationToken);
}

/// <summary>A value read from a source, with the product and product version it reflects.</summary>
/// <param name="ProductId">The product the value belongs to.</param>
/// <param name="Version">The product's version when the value was read (never newer than the value).</param>
/// <param name="Value">The value.</param>
/// <param name="Age">How old the value already was when the source gave it (an origin's cached answer); zero when fresh.</param>
public sealed record Versioned<T>(long ProductId, long Version, T Value, TimeSpan Age = default);
