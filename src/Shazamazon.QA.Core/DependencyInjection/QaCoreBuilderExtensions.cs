using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Npgsql;
using Shazamazon.QA.Core.Caching;
using Shazamazon.QA.Core.Data;
using Shazamazon.QA.Core.Data.Migrations;
using Shazamazon.QA.Core.Invalidation;
using Shazamazon.QA.Core.Moderation;
using Shazamazon.QA.Core.Webhooks;
using Shazamazon.QA.Core.Operations;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.Core.Writes;
using StackExchange.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The choices of an <see cref="IQaCoreBuilder"/>: the source of misses, and Redis.</summary>
public static class QaCoreBuilderExtensions
{
    // A health check that has not answered by then reports its failure status.
    private static readonly TimeSpan HealthCheckBudget = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Fills misses from PostgreSQL and serves writes: registers the <see cref="NpgsqlDataSource"/> of the primary (with
    /// the settings the queries are written for, where the connection string leaves them unset; in a pool of
    /// <c>Qa:Database:PrimaryPoolSize</c> apart from the misses', which the connection string sizes), the source,
    /// <see cref="IQaWriter"/>, <see cref="IQaModerator"/> (binding and validating <c>Qa:Moderation</c>), the webhook delivery
    /// from the outbox (<c>Qa:Webhooks</c>) and <see cref="IQaWebhooks"/>, <see cref="DatabaseMigrator"/> (run at start with <c>Qa:Database:MigrateOnStart</c>), the
    /// listener that evicts what other systems change (<c>Qa:Coherence:ListenToDatabase</c>), and the health check
    /// <c>postgres</c>. A connection string naming several hosts (<c>Host=db1:5432,db2:5433</c>) adds read replicas:
    /// misses read from a standby, and the degraded check <c>postgres-primary</c> reports the primary. Binds and
    /// validates <c>Qa:Database</c>.
    /// </summary>
    public static IQaCoreBuilder AddPostgresSource(this IQaCoreBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var services = builder.Services;
        services.AddValidatedOptions<DatabaseOptions, DatabaseOptionsValidator>(builder.Configuration, DatabaseOptions.SectionName);
        services.TryAddSingleton(_ =>
        {
            // Hosted services that use the database are built before start-up validation runs, so the pools' settings
            // are read here as configured, the defaults standing in for invalid ones: validation then stops the host,
            // naming every bad key of every section at once.
            var configured = builder.Configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
            var options = new DatabaseOptionsValidator().Validate(null, configured).Succeeded ? configured : new DatabaseOptions();
            return new QaDatabase(connectionString, options.PrimaryPoolSize, options.ReadTimeout);
        });
        services.TryAddSingleton(sp => sp.GetRequiredService<QaDatabase>().Primary);
        services.TryAddSingleton<DatabaseSource>();
        services.TryAddSingleton<IQaSource>(sp => sp.GetRequiredService<DatabaseSource>());
        services.AddValidatedOptions<ModerationOptions, ModerationOptionsValidator>(builder.Configuration, ModerationOptions.SectionName);
        services.TryAddSingleton<ProductWrite>();
        services.TryAddSingleton<IQaWriter, QaWriter>();
        services.TryAddSingleton<IQaModerator, QaModerator>();
        services.AddValidatedOptions<WebhookOptions, WebhookOptionsValidator>(builder.Configuration, WebhookOptions.SectionName);
        services.TryAddSingleton<WebhookOutbox>();
        services.TryAddSingleton<IQaWebhooks>(sp => sp.GetRequiredService<WebhookOutbox>());
        services.TryAddSingleton<WebhookMetrics>();
        services.AddHttpClient(WebhookDispatcher.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false });
        services.TryAddSingleton<ChangeLogSignal>();
        services.TryAddSingleton<DatabaseMigrator>();
        services.AddHostedService<MigrateOnStart>();
        services.AddHostedService<DatabaseChangeListener>();
        services.AddHostedService<WebhookDispatcher>(); // after the migrations: it reads the outbox at once
        var health = services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres", HealthStatus.Unhealthy, timeout: HealthCheckBudget);
        if (QaDatabase.NamesReplicas(connectionString))
        {
            // With replicas, misses are still served while the primary is down: only writes fail.
            health.AddCheck<PostgresPrimaryHealthCheck>("postgres-primary", HealthStatus.Degraded, timeout: HealthCheckBudget);
        }
        return builder;
    }

    /// <summary>Fills misses from <typeparamref name="TSource"/>, e.g. an origin node reached over HTTP. This node then serves no writes.</summary>
    public static IQaCoreBuilder AddSource<TSource>(this IQaCoreBuilder builder)
        where TSource : class, IQaSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IQaSource, TSource>();
        return builder;
    }

    /// <summary>
    /// Makes Redis the second cache level, shared by every node, and the channel on which nodes tell each other of
    /// changes. A Redis that is down or slow is a miss, never an error (<c>Qa:Cache:RedisTimeout</c> and the circuit
    /// breaker bound every call); while the channel is down, <c>Qa:Coherence:MaxStalenessWhileDisconnected</c> bounds
    /// what this node serves.
    /// </summary>
    public static IQaCoreBuilder AddRedisL2(this IQaCoreBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var services = builder.Services;
        services.TryAddSingleton<IConnectionMultiplexer>(sp =>
            RedisConnection.Connect(connectionString, sp.GetRequiredService<IOptions<QaCacheOptions>>().Value.RedisTimeout));
        services.TryAddSingleton<RedisMetrics>();
        services.TryAddSingleton<RedisL2Cache>();
        services.TryAddSingleton<InvalidationBus>();
        services.AddHostedService(sp => sp.GetRequiredService<InvalidationBus>());
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded, timeout: HealthCheckBudget);
        return builder;
    }
}
