namespace Shazamazon.QA.Core.Model;

/// <summary>A validated search within one product's questions.</summary>
/// <param name="ProductId">The product id (positive).</param>
/// <param name="Text">The normalized search text, 1..150 characters.</param>
/// <param name="Count">The most results, 1..100.</param>
public readonly record struct QuestionSearchQuery(long ProductId, string Text, int Count);
