using System.ComponentModel;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using ZiggyCreatures.Caching.Fusion;

namespace Shazamazon.QA.CacheBench;

/// <summary>
/// The edge's hot path: an L1 hit of a pre-rendered entry, through each candidate library, with per-call entry
/// options as the edge passes them (TTL from configuration). The entry stands in for CachedResponse: sealed,
/// immutable, holding bytes.
/// </summary>
[MemoryDiagnoser]
public class HotHitBenchmarks
{
    private const string Key = "qa:v2:{p42}:pq:h:1:5";
    private static readonly Entry Value = new(new byte[1700], new byte[1300], "W/\"0123456789abcdef\"");
    private readonly HybridCacheEntryOptions _hybridOptions = new() { Expiration = TimeSpan.FromHours(1), LocalCacheExpiration = TimeSpan.FromHours(1) };
    private readonly FusionCacheEntryOptions _fusionOptions = new() { Duration = TimeSpan.FromHours(1), IsFailSafeEnabled = true, FailSafeMaxDuration = TimeSpan.FromHours(2) };
    private ServiceProvider _services = null!;
    private ServiceProvider _fusionServices = null!;
    private HybridCache _hybrid = null!;
    private FusionCache _fusion = null!;
    private HybridCache _fusionAsHybrid = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _hybrid = _services.GetRequiredService<HybridCache>();
        _fusion = new FusionCache(new FusionCacheOptions());
        _fusionServices = new ServiceCollection().AddFusionCache().AsHybridCache().Services.BuildServiceProvider();
        _fusionAsHybrid = _fusionServices.GetRequiredService<HybridCache>();

        await _hybrid.GetOrCreateAsync(Key, _ => ValueTask.FromResult(Value), _hybridOptions);
        await _fusion.GetOrSetAsync<Entry>(Key, _ => Task.FromResult(Value), _fusionOptions);
        await _fusionAsHybrid.GetOrCreateAsync(Key, _ => ValueTask.FromResult(Value), _hybridOptions);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _fusionServices.Dispose();
        _fusion.Dispose();
    }

    [Benchmark(Baseline = true, Description = "HybridCache 10.11 (immutable type)")]
    public ValueTask<Entry> Hybrid() => _hybrid.GetOrCreateAsync(Key, static _ => ValueTask.FromResult(Value), _hybridOptions);

    [Benchmark(Description = "FusionCache 2.9 GetOrSetAsync (fail-safe on)")]
    public ValueTask<Entry> Fusion() => _fusion.GetOrSetAsync<Entry>(Key, static (_, _) => Task.FromResult(Value), _fusionOptions);

    [Benchmark(Description = "FusionCache 2.9 as HybridCache")]
    public ValueTask<Entry> FusionAsHybrid() => _fusionAsHybrid.GetOrCreateAsync(Key, static _ => ValueTask.FromResult(Value), _hybridOptions);
}

[ImmutableObject(true)]
public sealed record Entry(byte[] Json, byte[] MessagePack, string ETag);
