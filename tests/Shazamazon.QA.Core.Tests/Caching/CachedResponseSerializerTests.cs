using System.Buffers;
using MessagePack;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.Core.Tests.Caching;

public sealed class CachedResponseSerializerTests
{
    [Fact]
    public void RoundTrip_KeepsEveryFieldAndMarksTheCopyAsFromL2()
    {
        var original = new CachedResponse(200, 42, 7, 1_700_000_000_000, "W/\"abc\"", "{\"a\":1}"u8.ToArray(), new byte[] { 0x81, 0xa1, 0x61, 0x01 }, CacheOutcome.Miss);
        var buffer = new ArrayBufferWriter<byte>();
        CachedResponseSerializer.Serialize(original, buffer);

        var copy = CachedResponseSerializer.Deserialize(new ReadOnlySequence<byte>(buffer.WrittenMemory));

        Assert.Equal((200, 42L, 7L, 1_700_000_000_000L, "W/\"abc\""), (copy.StatusCode, copy.ProductId, copy.Version, copy.RenderedAtUnixMs, copy.ETag));
        Assert.Equal(original.Json.ToArray(), copy.Json.ToArray());
        Assert.Equal(original.MessagePack.ToArray(), copy.MessagePack.ToArray());
        Assert.Equal(CacheOutcome.HitL2, copy.ClaimOutcome());
        Assert.Equal(CacheOutcome.HitL1, copy.ClaimOutcome());
    }

    [Fact]
    public void Deserialize_OtherFormat_Throws()
    {
        var bytes = MessagePackSerializer.Serialize(new object[] { 99, 1 });
        Assert.Throws<MessagePackSerializationException>(() => CachedResponseSerializer.Deserialize(new ReadOnlySequence<byte>(bytes)));
    }

    [Fact]
    public void ClaimOutcome_OfAFill_IsMissOnceThenL1()
    {
        var filled = new CachedResponse(200, 1, 1, 0, "W/\"x\"", ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty, CacheOutcome.Miss);
        Assert.Equal(CacheOutcome.Miss, filled.ClaimOutcome());
        Assert.Equal(CacheOutcome.HitL1, filled.ClaimOutcome());
    }
}
