using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>Questions of one product matching a search: <c>GET /api/v1/products/{productId}/questions/search</c>.</summary>
/// <param name="ProductId">The product id.</param>
/// <param name="Query">The search text as it was normalized (trimmed, single spaces, lower case).</param>
/// <param name="Count">The most results that were asked for.</param>
/// <param name="Questions">Matching questions, best match first.</param>
[MessagePackObject]
public sealed record QuestionSearchResults(
    [property: Key("productId")] long ProductId,
    [property: Key("query")] string Query,
    [property: Key("count")] int Count,
    [property: Key("questions")] IReadOnlyList<Question> Questions);
