using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using MessagePack;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.HotPath;

/// <summary>
/// The serializers: rendering a page at fill time (JSON and MessagePack wire bodies), and the L2 entry format
/// (<c>CachedResponseSerializer</c>) both ways, as a fill runs it on every L2 write and L2 hit.
/// </summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private readonly ResponseRenderer _renderer = new(TimeProvider.System);
    private CachedResponse _response = null!;
    private ReadOnlySequence<byte> _entry;

    [GlobalSetup]
    public void Setup()
    {
        _response = SamplePage.Render(_renderer);
        _entry = SamplePage.Entry(_response);
    }

    [Benchmark(Description = "page -> MessagePack wire body")]
    public byte[] WireMessagePack() => MessagePackSerializer.Serialize(SamplePage.Page, QaWireFormat.MessagePack);

    [Benchmark(Description = "page -> JSON wire body")]
    public byte[] WireJson() => JsonSerializer.SerializeToUtf8Bytes(SamplePage.Page, QaWireFormat.Json.ProductQuestionsPage);

    [Benchmark(Description = "fill render (JSON + MessagePack + ETag)")]
    public CachedResponse Render() => SamplePage.Render(_renderer);

    [Benchmark(Description = "L2 entry: serialize")]
    public int EntrySerialize()
    {
        _buffer.ResetWrittenCount();
        CachedResponseSerializer.Serialize(_response, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "L2 entry: deserialize")]
    public CachedResponse EntryDeserialize() => CachedResponseSerializer.Deserialize(_entry);
}
