using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Core;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Model;
using Shazamazon.QA.Core.Operations;
using Shazamazon.QA.Core.Reads;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Q&amp;A core: the cached reads and their invalidation.</summary>
public static class QaCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Q&amp;A core: <see cref="IQaReader"/> over HybridCache (L1 in a size-bounded memory cache),
    /// <see cref="IQaInvalidator"/> and <see cref="IQaStatistics"/>; the source and Redis add their health checks. Binds <c>Qa:Cache</c> and
    /// <c>Qa:Coherence</c> from <paramref name="configuration"/> and validates them at start-up. Then choose where misses
    /// are filled from (<see cref="QaCoreBuilderExtensions.AddPostgresSource"/> or
    /// <see cref="QaCoreBuilderExtensions.AddSource{TSource}"/>) and, for a fleet, add Redis
    /// (<see cref="QaCoreBuilderExtensions.AddRedisL2"/>). Every service is registered with <c>TryAdd</c>, so a host may
    /// replace one by registering it first.
    /// </summary>
    public static IQaCoreBuilder AddQaCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddValidatedOptions<QaCacheOptions, QaCacheOptionsValidator>(configuration, QaCacheOptions.SectionName);
        services.AddValidatedOptions<CoherenceOptions, CoherenceOptionsValidator>(configuration, CoherenceOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LogSampler>();
        services.AddMetrics();

        // L1: HybridCache over a memory cache bounded by Qa:Cache:L1SizeLimitMegabytes, both configured from the validated
        // options when first resolved. HybridCache is L1 only (every entry option disables its distributed level): a
        // fill reads and writes L2 itself, where each entry is checked against its product's mark (Caching/RedisL2Cache).
        services.AddMemoryCache();
        services.AddOptions<MemoryCacheOptions>().Configure<IOptions<QaCacheOptions>>((memory, qa) =>
        {
            memory.SizeLimit = (long)qa.Value.L1SizeLimitMegabytes * 1024 * 1024;
            memory.TrackStatistics = true;
        });
        services.AddHybridCache();
        services.AddOptions<HybridCacheOptions>().Configure<IOptions<QaCacheOptions>>((hybrid, qa) =>
        {
            hybrid.MaximumPayloadBytes = qa.Value.MaximumPayloadBytes;
            hybrid.DefaultEntryOptions = new HybridCacheEntryOptions
            {
                Expiration = qa.Value.QuestionPages,
                LocalCacheExpiration = qa.Value.QuestionPages,
                Flags = HybridCacheEntryFlags.DisableDistributedCache,
            };
        });

        services.TryAddSingleton<ResponseRenderer>();
        services.TryAddSingleton<EntryPolicies>();
        services.TryAddSingleton<ReadMetrics>();
        services.TryAddSingleton<FillGate>();
        services.TryAddSingleton<NegativeEntries>();
        services.TryAddSingleton<PageExtents>();
        services.TryAddSingleton<QuestionWalks>();
        services.TryAddSingleton<IQaReader, QaReader>();

        services.TryAddSingleton<ProductVersions>();
        services.TryAddSingleton<CoherenceState>();
        services.TryAddSingleton<Staleness>();
        services.TryAddSingleton<InvalidationMetrics>();
        services.TryAddSingleton<CacheInvalidator>();
        services.TryAddSingleton<IQaInvalidator>(sp => sp.GetRequiredService<CacheInvalidator>());

        services.TryAddSingleton<IQaStatistics, QaStatistics>();
        return new QaCoreBuilder(services, configuration);
    }
}
