using System.Buffers.Binary;
using System.Buffers.Text;

namespace Shazamazon.QA.Core.Model;

/// <summary>
/// Where a keyset page ends: the last row's sort key and id, and a tag naming the order it belongs to (a queue, a sort
/// and filter), so a cursor handed to another order is refused rather than misread. On the wire it is opaque: 18 bytes
/// (format, tag, key, id) in unpadded base64url, 24 characters.
/// </summary>
/// <param name="Tag">The order this cursor walks.</param>
/// <param name="Key">The last row's sort key (a count, or a time in ticks).</param>
/// <param name="Id">The last row's id, which breaks ties.</param>
public readonly record struct KeysetCursor(byte Tag, long Key, long Id)
{
    private const byte Format = 1;
    private const int Bytes = 18;

    /// <summary>The wire form.</summary>
    public string Encode()
    {
        Span<byte> raw = stackalloc byte[Bytes];
        raw[0] = Format;
        raw[1] = Tag;
        BinaryPrimitives.WriteInt64BigEndian(raw[2..], Key);
        BinaryPrimitives.WriteInt64BigEndian(raw[10..], Id);
        return Base64Url.EncodeToString(raw);
    }

    /// <summary>Reads a wire form; false when <paramref name="text"/> is not one this build wrote, or walks another order than <paramref name="tag"/>.</summary>
    public static bool TryDecode(string? text, byte tag, out KeysetCursor cursor)
    {
        cursor = default;
        Span<byte> raw = stackalloc byte[Bytes];
        if (text is not { Length: 24 } || !Base64Url.TryDecodeFromChars(text, raw, out var written) || written != Bytes
            || raw[0] != Format || raw[1] != tag)
        {
            return false;
        }

        cursor = new KeysetCursor(tag, BinaryPrimitives.ReadInt64BigEndian(raw[2..]), BinaryPrimitives.ReadInt64BigEndian(raw[10..]));
        return cursor.Id > 0;
    }
}
