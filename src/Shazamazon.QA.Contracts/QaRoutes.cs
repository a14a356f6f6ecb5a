using System.Globalization;

namespace Shazamazon.QA.Contracts;

/// <summary>
/// The contract's request paths, relative to the edge's base address (no leading slash), built once for every caller:
/// the typed client, and an edge filling its cache from an origin.
/// </summary>
public static class QaRoutes
{
    /// <summary><c>api/v1/products/{productId}/questions?page=&amp;count=&amp;sort=</c>.</summary>
    public static string QuestionPage(long productId, int page, int count, QuestionSort sort) => string.Create(CultureInfo.InvariantCulture,
        $"api/v1/products/{productId}/questions?page={page}&count={count}&sort={(sort == QuestionSort.Newest ? "newest" : "helpful")}");

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
