using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>An answer to a customer question, as the contract shows it (approved).</summary>
/// <param name="Id">The answer id.</param>
/// <param name="Body">The answer text.</param>
/// <param name="AnswererName">The display name of whoever answered.</param>
/// <param name="CreatedAt">When the answer was posted (UTC).</param>
/// <param name="Helpful">The helpfulness score (up votes minus down votes).</param>
[MessagePackObject]
public sealed record Answer(
    [property: Key("id")] long Id,
    [property: Key("body")] string Body,
    [property: Key("answererName")] string AnswererName,
    [property: Key("createdAt")] DateTime CreatedAt,
    [property: Key("helpful")] int Helpful)
{
    /// <summary>
    /// The answer's moderation status (<c>approved</c> or <c>pending</c>) in the answer to the write that created it; null
    /// (and left out of JSON) in reads, which show approved items only.
    /// </summary>
    [Key("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Status { get; init; }
}
