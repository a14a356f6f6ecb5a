using System.Globalization;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Validation;

/// <summary>
/// Turns the raw strings of a read request into a validated, normalized query. Cache keys are built only from
/// what this returns, so two spellings of one request share one entry and junk never reaches a key.
/// </summary>
public static class QueryValidator
{
    /// <summary>The largest page size a read accepts.</summary>
    public const int MaxCount = 100;

    /// <summary>The default page size of question and answer pages.</summary>
    public const int DefaultCount = 5;

    /// <summary>The default number of search results.</summary>
    public const int DefaultSearchCount = 10;

    /// <summary>The longest search text accepted, in characters.</summary>
    public const int MaxSearchLength = 150;

    /// <summary>The deepest page accepted; deeper pages cannot hold anything (a product has far fewer questions).</summary>
    public const int MaxPage = 100_000;

    /// <summary>
    /// Validates <c>GET /api/v1/products/{productId}/questions</c>: <c>page</c> or <c>cursor</c> (a <c>nextCursor</c> of the
    /// same sort and filter), <c>count</c>, <c>sort</c> and <c>answered</c>.
    /// </summary>
    public static QuestionPageQuery? QuestionPage(string? productId, string? page, string? count, string? sort, string? answered, string? cursor,
        FieldErrors errors)
    {
        var id = Id(productId, "productId", errors);
        var p = Page(page, errors);
        var c = Count(count, DefaultCount, errors);
        var s = Sort(sort, errors);
        bool? a = answered switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Invalid(errors, "answered", "answered must be 'true' or 'false', or left out for every question."),
        };
        KeysetCursor? after = null;
        if (cursor is not null && errors.IsEmpty)
        {
            if (page is not null)
            {
                errors.Add("cursor", "cursor and page exclude each other: a cursor says where its page starts.");
            }
            else if (KeysetCursor.TryDecode(cursor, QuestionPageQuery.Tag(s, a), out var decoded) && decoded.Version > 0)
            {
                after = decoded;
                p = (int)Math.Min(MaxPage, (decoded.Position / c) + 1L);
            }
            else
            {
                errors.Add("cursor", "cursor must be a nextCursor this list returned, with the same sort and answered filter.");
            }
        }

        return errors.IsEmpty ? new QuestionPageQuery(id, p, c, s, a, after) : null;
    }

    private static bool? Invalid(FieldErrors errors, string field, string message)
    {
        errors.Add(field, message);
        return null;
    }

    /// <summary>Validates <c>GET /api/v1/questions/{questionId}/answers</c>.</summary>
    public static AnswerPageQuery? AnswerPage(string? questionId, string? page, string? count, FieldErrors errors)
    {
        var id = Id(questionId, "questionId", errors);
        var p = Page(page, errors);
        var c = Count(count, DefaultCount, errors);
        return errors.IsEmpty ? new AnswerPageQuery(id, p, c) : null;
    }

    /// <summary>Validates <c>GET /api/v1/products/{productId}/questions/search</c>.</summary>
    public static QuestionSearchQuery? Search(string? productId, string? q, string? count, FieldErrors errors)
    {
        var id = Id(productId, "productId", errors);
        var c = Count(count, DefaultSearchCount, errors);
        var text = NormalizeSearchText(q);
        if (text.Length == 0)
        {
            errors.Add("q", "q is required: 1 to 150 characters of search text.");
        }
        else if (text.Length > MaxSearchLength)
        {
            errors.Add("q", $"q must be at most {MaxSearchLength} characters.");
        }
        else if (!TextRules.IsPrintable(text, allowLineBreaks: false))
        {
            errors.Add("q", "q must not contain control characters.");
        }

        return errors.IsEmpty ? new QuestionSearchQuery(id, text, c) : null;
    }

    /// <summary>The default page size of the moderation queue.</summary>
    public const int DefaultModerationLimit = 50;

    /// <summary>Validates <c>GET /api/v1/moderation/queue</c>: <c>kind</c> (question by default), <c>limit</c> and <c>cursor</c>.</summary>
    public static ModerationQueueQuery? ModerationQueue(string? kind, string? limit, string? cursor, FieldErrors errors)
    {
        var k = ModerationKind.Question;
        switch (kind)
        {
            case null or "question":
                break;
            case "answer":
                k = ModerationKind.Answer;
                break;
            default:
                errors.Add("kind", "kind must be 'question' or 'answer'.");
                break;
        }

        var l = Count(limit, DefaultModerationLimit, errors, "limit");
        KeysetCursor? after = null;
        if (cursor is not null)
        {
            if (KeysetCursor.TryDecode(cursor, ModerationQueueQuery.CursorTag(k), out var decoded))
            {
                after = decoded;
            }
            else
            {
                errors.Add("cursor", "cursor must be a nextCursor this queue returned, with the same kind.");
            }
        }

        return errors.IsEmpty ? new ModerationQueueQuery(k, l, after) : null;
    }

    /// <summary>Parses a positive 64-bit id; <paramref name="field"/> names it in the error.</summary>
    public static long Id(string? value, string field, FieldErrors errors)
    {
        if (TryParseId(value, out var id))
        {
            return id;
        }

        errors.Add(field, $"{field} must be a positive 64-bit integer.");
        return 0;
    }

    /// <summary>An id: a positive 64-bit integer in plain digits (no sign, spaces or separators).</summary>
    internal static bool TryParseId(ReadOnlySpan<char> value, out long id) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0;

    /// <summary>
    /// Search text as its cache key: lower-cased, with runs of white space collapsed to one space, and the sentence
    /// punctuation at the edges of each word (<c>? ! , . ; : ( ) [ ] { }</c>) removed, which PostgreSQL's
    /// <c>websearch_to_tsquery</c> reads as separators anyway; so <c>"Does it  float?"</c> and <c>"does it float"</c>
    /// share one entry. Quotes and a leading <c>-</c> are operators and stay.
    /// </summary>
    internal static string NormalizeSearchText(string? q)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return string.Empty;
        }

        var words = q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(word => word.Trim(SentencePunctuation))
            .Where(word => word.Length > 0);
        return string.Join(' ', words).ToLowerInvariant();
    }

    private static readonly char[] SentencePunctuation = ['?', '!', ',', '.', ';', ':', '(', ')', '[', ']', '{', '}'];

    private static int Page(string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return 1;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage)
        {
            return page;
        }

        errors.Add("page", $"page must be an integer from 1 to {MaxPage}.");
        return 0;
    }

    private static int Count(string? value, int defaultCount, FieldErrors errors, string field = "count")
    {
        if (value is null)
        {
            return defaultCount;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count is >= 1 and <= MaxCount)
        {
            return count;
        }

        errors.Add(field, $"{field} must be an integer from 1 to {MaxCount}.");
        return 0;
    }

    private static QuestionSort Sort(string? value, FieldErrors errors)
    {
        switch (value)
        {
            case null or "helpful":
                return QuestionSort.Helpful;
            case "newest":
                return QuestionSort.Newest;
            case "mostAnswered":
                return QuestionSort.MostAnswered;
            case "recentlyAnswered":
                return QuestionSort.RecentlyAnswered;
            default:
                errors.Add("sort", "sort must be 'helpful', 'newest', 'mostAnswered' or 'recentlyAnswered'.");
                return default;
        }
    }
}
