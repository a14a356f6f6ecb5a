using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>The legacy widget's shape: <c>GET /item?id={productId}</c>.</summary>
/// <param name="ProductId">The product id.</param>
/// <param name="ItemName">The product's name.</param>
/// <param name="Category">The product's category.</param>
/// <param name="QA">At most 100 questions by votes, each with its most helpful answer.</param>
[MessagePackObject]
public sealed record LegacyItem(
    [property: Key("ProductId"), JsonPropertyName("ProductId")] long ProductId,
    [property: Key("ItemName"), JsonPropertyName("ItemName")] string ItemName,
    [property: Key("Category"), JsonPropertyName("Category")] string Category,
    [property: Key("QA"), JsonPropertyName("QA")] IReadOnlyList<LegacyQuestion> QA);

/// <summary>One question of the legacy shape.</summary>
/// <param name="Id">The question id, as a string (<c>_id</c>).</param>
/// <param name="Question">The question text (<c>Qstn</c>).</param>
/// <param name="Answer">The most helpful answer's text, or null when there is none (<c>Ans</c>).</param>
/// <param name="Author">The asker's name.</param>
/// <param name="Votes">The question's helpfulness score.</param>
/// <param name="Date">When the question was asked (UTC).</param>
[MessagePackObject]
public sealed record LegacyQuestion(
    [property: Key("_id"), JsonPropertyName("_id")] string Id,
    [property: Key("Qstn"), JsonPropertyName("Qstn")] string Question,
    [property: Key("Ans"), JsonPropertyName("Ans")] string? Answer,
    [property: Key("Author"), JsonPropertyName("Author")] string Author,
    [property: Key("Votes"), JsonPropertyName("Votes")] int Votes,
    [property: Key("Date"), JsonPropertyName("Date")] DateTime Date);

/// <summary>The body of the legacy <c>PUT /updateVote</c>: sets a question's vote count.</summary>
/// <param name="ProductId">The product the question belongs to (<c>pID</c>).</param>
/// <param name="QuestionId">The question id (<c>qID</c>).</param>
/// <param name="Votes">The new vote count, zero or more.</param>
[MessagePackObject]
public sealed record LegacyVoteUpdate(
    [property: Key("pID"), JsonPropertyName("pID")] long? ProductId,
    [property: Key("qID"), JsonPropertyName("qID")] long? QuestionId,
    [property: Key("votes"), JsonPropertyName("votes")] int? Votes);
