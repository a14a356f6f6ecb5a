using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Writes;

/// <summary>
/// The writes of the contract, to PostgreSQL. Once a write commits, the product's cached entries are evicted on this node
/// and in L2 before the call returns (read-your-writes), and on every other node soon after. Inputs must already be
/// validated (<see cref="Validation.WriteValidator"/>). Each write returns null when the item it acts on does not exist.
/// </summary>
public interface IQaWriter
{
    /// <summary>Adds a question to a product, approved, or pending under pre-moderation (<c>Qa:Moderation:Mode</c>); null when the product does not exist.</summary>
    Task<Written<Question>?> AddQuestionAsync(long productId, NewQuestion question, CancellationToken cancellationToken = default);

    /// <summary>Adds an answer to an approved question (approved, or pending under pre-moderation); null when the question does not exist or is not approved.</summary>
    Task<Written<Answer>?> AddAnswerAsync(long questionId, NewAnswer answer, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="voter"/>'s vote on a question, <paramref name="direction"/> +1 (up) or -1 (down): one vote
    /// per voter, so the same vote again changes nothing and the other direction replaces it (helpful moves by 2). Null
    /// when the question does not exist or is not approved.
    /// </summary>
    Task<ProductChange?> VoteQuestionAsync(long questionId, int direction, string voter, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="voter"/>'s vote on an answer, as <see cref="VoteQuestionAsync"/> does on a question.</summary>
    Task<ProductChange?> VoteAnswerAsync(long answerId, int direction, string voter, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records <paramref name="reporter"/>'s report of a question, with its <paramref name="reason"/> (<c>spam</c>,
    /// <c>offensive</c>, <c>off-topic</c> or <c>other</c>): an approved question becomes pending (hidden from every read)
    /// and is queued for moderators. One report per reporter counts; a repeat changes nothing. Null when the question
    /// does not exist.
    /// </summary>
    Task<ProductChange?> ReportQuestionAsync(long questionId, string reason, string reporter, CancellationToken cancellationToken = default);

    /// <summary>Records <paramref name="reporter"/>'s report of an answer, as <see cref="ReportQuestionAsync"/> does for a question.</summary>
    Task<ProductChange?> ReportAnswerAsync(long answerId, string reason, string reporter, CancellationToken cancellationToken = default);

    /// <summary>
    /// The legacy widget's vote update: sets a question's helpfulness to <paramref name="votes"/>. Null when the question
    /// does not exist, is not approved, or belongs to another product.
    /// </summary>
    Task<ProductChange?> SetQuestionVotesAsync(long productId, long questionId, int votes, CancellationToken cancellationToken = default);
}
