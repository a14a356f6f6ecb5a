namespace Shazamazon.QA.Core.Model;

/// <summary>A validated request for one page of a question's answers.</summary>
/// <param name="QuestionId">The question id (positive).</param>
/// <param name="Page">The 1-based page.</param>
/// <param name="Count">The page size, 1..100.</param>
public readonly record struct AnswerPageQuery(long QuestionId, int Page, int Count);
