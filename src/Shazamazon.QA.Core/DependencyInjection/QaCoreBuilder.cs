namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The builder <c>AddQaCore</c> returns.</summary>
internal sealed class QaCoreBuilder(IServiceCollection services) : IQaCoreBuilder
{
    public IServiceCollection Services { get; } = services;
}
