using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Model;

namespace Shazamazon.QA.HotPath;

/// <summary>
/// The L2 round trip against a real Redis (<c>QA_REDIS</c>, default <c>127.0.0.1:6379</c>) through <c>RedisL2Cache</c>
/// as a fill calls it: one GET of a rendered page's entry with its product's mark (pipelined, one round trip), and one
/// SET.
/// </summary>
[MemoryDiagnoser]
public class L2RoundTripBenchmarks
{
    private static readonly string Key = CacheKeys.QuestionPage(SamplePage.Query);
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);
    private ServiceProvider _services = null!;
    private RedisL2Cache _l2 = null!;
    private CachedResponse _entry = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddQaCore(new ConfigurationBuilder().Build()).AddSource<SamplePage>().AddRedisL2(Environment.GetEnvironmentVariable("QA_REDIS") ?? "127.0.0.1:6379");
        _services = services.BuildServiceProvider();
        _l2 = _services.GetRequiredService<RedisL2Cache>();
        _entry = SamplePage.Render(_services.GetRequiredService<ResponseRenderer>());
        await _l2.SetAsync(Key, _entry, Expiry, CancellationToken.None);
        await _l2.MarkChangedAsync(SamplePage.ProductId, SamplePage.Read.Version, CancellationToken.None);
        if (await _l2.GetAsync(Key, CancellationToken.None) is null)
        {
            throw new InvalidOperationException("Redis did not answer: start it (source scripts/servers.sh && qa_start_redis) or set QA_REDIS.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Description = "L2 GET with the product's mark (Redis round trip)")]
    public async Task<int> Get() => (await _l2.GetAsync(Key, CancellationToken.None))?.Json.Length ?? 0;

    [Benchmark(Description = "L2 SET (Redis round trip)")]
    public Task Set() => _l2.SetAsync(Key, _entry, Expiry, CancellationToken.None);
}
