using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>The body of <c>POST /api/v1/products/{productId}/questions</c>.</summary>
/// <param name="Body">The question text, 1 to 1000 characters.</param>
/// <param name="AskerName">The asker's display name, 1 to 60 characters.</param>
/// <param name="AskerEmail">The asker's e-mail address, at most 60 characters; never shown.</param>
[MessagePackObject]
public sealed record NewQuestion(
    [property: Key("body")] string? Body,
    [property: Key("askerName")] string? AskerName,
    [property: Key("askerEmail")] string? AskerEmail);
