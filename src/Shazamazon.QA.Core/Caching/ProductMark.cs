using System.Globalization;
using StackExchange.Redis;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// A product's mark in Redis (<see cref="CacheKeys.ProductMark"/>), stored as
/// <c>"&lt;version&gt;:&lt;purgedAtUnixMs&gt;:&lt;markedAtUnixMs&gt;"</c>: its highest written version, its last purge, and when
/// it was last raised (a mark raised before the database went back is ignored: its version is of the old database). A write raises the mark with one single-key command instead of deleting
/// the product's entries, so invalidating costs the same however many keys a product has, and an L2 entry is current
/// only while the mark exists and does not supersede it. The mark is read with every L2 read of its product, so under
/// LRU memory eviction it is at least as recently used as the entries it judges; when eviction takes it all the same, its
/// product's entries are misses until a fill sets a new one, never current again.
/// </summary>
internal readonly record struct ProductMark(long Version, long PurgedAtUnixMs, long MarkedAtUnixMs)
{
    /// <summary>True when an entry of <paramref name="version"/> rendered at <paramref name="renderedAtUnixMs"/> is out of date.</summary>
    public bool Supersedes(long version, long renderedAtUnixMs) => version < Version || renderedAtUnixMs <= PurgedAtUnixMs;

    /// <summary>Reads a stored mark; false (and no mark) when the key is absent or holds something else.</summary>
    public static bool TryParse(RedisValue value, out ProductMark mark)
    {
        mark = default;
        if (value.IsNull)
        {
            return false;
        }

        var text = ((string?)value).AsSpan();
        Span<Range> parts = stackalloc Range[4];
        if (text.Split(parts, ':') != 3
            || !long.TryParse(text[parts[0]], NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            || !long.TryParse(text[parts[1]], NumberStyles.None, CultureInfo.InvariantCulture, out var purgedAt)
            || !long.TryParse(text[parts[2]], NumberStyles.None, CultureInfo.InvariantCulture, out var markedAt))
        {
            return false;
        }

        mark = new ProductMark(version, purgedAt, markedAt);
        return true;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Version}:{PurgedAtUnixMs}:{MarkedAtUnixMs}");
}
