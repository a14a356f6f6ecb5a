using System.Text.Json.Serialization;
using MessagePack;

namespace Shazamazon.QA.Contracts;

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
