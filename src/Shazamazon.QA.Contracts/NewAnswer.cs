using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>The body of <c>POST /api/v1/questions/{questionId}/answers</c>.</summary>
/// <param name="Body">The answer text, 1 to 1000 characters.</param>
/// <param name="AnswererName">The answerer's display name, 1 to 60 characters.</param>
/// <param name="AnswererEmail">The answerer's e-mail address, at most 60 characters; never shown.</param>
[MessagePackObject]
public sealed record NewAnswer(
    [property: Key("body")] string? Body,
    [property: Key("answererName")] string? AnswererName,
    [property: Key("answererEmail")] string? AnswererEmail);
