using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Model;

/// <summary>A validated request for one page of a product's questions.</summary>
/// <param name="ProductId">The product id (positive).</param>
/// <param name="Page">The 1-based page.</param>
/// <param name="Count">The page size, 1..100.</param>
/// <param name="Sort">The order.</param>
public readonly record struct QuestionPageQuery(long ProductId, int Page, int Count, QuestionSort Sort);
