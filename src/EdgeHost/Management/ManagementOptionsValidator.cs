using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Management;

/// <summary>Checks every <c>Qa:Management</c> key, reporting all failures at once, each naming its key and the fix.</summary>
internal sealed class ManagementOptionsValidator : IValidateOptions<ManagementOptions>
{
    public ValidateOptionsResult Validate(string? name, ManagementOptions options)
    {
        if (options.Url is { } url
            && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps) && url.AbsolutePath == "/" && !url.IsDefaultPort && url.Port > 0))
        {
            return ValidateOptionsResult.Fail(
                $"{ManagementOptions.SectionName}:{nameof(options.Url)} is '{url}'; set an http(s) address with an explicit port and no path, e.g. http://127.0.0.1:5089, or leave it unset to serve /metrics and /admin on Urls.");
        }

        return ValidateOptionsResult.Success;
    }
}
