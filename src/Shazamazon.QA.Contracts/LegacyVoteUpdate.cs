using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>
/// The body of the legacy <c>PUT /updateVote</c>: sets a question's vote count. Ids may come as JSON numbers or as
/// numeric strings (the legacy widget sends back the <c>_id</c> strings it read).
/// </summary>
/// <param name="ProductId">The product the question belongs to (<c>pID</c>).</param>
/// <param name="QuestionId">The question id (<c>qID</c>).</param>
/// <param name="Votes">The new vote count, 0 to 1,000,000.</param>
[MessagePackObject]
[JsonNumberHandling(JsonNumberHandling.AllowReadingFromString)]
public sealed record LegacyVoteUpdate(
    [property: Key("pID"), JsonPropertyName("pID")] long? ProductId,
    [property: Key("qID"), JsonPropertyName("qID")] long? QuestionId,
    [property: Key("votes"), JsonPropertyName("votes")] int? Votes);
