using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Reads;

/// <summary>
/// The cached reads of the contract: each answers with a response rendered once (JSON, MessagePack, ETag), where it came
/// from, and how fresh it is. A miss with nothing cached waits for the source and throws when it cannot answer
/// (<see cref="Sources.SourceUnavailableException.IsSourceFailure"/>); a stale entry answers instead while the
/// fail-safe window allows.
/// </summary>
public interface IQaReader
{
    /// <summary>One page of a product's questions.</summary>
    ValueTask<CachedRead> QuestionPageAsync(QuestionPageQuery query, CancellationToken cancellationToken = default);

    /// <summary>One page of a question's answers.</summary>
    ValueTask<CachedRead> AnswerPageAsync(AnswerPageQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many questions a product has.</summary>
    ValueTask<CachedRead> QuestionCountAsync(long productId, CancellationToken cancellationToken = default);

    /// <summary>Questions of a product matching a search, best first.</summary>
    ValueTask<CachedRead> SearchAsync(QuestionSearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>The legacy widget's <c>/item</c> shape.</summary>
    ValueTask<CachedRead> LegacyItemAsync(long productId, CancellationToken cancellationToken = default);
}
