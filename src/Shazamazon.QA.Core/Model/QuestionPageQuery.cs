using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.Core.Model;

/// <summary>A validated request for one page of a product's questions: by page number, or after a cursor.</summary>
/// <param name="ProductId">The product id (positive).</param>
/// <param name="Page">The 1-based page; for a cursor, the page the cursor leads to.</param>
/// <param name="Count">The page size, 1..100.</param>
/// <param name="Sort">The order.</param>
/// <param name="Answered">Only questions with (true) or without (false) an approved answer; null: all.</param>
/// <param name="After">Where the previous page ended; null for a page by number.</param>
public readonly record struct QuestionPageQuery(long ProductId, int Page, int Count, QuestionSort Sort, bool? Answered = null, KeysetCursor? After = null)
{
    /// <summary>The <see cref="KeysetCursor.Tag"/> of this query's sort and filter.</summary>
    public byte CursorTag => Tag(Sort, Answered);

    /// <summary>The <see cref="KeysetCursor.Tag"/> of a sort and filter: each pair walks its own order.</summary>
    public static byte Tag(QuestionSort sort, bool? answered) => (byte)(0x20 + ((int)sort * 3) + answered switch { null => 0, true => 1, false => 2 });
}
