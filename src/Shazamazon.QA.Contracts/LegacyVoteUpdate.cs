using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>The body of the legacy <c>PUT /updateVote</c>: sets a question's vote count.</summary>
/// <param name="ProductId">The product the question belongs to (<c>pID</c>).</param>
/// <param name="QuestionId">The question id (<c>qID</c>).</param>
/// <param name="Votes">The new vote count, zero or more.</param>
[MessagePackObject]
public sealed record LegacyVoteUpdate(
    [property: Key("pID"), JsonPropertyName("pID")] long? ProductId,
    [property: Key("qID"), JsonPropertyName("qID")] long? QuestionId,
    [property: Key("votes"), JsonPropertyName("votes")] int? Votes);
