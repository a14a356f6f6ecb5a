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
