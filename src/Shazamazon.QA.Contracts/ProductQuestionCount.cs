using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>How many questions a product has: <c>GET /api/v1/products/{productId}/questions/count</c>.</summary>
/// <param name="ProductId">The product id.</param>
/// <param name="TotalQuestions">How many approved questions the product has.</param>
[MessagePackObject]
public sealed record ProductQuestionCount(
    [property: Key("productId")] long ProductId,
    [property: Key("totalQuestions")] int TotalQuestions);
