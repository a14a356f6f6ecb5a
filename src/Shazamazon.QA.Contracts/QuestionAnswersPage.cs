using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>One page of a question's answers, most helpful first: <c>GET /api/v1/questions/{questionId}/answers</c>.</summary>
/// <param name="QuestionId">The question id.</param>
/// <param name="Page">The 1-based page number.</param>
/// <param name="Count">The page size that was asked for.</param>
/// <param name="TotalAnswers">How many approved answers the question has in all.</param>
/// <param name="Answers">The answers of the page; empty past the last page.</param>
[MessagePackObject]
public sealed record QuestionAnswersPage(
    [property: Key("questionId")] long QuestionId,
    [property: Key("page")] int Page,
    [property: Key("count")] int Count,
    [property: Key("totalAnswers")] int TotalAnswers,
    [property: Key("answers")] IReadOnlyList<Answer> Answers);
