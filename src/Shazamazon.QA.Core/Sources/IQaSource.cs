using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Sources;

/// <summary>
/// Where a cache miss is filled from: PostgreSQL (<c>AddPostgresSource</c>) or, in an edge host, an origin reached
/// through YARP. Each read returns null when the product or question does not exist, and throws when the source
/// cannot answer (the cache may then serve a stale value; <see cref="SourceUnavailableException.IsSourceFailure"/>
/// says which exceptions mean that). Each read takes a <see cref="ConsistencyToken"/>: the versions the answer must
/// reach if its product is one the token names. A source that can lag (a read replica, a caching origin) honours it by
/// asking what cannot lag (the primary, the origin with <c>X-Qa-Min-Version</c>); the reader checks the answer either way.
/// </summary>
public interface IQaSource
{
    /// <summary>A short name for metrics and traces (<c>qa.source</c>): <c>database</c>, <c>origin</c>.</summary>
    string Name { get; }

    /// <summary>
    /// One page of a product's questions, with a <c>nextCursor</c> when the list goes on, and the list's order when the
    /// source has it. A query after a cursor comes with <paramref name="walk"/>, the order the cursor's walk began with,
    /// when the reader still has it: the page is the next items of that order; without it, the items after the cursor's
    /// sort key and id in today's order.
    /// </summary>
    Task<Versioned<QuestionPageRead>?> QuestionPageAsync(QuestionPageQuery query, IReadOnlyList<long>? walk, ConsistencyToken atLeast,
        CancellationToken cancellationToken);

    /// <summary>One page of a question's answers.</summary>
    Task<Versioned<QuestionAnswersPage>?> AnswerPageAsync(AnswerPageQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken);

    /// <summary>A product's question count.</summary>
    Task<Versioned<ProductQuestionCount>?> QuestionCountAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken);

    /// <summary>A product's figures: questions, answered questions, answers, and the latest of each.</summary>
    Task<Versioned<ProductQuestionStats>?> QuestionStatsAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken);

    /// <summary>A search within a product's questions.</summary>
    Task<Versioned<QuestionSearchResults>?> SearchAsync(QuestionSearchQuery query, ConsistencyToken atLeast, CancellationToken cancellationToken);

    /// <summary>The legacy <c>/item</c> shape.</summary>
    Task<Versioned<LegacyItem>?> LegacyItemAsync(long productId, ConsistencyToken atLeast, CancellationToken cancellationToken);
}
