using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Shazamazon.QA.Client;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="QaClient"/> and <see cref="QaModerationClient"/> on IHttpClientFactory with standard resilience.</summary>
public static class QaClientServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="QaClient"/> with options bound from <paramref name="configuration"/> (e.g. the section
    /// <c>QaClient</c>: <c>BaseAddress</c>, <c>Encoding</c>, <c>AttemptTimeout</c>, <c>TotalTimeout</c>, <c>MaxReadRetries</c>),
    /// validated at start-up.
    /// </summary>
    /// <returns>The client's builder, to add handlers or change resilience.</returns>
    public static IHttpClientBuilder AddQaClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddQaClient(options => configuration.Bind(options));
    }

    /// <summary>Adds <see cref="QaClient"/> with options set in code, validated at start-up.</summary>
    /// <returns>The client's builder, to add handlers or change resilience.</returns>
    public static IHttpClientBuilder AddQaClient(this IServiceCollection services, Action<QaClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<QaClientOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QaClientOptions>, QaClientOptionsValidator>();
        var builder = services.AddEdgeHttpClient<QaClientOptions>(nameof(QaClient),
            static o => (o.BaseAddress, o.AttemptTimeout, o.TotalTimeout, o.MaxReadRetries));
        builder.AddTypedClient((http, sp) => new QaClient(http, sp.GetRequiredService<IOptions<QaClientOptions>>().Value.Encoding));
        return builder;
    }

    /// <summary>
    /// Adds <see cref="QaModerationClient"/> with options bound from <paramref name="configuration"/> (e.g. the section
    /// <c>QaModerationClient</c>: <c>BaseAddress</c>, <c>ModeratorKey</c>, <c>Encoding</c>, <c>AttemptTimeout</c>,
    /// <c>TotalTimeout</c>), validated at start-up. Reads of the queue are retried; decisions never are.
    /// </summary>
    /// <returns>The client's builder, to add handlers or change resilience.</returns>
    public static IHttpClientBuilder AddQaModerationClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return services.AddQaModerationClient(options => configuration.Bind(options));
    }

    /// <summary>Adds <see cref="QaModerationClient"/> with options set in code, validated at start-up.</summary>
    /// <returns>The client's builder, to add handlers or change resilience.</returns>
    public static IHttpClientBuilder AddQaModerationClient(this IServiceCollection services, Action<QaModerationClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<QaModerationClientOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QaModerationClientOptions>, QaModerationClientOptionsValidator>();
        var builder = services.AddEdgeHttpClient<QaModerationClientOptions>(nameof(QaModerationClient),
            static o => (o.BaseAddress, o.AttemptTimeout, o.TotalTimeout, 3));
        builder.AddTypedClient((http, sp) =>
        {
            var options = sp.GetRequiredService<IOptions<QaModerationClientOptions>>().Value;
            return new QaModerationClient(http, options.ModeratorKey!, options.Encoding);
        });
        return builder;
    }

    // The HTTP client of either typed client: base address and timeouts from its options, no cookie jar, and the standard
    // resilience pipeline with writes never retried.
    private static IHttpClientBuilder AddEdgeHttpClient<TOptions>(this IServiceCollection services, string name,
        Func<TOptions, (Uri? BaseAddress, TimeSpan AttemptTimeout, TimeSpan TotalTimeout, int MaxReadRetries)> settings)
        where TOptions : class
    {
        var builder = services.AddHttpClient(name, (sp, http) =>
        {
            http.BaseAddress = settings(sp.GetRequiredService<IOptions<TOptions>>().Value).BaseAddress;
            http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline owns timeouts
        });
        // No cookie jar: the edge's cookies (the voter, the consistency token) are one browser's, and a service's client
        // speaks for all its users; one shared jar would make them one voter.
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { UseCookies = false });
        builder.AddStandardResilienceHandler().Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
        {
            var options = settings(sp.GetRequiredService<IOptions<TOptions>>().Value);
            resilience.Retry.DisableForUnsafeHttpMethods(); // writes are not idempotent: never retried
            resilience.Retry.MaxRetryAttempts = Math.Max(1, options.MaxReadRetries);
            resilience.Retry.ShouldHandle = options.MaxReadRetries == 0 ? _ => ValueTask.FromResult(false) : resilience.Retry.ShouldHandle;
            resilience.Retry.UseJitter = true;
            resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
            resilience.TotalRequestTimeout.Timeout = options.TotalTimeout;
            resilience.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(options.AttemptTimeout.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
        });
        return builder;
    }
}
