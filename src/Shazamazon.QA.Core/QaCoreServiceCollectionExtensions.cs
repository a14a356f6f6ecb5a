using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Coherence;
using Shazamazon.QA.Core.Data;
using Shazamazon.QA.Core.Data.Migrations;
using Shazamazon.QA.Core.Diagnostics;
using Shazamazon.QA.Core.Export;
using Shazamazon.QA.Core.Import;
using Shazamazon.QA.Core.Reads;
using Shazamazon.QA.Core.Seeding;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.Core.Writes;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Q&amp;A core: the two-level cache and its coherence, reads, and (with a database) writes, migrations, the seeder, import and export.</summary>
public static class QaCoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Q&amp;A core. Reads <c>Qa:Source</c> (<c>Database</c>, the default, or <c>Origin</c>), <c>ConnectionStrings:Postgres</c>
    /// (required with <c>Database</c>), <c>ConnectionStrings:Redis</c> (optional: without it the cache is L1 only),
    /// <c>Qa:Cache</c> and <c>Qa:Coherence</c> (validated at start-up). With <c>Origin</c>, the host registers the
    /// <see cref="IQaSource"/> that reaches the origin.
    /// </summary>
    public static IServiceCollection AddQaCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<QaCacheOptions>().Bind(configuration.GetSection(QaCacheOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QaCacheOptions>, QaCacheOptionsValidator>());
        services.AddOptions<CoherenceOptions>().Bind(configuration.GetSection(CoherenceOptions.SectionName))
            .Validate(o => o.MaxStalenessWhileDisconnected > TimeSpan.Zero && o.MaxStalenessWhileDisconnected <= TimeSpan.FromHours(1),
                $"{CoherenceOptions.SectionName}:MaxStalenessWhileDisconnected must be above 00:00:00 and at most 01:00:00, e.g. 00:00:05.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<QaMetrics>();

        var cacheOptions = configuration.GetSection(QaCacheOptions.SectionName).Get<QaCacheOptions>() ?? new QaCacheOptions();
        services.AddMemoryCache(o =>
        {
            o.SizeLimit = (long)cacheOptions.L1SizeLimitMegabytes * 1024 * 1024;
            o.TrackStatistics = true;
        });
        var redis = configuration.GetConnectionString("Redis");
        if (!string.IsNullOrWhiteSpace(redis))
        {
            services.TryAddSingleton<IConnectionMultiplexer>(_ => ConnectRedis(redis, cacheOptions.RedisTimeout));
            services.TryAddSingleton<RedisL2Cache>();
            services.TryAddSingleton<IDistributedCache>(sp => sp.GetRequiredService<RedisL2Cache>());
            services.TryAddSingleton<InvalidationBus>();
            services.AddHostedService(sp => sp.GetRequiredService<InvalidationBus>());
        }

        services.AddHybridCache(o =>
        {
            o.MaximumPayloadBytes = cacheOptions.MaximumPayloadBytes;
            o.DefaultEntryOptions = new HybridCacheEntryOptions { Expiration = cacheOptions.QuestionPages, LocalCacheExpiration = cacheOptions.QuestionPages };
        }).AddSerializer<CachedResponse, CachedResponseSerializer>();

        services.TryAddSingleton<ResponseRenderer>();
        services.TryAddSingleton<EntryPolicies>();
        services.TryAddSingleton<ProductVersions>();
        services.TryAddSingleton<CoherenceState>();
        services.TryAddSingleton(sp => new CacheInvalidator(sp.GetRequiredService<ProductVersions>(), sp.GetService<RedisL2Cache>(), sp.GetService<InvalidationBus>()));
        services.TryAddSingleton(sp => new QaReader(
            sp.GetRequiredService<HybridCache>(), sp.GetRequiredService<IQaSource>(), sp.GetRequiredService<ResponseRenderer>(),
            sp.GetRequiredService<EntryPolicies>(), sp.GetRequiredService<ProductVersions>(), sp.GetRequiredService<CoherenceState>(),
            sp.GetRequiredService<QaMetrics>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QaReader>>(),
            sp.GetService<RedisL2Cache>()));

        services.TryAddSingleton(sp => new QaStatistics(sp.GetRequiredService<Microsoft.Extensions.Caching.Memory.IMemoryCache>(),
            sp.GetRequiredService<ProductVersions>(), sp.GetRequiredService<CoherenceState>(), sp.GetRequiredService<QaMetrics>(), sp.GetService<RedisL2Cache>()));
        services.TryAddSingleton(sp => new QaInvalidator(sp.GetRequiredService<CacheInvalidator>()));
        services.TryAddSingleton(sp => new QaHealth(sp.GetService<NpgsqlDataSource>(), sp.GetService<RedisL2Cache>()));

        if (QaSourceConfiguration.Get(configuration) == QaSourceKind.Database)
        {
            AddDatabase(services, configuration);
        }

        return services;
    }

    private static void AddDatabase(IServiceCollection services, IConfiguration configuration)
    {
        var postgres = configuration.GetConnectionString("Postgres");
        if (string.IsNullOrWhiteSpace(postgres))
        {
            throw new InvalidOperationException(
                "ConnectionStrings:Postgres is not set. Set it in appsettings.json or the environment " +
                "(ConnectionStrings__Postgres=\"Host=127.0.0.1;Port=5432;Database=qa;Username=qa\"), or set Qa:Source=Origin.");
        }

        services.TryAddSingleton(_ => QaDataSource.Create(postgres));
        services.TryAddSingleton<IQaSource, DatabaseSource>();
        services.TryAddSingleton(sp => new QaWriter(sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<CacheInvalidator>()));
        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<DataSeeder>();
        services.TryAddSingleton<QaImporter>();
        services.TryAddSingleton<QaExporter>();
        services.AddHostedService<DatabaseChangeListener>();
    }

    private static ConnectionMultiplexer ConnectRedis(string connectionString, TimeSpan timeout)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AbortOnConnectFail = false;             // start (and keep serving) while Redis is down; reconnect in the background
        options.BacklogPolicy = BacklogPolicy.FailFast; // while disconnected, commands fail at once instead of queueing
        options.AsyncTimeout = Math.Max(1, (int)timeout.TotalMilliseconds);
        options.SyncTimeout = options.AsyncTimeout;
        options.ConnectTimeout = Math.Min(options.ConnectTimeout, 2000);
        options.ClientName ??= "QaEdge";
        return ConnectionMultiplexer.Connect(options);
    }
}
