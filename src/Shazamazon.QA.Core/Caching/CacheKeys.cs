using System.Globalization;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// Cache keys, built only from validated and normalized queries (never from raw request text), versioned by a prefix so
/// a format change never reads an old entry. The read paths take keys from <see cref="CacheKeyTable{TQuery}"/>s, so a hot
/// entry's key is built once.
/// <para>
/// Every key carries a Redis Cluster hash tag right after the prefix: <c>{p&lt;product&gt;}</c> for a product's reads,
/// <c>{q&lt;question&gt;}</c> for a question's answers (the request names no product). A product's entries and its
/// <see cref="ProductMark"/> share a slot, so an L2 read fetches both from one shard in one round trip.
/// </para>
/// </summary>
internal static class CacheKeys
{
    public const string Prefix = "qa:v2:";

    /// <summary>The global flush instant (Unix milliseconds): entries rendered before it are stale on every node.</summary>
    public const string Flushed = Prefix + "flushed";

    /// <summary>The last time the database went back (Unix milliseconds): product marks raised before it are ignored.</summary>
    public const string Reset = Prefix + "reset";

    /// <summary>The database epoch (system identifier and timeline of the primary) the fleet last saw.</summary>
    public const string Epoch = Prefix + "epoch";

    private const string ProductTagStart = Prefix + "{p";

    // Sort and filter in one field (h, n, m, r; then + answered, - unanswered), then the page by number, or the cursor.
    public static string QuestionPage(QuestionPageQuery query) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{{p{query.ProductId}}}:pq:{SortField(query)}:{(query.After is { } after ? "c" + after.Encode() : query.Page)}:{query.Count}");

    private static string SortField(QuestionPageQuery query) => (query.Sort, query.Answered) switch
    {
        (QuestionSort.Helpful, null) => "h",
        (QuestionSort.Newest, null) => "n",
        _ => string.Concat(query.Sort switch { QuestionSort.Newest => "n", QuestionSort.MostAnswered => "m", QuestionSort.RecentlyAnswered => "r", _ => "h" },
            query.Answered switch { true => "+", false => "-", null => "" }),
    };

    /// <summary>The order of a product's list at one version (ids), which cursors walk: immutable, so never stale.</summary>
    public static string QuestionWalk(long productId, byte tag, long version) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{{p{productId}}}:wk:{tag}:{version}");

    public static string AnswerPage(AnswerPageQuery query) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{{q{query.QuestionId}}}:qa:{query.Page}:{query.Count}");

    public static string QuestionCount(long productId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{{p{productId}}}:pc");

    public static string QuestionStats(long productId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{{p{productId}}}:st");

    public static string LegacyItem(long productId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{{p{productId}}}:li");

    // The normalized text goes last, so no content of it can be mistaken for another field (or for the hash tag: Redis
    // takes the first pair of braces).
    public static string Search(QuestionSearchQuery query) => string.Create(CultureInfo.InvariantCulture,
        $"{Prefix}{{p{query.ProductId}}}:ps:{query.Count}:{query.Text}");

    /// <summary>The key of the product's mark in Redis: its last version and purge, which every L2 entry is checked against.</summary>
    public static string ProductMark(long productId) => string.Create(CultureInfo.InvariantCulture, $"{Prefix}{{p{productId}}}:m");

    /// <summary>The mark key of the product <paramref name="key"/> belongs to, when its hash tag names one (not answer pages).</summary>
    public static bool TryGetProductMark(string key, out string markKey)
    {
        if (key.StartsWith(ProductTagStart, StringComparison.Ordinal) && key.IndexOf('}', ProductTagStart.Length) is var end and > 0)
        {
            markKey = string.Concat(key.AsSpan(0, end + 1), ":m");
            return true;
        }

        markKey = string.Empty;
        return false;
    }
}
