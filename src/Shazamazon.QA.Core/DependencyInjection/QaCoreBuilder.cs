using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The builder <c>AddQaCore</c> returns.</summary>
internal sealed class QaCoreBuilder(IServiceCollection services, IConfiguration configuration) : IQaCoreBuilder
{
    public IServiceCollection Services { get; } = services;

    public IConfiguration Configuration { get; } = configuration;
}
