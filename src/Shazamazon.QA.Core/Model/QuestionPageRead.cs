using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Model;

/// <summary>
/// A page of a product's questions as a source read it, with the order of the whole list (question ids) when the list
/// goes on past the page: the reader keeps that order, so the page's <c>nextCursor</c> walks the list as it was.
/// </summary>
/// <param name="Page">The page.</param>
/// <param name="Walk">The ids of the whole (filtered) list in the page's order, at the page's version; null when nothing follows the page.</param>
public sealed record QuestionPageRead(ProductQuestionsPage Page, IReadOnlyList<long>? Walk);
