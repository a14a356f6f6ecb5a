using System.Globalization;

namespace Shazamazon.QA.Core.Model;

/// <summary>
/// What nodes tell each other about changes, and the one text grammar for it:
/// <list type="bullet">
/// <item><c>"&lt;product&gt;:&lt;version&gt;"</c>: a product changed (<see cref="InvalidationKind.Change"/>). PostgreSQL's
/// change triggers send this payload (migration 0002), and the <c>X-Qa-Version</c> header carries it;</item>
/// <item><c>"purge:&lt;product&gt;"</c>: an operator purged a product;</item>
/// <item><c>"*"</c>: flush everything;</item>
/// <item><c>"reset:&lt;unixMs&gt;"</c>: the database went back at that instant: flush everything and forget every
/// version known until then.</item>
/// </list>
/// Redis pub/sub, PostgreSQL notifications, the import's announcements and the version header all format and parse
/// through this type.
/// </summary>
public readonly record struct InvalidationMessage
{
    private const string FlushText = "*";
    private const string PurgePrefix = "purge:";
    private const string ResetPrefix = "reset:";

    private InvalidationMessage(InvalidationKind kind, long productId, long version, long resetAtUnixMs = 0) =>
        (Kind, ProductId, Version, _resetAtUnixMs) = (kind, productId, version, resetAtUnixMs);

    /// <summary>"Flush everything".</summary>
    public static InvalidationMessage Flush { get; } = new(InvalidationKind.Flush, 0, 0);

    /// <summary>What the message asks.</summary>
    public InvalidationKind Kind { get; }

    /// <summary>The product changed or purged; 0 for a flush.</summary>
    public long ProductId { get; }

    /// <summary>The product's version after a change; 0 otherwise.</summary>
    public long Version { get; }

    /// <summary>When the database was found to have gone back (Unix milliseconds), for a <see cref="InvalidationKind.Reset"/>; 0 otherwise.</summary>
    public long ResetAtUnixMs => Kind == InvalidationKind.Reset ? _resetAtUnixMs : 0;

    private readonly long _resetAtUnixMs;

    /// <summary>The change of a <see cref="InvalidationKind.Change"/> message.</summary>
    public ProductChange Change => new(ProductId, Version);

    /// <summary>A product changed.</summary>
    public static InvalidationMessage Changed(ProductChange change) => new(InvalidationKind.Change, change.ProductId, change.Version);

    /// <summary>An operator purged a product.</summary>
    public static InvalidationMessage Purged(long productId) => new(InvalidationKind.Purge, productId, 0);

    /// <summary>The database went back; found at <paramref name="atUnixMs"/>.</summary>
    public static InvalidationMessage Reset(long atUnixMs) => new(InvalidationKind.Reset, 0, 0, atUnixMs);

    /// <summary>The text form.</summary>
    public override string ToString() => Kind switch
    {
        InvalidationKind.Change => string.Create(CultureInfo.InvariantCulture, $"{ProductId}:{Version}"),
        InvalidationKind.Purge => string.Create(CultureInfo.InvariantCulture, $"{PurgePrefix}{ProductId}"),
        InvalidationKind.Reset => string.Create(CultureInfo.InvariantCulture, $"{ResetPrefix}{_resetAtUnixMs}"),
        _ => FlushText,
    };

    /// <summary>Parses the text form; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out InvalidationMessage message)
    {
        message = default;
        if (text.SequenceEqual(FlushText))
        {
            message = Flush;
            return true;
        }

        if (text.StartsWith(PurgePrefix, StringComparison.Ordinal))
        {
            if (!Number(text[PurgePrefix.Length..], out var purged))
            {
                return false;
            }

            message = Purged(purged);
            return true;
        }

        if (text.StartsWith(ResetPrefix, StringComparison.Ordinal))
        {
            if (!Number(text[ResetPrefix.Length..], out var at))
            {
                return false;
            }

            message = Reset(at);
            return true;
        }

        var separator = text.IndexOf(':');
        if (separator <= 0 || !Number(text[..separator], out var productId) || !Number(text[(separator + 1)..], out var version))
        {
            return false;
        }

        message = Changed(new ProductChange(productId, version));
        return true;
    }

    /// <summary>Parses a change's text form (the <c>X-Qa-Version</c> header); false for anything else.</summary>
    public static bool TryParseChange(ReadOnlySpan<char> text, out ProductChange change)
    {
        var parsed = TryParse(text, out var message) && message.Kind == InvalidationKind.Change;
        change = parsed ? message.Change : default;
        return parsed;
    }

    private static bool Number(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
