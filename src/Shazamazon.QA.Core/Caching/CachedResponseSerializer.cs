using System.Buffers;
using MessagePack;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// The L2 (Redis) form of a <see cref="CachedResponse"/>: one MessagePack array holding the pre-rendered bodies, so an
/// L2 hit copies bytes and renders nothing. An L2 read checks the entry's product, version and rendering time against
/// the product's mark.
/// </summary>
internal static class CachedResponseSerializer
{
    private const int FormatVersion = 2;
    private const int Fields = 9;

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
        writer.Write(value.IsEmpty);
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
        var isEmpty = reader.ReadBoolean();
        return new CachedResponse(status, productId, version, renderedAt, eTag, json, messagePack, CacheOutcome.HitL2, isEmpty);
    }

    private static byte[] ReadBytes(ref MessagePackReader reader) =>
        reader.ReadBytes() is { } bytes ? bytes.ToArray() : [];
}
