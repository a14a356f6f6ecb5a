using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The cached reads of the contract: each answers with a response rendered once (JSON, MessagePack, ETag), where it came
/// from, and how fresh it is. A miss with nothing cached waits for the source and throws when it cannot answer
/// (<see cref="Sources.SourceUnavailableException.IsSourceFailure"/>); a stale entry answers instead while the
/// fail-safe window allows. A read given a <see cref="ConsistencyToken"/> (what its client wrote, in
/// <see cref="ReadOptions.AtLeast"/>) is never answered with data older than the token's version of the product it
/// reads: an older entry is refilled, and no stale entry answers it. A cache-only read (<see cref="ReadOptions.CacheOnly"/>)
/// never calls the source: what no cache holds is answered <see cref="CacheOutcome.Refused"/>.
/// </summary>
public interface IQaReader
{
    /// <summary>One page of a product's questions.</summary>
    ValueTask<CachedRead> QuestionPageAsync(QuestionPageQuery query, ReadOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>One page of a question's answers.</summary>
    ValueTask<CachedRead> AnswerPageAsync(AnswerPageQuery query, ReadOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>How many questions a product has.</summary>
    ValueTask<CachedRead> QuestionCountAsync(long productId, ReadOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>A product's figures: questions, answered questions, answers, and the latest of each.</summary>
    ValueTask<CachedRead> QuestionStatsAsync(long productId, ReadOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>Questions of a product matching a search, best first.</summary>
    ValueTask<CachedRead> SearchAsync(QuestionSearchQuery query, ReadOptions options = default, CancellationToken cancellationToken = default);

    /// <summary>The legacy widget's <c>/item</c> shape.</summary>
    ValueTask<CachedRead> LegacyItemAsync(long productId, ReadOptions options = default, CancellationToken cancellationToken = default);
}
