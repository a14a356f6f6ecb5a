using System.Buffers;
using MessagePack;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// The L2 (Redis) form of a <see cref="CachedResponse"/>: one MessagePack array holding the pre-rendered bodies, so an
/// L2 hit copies bytes and renders nothing. Its first fields (product, version, rendering time) are what an L2 read
/// checks against the product's mark (<see cref="TryReadHeader"/>).
/// </summary>
internal static class CachedResponseSerializer
{
    private const int FormatVersion = 1;
    private const int Fields = 8;

    public static void Serialize(CachedResponse value, IBufferWriter<byte> target)
    {
        var writer = new MessagePackWriter(target);
        writer.WriteArrayHeader(Fields);
        writer.Write(FormatVersion);
        writer.Write(value.StatusCode);
        writer.Write(value.ProductId);
        writer.Write(value.Version);
        writer.Write(value.RenderedAtUnixMs);
        writer.Write(value.ETag);
        writer.Write(value.Json.Span);
        writer.Write(value.MessagePack.Span);
        writer.Flush();
    }

    public static CachedResponse Deserialize(ReadOnlySequence<byte> source)
    {
        var reader = new MessagePackReader(source);
        if (reader.ReadArrayHeader() != Fields || reader.ReadInt32() != FormatVersion)
        {
            // An entry written by another format version: the L2 read treats the failure as a miss, and the fill overwrites it.
            throw new MessagePackSerializationException("Unknown cached response format.");
        }

        var status = reader.ReadInt32();
        var productId = reader.ReadInt64();
        var version = reader.ReadInt64();
        var renderedAt = reader.ReadInt64();
        var eTag = reader.ReadString() ?? throw new MessagePackSerializationException("Cached response without ETag.");
        var json = ReadBytes(ref reader);
        var messagePack = ReadBytes(ref reader);
        return new CachedResponse(status, productId, version, renderedAt, eTag, json, messagePack, CacheOutcome.HitL2);
    }

    /// <summary>
    /// Reads only what an L2 read checks against its product's mark, without copying the bodies; false for bytes of
    /// another format (then the entry is not current).
    /// </summary>
    public static bool TryReadHeader(ReadOnlyMemory<byte> bytes, out long productId, out long version, out long renderedAtUnixMs)
    {
        (productId, version, renderedAtUnixMs) = (0, 0, 0);
        try
        {
            var reader = new MessagePackReader(bytes);
            if (reader.ReadArrayHeader() != Fields || reader.ReadInt32() != FormatVersion)
            {
                return false;
            }

            reader.Skip(); // status
            productId = reader.ReadInt64();
            version = reader.ReadInt64();
            renderedAtUnixMs = reader.ReadInt64();
            return true;
        }
        catch (MessagePackSerializationException)
        {
            return false;
        }
        catch (EndOfStreamException)
        {
            return false;
        }
    }

    private static byte[] ReadBytes(ref MessagePackReader reader) =>
        reader.ReadBytes() is { } bytes ? bytes.ToArray() : [];
}
