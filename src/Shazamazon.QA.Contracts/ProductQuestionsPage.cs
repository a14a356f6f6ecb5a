using MessagePack;

namespace Shazamazon.QA.Contracts;

/// <summary>One page of a product's questions: <c>GET /api/v1/products/{productId}/questions</c>.</summary>
/// <param name="ProductId">The product id.</param>
/// <param name="ProductName">The product's name.</param>
/// <param name="Category">The product's category.</param>
/// <param name="TotalQuestions">How many approved questions the product has in all (with <c>answered</c>, in the filtered set).</param>
/// <param name="Page">The 1-based page number.</param>
/// <param name="Count">The page size that was asked for.</param>
/// <param name="Sort">The sort order: <c>helpful</c>, <c>newest</c>, <c>mostAnswered</c> or <c>recentlyAnswered</c>.</param>
/// <param name="Questions">The questions of the page; empty past the last page.</param>
[MessagePackObject]
public sealed record ProductQuestionsPage(
    [property: Key("productId")] long ProductId,
    [property: Key("productName")] string ProductName,
    [property: Key("category")] string Category,
    [property: Key("totalQuestions")] int TotalQuestions,
    [property: Key("page")] int Page,
    [property: Key("count")] int Count,
    [property: Key("sort")] string Sort,
    [property: Key("questions")] IReadOnlyList<Question> Questions)
{
    /// <summary>
    /// Where the next page starts: pass it as <c>cursor</c> (with the same sort and filter) to walk the list as it was
    /// when the walk began, however the order changes meanwhile; null on the last page.
    /// </summary>
    [Key("nextCursor")]
    public string? NextCursor { get; init; }
}
