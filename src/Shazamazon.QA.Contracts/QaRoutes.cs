using System.Globalization;

namespace Shazamazon.QA.Contracts;

/// <summary>
/// The contract's request paths, relative to the edge's base address (no leading slash), built once for every caller:
/// the typed client, and an edge filling its cache from an origin.
/// </summary>
public static class QaRoutes
{
    /// <summary><c>api/v1/products/{productId}/questions?page=&amp;count=&amp;sort=</c>.</summary>
    public static string QuestionPage(long productId, int page, int count, QuestionSort sort) => QuestionPage(productId, page, count, sort, answered: null);

    /// <summary><c>api/v1/products/{productId}/questions?page=&amp;count=&amp;sort=</c>, and <c>&amp;answered=</c> when <paramref name="answered"/> is set.</summary>
    public static string QuestionPage(long productId, int page, int count, QuestionSort sort, bool? answered) => string.Create(CultureInfo.InvariantCulture,
        $"api/v1/products/{productId}/questions?page={page}&count={count}&sort={SortName(sort)}{Answered(answered)}");

    /// <summary><c>api/v1/products/{productId}/questions?cursor=&amp;count=&amp;sort=</c>: the page after a page's <c>nextCursor</c>.</summary>
    public static string QuestionPageAfter(long productId, string cursor, int count, QuestionSort sort, bool? answered) => string.Create(CultureInfo.InvariantCulture,
        $"api/v1/products/{productId}/questions?cursor={Uri.EscapeDataString(cursor)}&count={count}&sort={SortName(sort)}{Answered(answered)}");

    /// <summary>How <c>sort</c> spells <paramref name="sort"/>.</summary>
    public static string SortName(QuestionSort sort) => sort switch
    {
        QuestionSort.Newest => "newest",
        QuestionSort.MostAnswered => "mostAnswered",
        QuestionSort.RecentlyAnswered => "recentlyAnswered",
        _ => "helpful",
    };

    private static string Answered(bool? answered) => answered switch { true => "&answered=true", false => "&answered=false", null => "" };

    /// <summary><c>api/v1/questions/{questionId}/answers?page=&amp;count=</c>.</summary>
    public static string AnswerPage(long questionId, int page, int count) =>
        string.Create(CultureInfo.InvariantCulture, $"api/v1/questions/{questionId}/answers?page={page}&count={count}");

    /// <summary><c>api/v1/products/{productId}/questions/count</c>.</summary>
    public static string QuestionCount(long productId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/products/{productId}/questions/count");

    /// <summary><c>api/v1/products/{productId}/questions/stats</c>.</summary>
    public static string QuestionStats(long productId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/products/{productId}/questions/stats");

    /// <summary><c>api/v1/products/{productId}/questions/search?q=&amp;count=</c>, with <paramref name="query"/> escaped.</summary>
    public static string Search(long productId, string query, int count) => string.Create(CultureInfo.InvariantCulture,
        $"api/v1/products/{productId}/questions/search?q={Uri.EscapeDataString(query)}&count={count}");

    /// <summary><c>item?id={productId}</c> (the legacy widget's read).</summary>
    public static string LegacyItem(long productId) => string.Create(CultureInfo.InvariantCulture, $"item?id={productId}");

    /// <summary><c>api/v1/products/{productId}/questions</c>: where a question is asked.</summary>
    public static string Questions(long productId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/products/{productId}/questions");

    /// <summary><c>api/v1/questions/{questionId}/answers</c>: where an answer is posted.</summary>
    public static string Answers(long questionId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/questions/{questionId}/answers");

    /// <summary><c>api/v1/questions/{questionId}/votes</c>.</summary>
    public static string QuestionVotes(long questionId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/questions/{questionId}/votes");

    /// <summary><c>api/v1/answers/{answerId}/votes</c>.</summary>
    public static string AnswerVotes(long answerId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/answers/{answerId}/votes");

    /// <summary><c>api/v1/questions/{questionId}/report</c>.</summary>
    public static string QuestionReport(long questionId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/questions/{questionId}/report");

    /// <summary><c>api/v1/answers/{answerId}/report</c>.</summary>
    public static string AnswerReport(long answerId) => string.Create(CultureInfo.InvariantCulture, $"api/v1/answers/{answerId}/report");

    /// <summary><c>api/v1/moderation/queue?kind=&amp;limit=</c>, and <c>&amp;cursor=</c> when <paramref name="cursor"/> is given.</summary>
    public static string ModerationQueue(ModerationKind kind, int limit, string? cursor) => string.Create(CultureInfo.InvariantCulture,
        $"api/v1/moderation/queue?kind={KindName(kind)}&limit={limit}{(cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor))}");

    /// <summary><c>api/v1/moderation/questions/{id}/approve</c> (or <c>answers</c>, <c>reject</c>).</summary>
    public static string ModerationDecision(ModerationKind kind, long id, bool approve) => string.Create(CultureInfo.InvariantCulture,
        $"api/v1/moderation/{KindName(kind)}s/{id}/{(approve ? "approve" : "reject")}");

    private static string KindName(ModerationKind kind) => kind == ModerationKind.Answer ? "answer" : "question";
}
