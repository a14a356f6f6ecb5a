using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary>Checks every <c>Qa:Telemetry</c> key, reporting all failures at once, each naming its key and the fix.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.OtlpEndpoint is { } endpoint && !(endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"{TelemetryOptions.SectionName}:{nameof(options.OtlpEndpoint)} is '{endpoint}'; set an absolute http(s) address, e.g. http://otel-collector:4317, or leave it unset for no traces.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
