using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// How every options type of QaEdge is registered: bound to its section and checked by its validator (which collects
/// every failure, each naming its key) when the host starts. A setting that decides what is registered is needed before
/// then; it is read through <see cref="ReadValidated"/>, which applies the same validator at once. One source file,
/// compiled into the core and into EdgeHost (linked), so both register options the one way.
/// </summary>
internal static class OptionsRegistration
{
    public static IServiceCollection AddValidatedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
        return services;
    }

    /// <summary>Binds <paramref name="section"/> (the root when empty) now and validates it with <typeparamref name="TValidator"/>, throwing its failures.</summary>
    /// <exception cref="OptionsValidationException">The section is invalid; the message names each key.</exception>
    public static TOptions ReadValidated<TOptions, TValidator>(this IConfiguration configuration, string section)
        where TOptions : class, new()
        where TValidator : IValidateOptions<TOptions>, new()
    {
        var options = (section.Length == 0 ? configuration : configuration.GetSection(section)).Get<TOptions>() ?? new TOptions();
        var result = new TValidator().Validate(Options.Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(Options.Options.DefaultName, typeof(TOptions), result.Failures) : options;
    }
}
