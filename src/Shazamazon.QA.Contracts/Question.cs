using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>A customer question with its most helpful answers.</summary>
/// <param name="Id">The question id.</param>
/// <param name="Body">The question text.</param>
/// <param name="AskerName">The display name of whoever asked.</param>
/// <param name="CreatedAt">When the question was asked (UTC).</param>
/// <param name="Helpful">The helpfulness score (up votes minus down votes).</param>
/// <param name="AnswerCount">How many approved answers the question has in all.</param>
/// <param name="Answers">At most the five most helpful answers; the rest are paged through the answers route.</param>
[MessagePackObject]
public sealed record Question(
    [property: Key("id")] long Id,
    [property: Key("body")] string Body,
    [property: Key("askerName")] string AskerName,
    [property: Key("createdAt")] DateTime CreatedAt,
    [property: Key("helpful")] int Helpful,
    [property: Key("answerCount")] int AnswerCount,
    [property: Key("answers")] IReadOnlyList<Answer> Answers)
{
    /// <summary>
    /// The question's moderation status (<c>approved</c> or <c>pending</c>) in the answer to the write that created it; null
    /// (and left out of JSON) in reads, which show approved items only.
    /// </summary>
    [Key("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}
