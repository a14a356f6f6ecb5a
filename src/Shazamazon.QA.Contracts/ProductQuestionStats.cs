using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>A product's Q&amp;A in figures: <c>GET /api/v1/products/{productId}/questions/stats</c>. Visible items only.</summary>
/// <param name="ProductId">The product id.</param>
/// <param name="TotalQuestions">How many questions the product has.</param>
/// <param name="AnsweredQuestions">How many of them have at least one answer.</param>
/// <param name="TotalAnswers">How many answers its questions have.</param>
/// <param name="LastQuestionAt">When the newest question was asked; null when there is none.</param>
/// <param name="LastAnsweredAt">When the newest answer was given; null when there is none.</param>
[MessagePackObject]
public sealed record ProductQuestionStats(
    [property: Key("productId")] long ProductId,
    [property: Key("totalQuestions")] int TotalQuestions,
    [property: Key("answeredQuestions")] int AnsweredQuestions,
    [property: Key("totalAnswers")] int TotalAnswers,
    [property: Key("lastQuestionAt")] DateTime? LastQuestionAt,
    [property: Key("lastAnsweredAt")] DateTime? LastAnsweredAt);
