using System.Buffers;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shazamazon.QA.Core.Caching;

namespace Shazamazon.QA.HotPath;

/// <summary>
/// The L2 round trip against a real Redis (<c>QA_REDIS</c>, default <c>127.0.0.1:6379</c>): one GET of a rendered
/// page's entry into a reused buffer, and one SET, through <c>RedisL2Cache</c> as HybridCache calls it.
/// </summary>
[MemoryDiagnoser]
public class L2RoundTripBenchmarks
{
    private const string Key = "qa:v1:bench:l2";
    private readonly ArrayBufferWriter<byte> _buffer = new(8192);
    private readonly DistributedCacheEntryOptions _options = new() { AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5) };
    private ServiceProvider _services = null!;
    private RedisL2Cache _l2 = null!;
    private ReadOnlySequence<byte> _entry;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddQaCore(new ConfigurationBuilder().Build()).AddSource<SamplePage>().AddRedisL2(Environment.GetEnvironmentVariable("QA_REDIS") ?? "127.0.0.1:6379");
        _services = services.BuildServiceProvider();
        _l2 = _services.GetRequiredService<RedisL2Cache>();
        _entry = SamplePage.Entry(SamplePage.Render(_services.GetRequiredService<ResponseRenderer>()));
        await _l2.SetAsync(Key, _entry, _options);
        if (!await _l2.TryGetAsync(Key, _buffer))
        {
            throw new InvalidOperationException("Redis did not answer: start it (source scripts/servers.sh && qa_start_redis) or set QA_REDIS.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "L2 GET (Redis round trip)")]
    public async Task<int> Get()
    {
        _buffer.ResetWrittenCount();
        await _l2.TryGetAsync(Key, _buffer);
        return _buffer.WrittenCount;
    }

    [Benchmark(Description = "L2 SET (Redis round trip)")]
    public ValueTask Set() => _l2.SetAsync(Key, _entry, _options);
}
