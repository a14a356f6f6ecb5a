using System.Buffers.Binary;
using System.Buffers.Text;

namespace Shazamazon.QA.Core.Model;

/// <summary>
/// Where a page of a walk ends. A tag names the order it belongs to (a queue, a sort and filter), so a cursor handed to
/// another order is refused rather than misread. A page walk also names the product version its order was taken at and
/// how many items of that order came before the next page, so the next page comes from the same order however votes
/// reorder the list meanwhile; the last item's sort key and id carry the walk on by keyset when that order is gone. On
/// the wire it is opaque: 30 bytes (format, tag, key, id, version, position) in unpadded base64url, 40 characters.
/// </summary>
/// <param name="Tag">The order this cursor walks.</param>
/// <param name="Key">The last item's sort key (a count, or a time in ticks).</param>
/// <param name="Id">The last item's id, which breaks ties.</param>
/// <param name="Version">The product version of the walk's order; 0 when the walk has none (the moderation queue).</param>
/// <param name="Position">How many items of that order came before the next page.</param>
public readonly record struct KeysetCursor(byte Tag, long Key, long Id, long Version = 0, int Position = 0)
{
    private const byte Format = 1;
    private const int Bytes = 30;

    /// <summary>The length of the wire form.</summary>
    public const int TextLength = 40;

    /// <summary>The wire form.</summary>
    public string Encode()
    {
        Span<byte> raw = stackalloc byte[Bytes];
        raw[0] = Format;
        raw[1] = Tag;
        BinaryPrimitives.WriteInt64BigEndian(raw[2..], Key);
        BinaryPrimitives.WriteInt64BigEndian(raw[10..], Id);
        BinaryPrimitives.WriteInt64BigEndian(raw[18..], Version);
        BinaryPrimitives.WriteInt32BigEndian(raw[26..], Position);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>Reads a wire form; false when <paramref name="text"/> is not one this build wrote, or walks another order than <paramref name="tag"/>.</summary>
    public static bool TryDecode(string? text, byte tag, out KeysetCursor cursor)
    {
        cursor = default;
        Span<byte> raw = stackalloc byte[Bytes];
        if (text is not { Length: TextLength } || !Base64Url.TryDecodeFromChars(text, raw, out var written) || written != Bytes
            || raw[0] != Format || raw[1] != tag)
        {
            return false;
        }

        cursor = new KeysetCursor(tag, BinaryPrimitives.ReadInt64BigEndian(raw[2..]), BinaryPrimitives.ReadInt64BigEndian(raw[10..]),
            BinaryPrimitives.ReadInt64BigEndian(raw[18..]), BinaryPrimitives.ReadInt32BigEndian(raw[26..]));
        return cursor is { Id: > 0, Version: >= 0, Position: >= 0 };
    }
}
