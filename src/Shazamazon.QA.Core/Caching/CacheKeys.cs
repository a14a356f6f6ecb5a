using System.Globalization;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Cache keys, built only from validated and normalized queries (never from raw request text), versioned by a prefix so
/// a format change never reads an old entry. The read paths take keys from <see cref="CacheKeyTable{TQuery}"/>s, so a hot
/// entry's key is built once.
/// </summary>
internal static class CacheKeys
{
    public const string Prefix = "qa:v1:";

    public static string QuestionPage(QuestionPageQuery query) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}pq:{query.ProductId}:{(query.Sort == QuestionSort.Newest ? "n" : "h")}:{query.Page}:{query.Count}");

    public static string AnswerPage(AnswerPageQuery query) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}qa:{query.QuestionId}:{query.Page}:{query.Count}");

    public static string QuestionCount(long productId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}pc:{productId}");

    public static string LegacyItem(long productId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}li:{productId}");

    // The normalized text goes last, so no content of it can be mistaken for another field.
    public static string Search(QuestionSearchQuery query) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}ps:{query.ProductId}:{query.Count}:{query.Text}");
}
