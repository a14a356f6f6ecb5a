using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>A question or answer waiting for a moderator, with its reports.</summary>
/// <param name="Kind"><c>question</c> or <c>answer</c>.</param>
/// <param name="Id">The question's or answer's id.</param>
/// <param name="ProductId">The product it belongs to.</param>
/// <param name="QuestionId">For an answer, its question; null for a question.</param>
/// <param name="Body">Its text.</param>
/// <param name="AuthorName">The display name of whoever asked or answered.</param>
/// <param name="CreatedAt">When it was posted (UTC).</param>
/// <param name="Status">Its status: <c>pending</c> while it is queued.</param>
/// <param name="Reports">Its reports, oldest first; empty for an item held by pre-moderation.</param>
[MessagePackObject]
public sealed record ModerationItem(
    [property: Key("kind")] string Kind,
    [property: Key("id")] long Id,
    [property: Key("productId")] long ProductId,
    [property: Key("questionId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? QuestionId,
    [property: Key("body")] string Body,
    [property: Key("authorName")] string AuthorName,
    [property: Key("createdAt")] DateTime CreatedAt,
    [property: Key("status")] string Status,
    [property: Key("reports")] IReadOnlyList<ItemReport> Reports);
