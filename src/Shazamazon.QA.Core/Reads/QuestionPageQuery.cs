using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Reads;

/// <summary>A validated request for one page of a product's questions.</summary>
/// <param name="ProductId">The product id (positive).</param>
/// <param name="Page">The 1-based page.</param>
/// <param name="Count">The page size, 1..100.</param>
/// <param name="Sort">The order.</param>
public readonly record struct QuestionPageQuery(long ProductId, int Page, int Count, QuestionSort Sort);

/// <summary>A validated request for one page of a question's answers.</summary>
/// <param name="QuestionId">The question id (positive).</param>
/// <param name="Page">The 1-based page.</param>
/// <param name="Count">The page size, 1..100.</param>
public readonly record struct AnswerPageQuery(long QuestionId, int Page, int Count);

/// <summary>A validated search within one product's questions.</summary>
/// <param name="ProductId">The product id (positive).</param>
/// <param name="Text">The normalized search text, 1..150 characters.</param>
/// <param name="Count">The most results, 1..100.</param>
public readonly record struct QuestionSearchQuery(long ProductId, string Text, int Count);
