using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The Q&amp;A core being configured, as <c>AddQaCore</c> returns it: choose where misses are filled from
/// (<c>AddPostgresSource</c> or <c>AddSource</c>) and whether Redis is the second level (<c>AddRedisL2</c>).
/// </summary>
public interface IQaCoreBuilder
{
    /// <summary>The services the core is registered in.</summary>
    IServiceCollection Services { get; }

    /// <summary>The configuration the core binds its <c>Qa:*</c> sections from.</summary>
    IConfiguration Configuration { get; }
}
