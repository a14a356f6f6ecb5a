using System.Globalization;

namespace Shazamazon.QA.Core.Writes;

/// <summary>
/// A product's version after a change: what every tier needs to evict its older copies. Written as
/// <c>"&lt;product&gt;:&lt;version&gt;"</c> on the wire (PostgreSQL notifications, Redis pub/sub, the <c>X-Qa-Version</c> header).
/// </summary>
/// <param name="ProductId">The product whose Q&amp;A changed.</param>
/// <param name="Version">Its version after the change.</param>
public readonly record struct ProductChange(long ProductId, long Version)
{
    /// <summary>The wire form, <c>"&lt;product&gt;:&lt;version&gt;"</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{ProductId}:{Version}");

    /// <summary>Parses the wire form; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out ProductChange change)
    {
        change = default;
        var separator = text.IndexOf(':');
        if (separator <= 0
            || !long.TryParse(text[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var productId)
            || !long.TryParse(text[(separator + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        change = new ProductChange(productId, version);
        return true;
    }
}
