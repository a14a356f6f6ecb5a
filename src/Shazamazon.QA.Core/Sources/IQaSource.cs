using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Sources;

/// <summary>
/// Where a cache miss is filled from: PostgreSQL (<c>AddPostgresSource</c>) or, in an edge host, an origin reached
/// through YARP. Each read returns null when the product or question does not exist, and throws when the source
/// cannot answer (the cache may then serve a stale value; <see cref="SourceUnavailableException.IsSourceFailure"/>
/// says which exceptions mean that).
/// </summary>
public interface IQaSource
{
    /// <summary>A short name for metrics and traces (<c>qa.source</c>): <c>database</c>, <c>origin</c>.</summary>
    string Name { get; }

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
