using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Browsers;

/// <summary>Checks every <c>Qa:Cors</c> key, reporting all failures at once, each naming its key and the fix.</summary>
internal sealed class CorsOptionsValidator : IValidateOptions<CorsOptions>
{
    public ValidateOptionsResult Validate(string? name, CorsOptions options)
    {
        var failures = new List<string>();
        Check(nameof(options.ReadOrigins), options.ReadOrigins, anyAllowed: true, failures);
        Check(nameof(options.WriteOrigins), options.WriteOrigins, anyAllowed: false, failures);
        Check(nameof(options.LegacyOrigins), options.LegacyOrigins, anyAllowed: true, failures);
        if (options.PreflightMaxAge < TimeSpan.Zero || options.PreflightMaxAge > TimeSpan.FromDays(1))
        {
            failures.Add($"{CorsOptions.SectionName}:{nameof(options.PreflightMaxAge)} is {options.PreflightMaxAge}; set a duration from 00:00:00 to 1.00:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string key, IList<string> origins, bool anyAllowed, List<string> failures)
    {
        foreach (var origin in origins)
        {
            if (origin == "*" ? !anyAllowed : !IsOrigin(origin))
            {
                failures.Add(origin == "*"
                    ? $"{CorsOptions.SectionName}:{key} holds '*'; writes carry cookies, so list the origins, e.g. https://shop.example."
                    : $"{CorsOptions.SectionName}:{key} holds '{origin}'; list origins as scheme://host[:port] without a path, e.g. https://shop.example{(anyAllowed ? ", or * for any" : string.Empty)}.");
            }
        }
    }

    private static bool IsOrigin(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.AbsolutePath == "/" && !text.EndsWith('/') && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.UserInfo);
}
