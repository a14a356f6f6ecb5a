using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Observability;

/// <summary>Checks the OpenTelemetry settings the edge reads, reporting all failures at once, each naming its variable and the fix.</summary>
internal sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (options.OtlpEndpoint is { } endpoint && !(endpoint.IsAbsoluteUri && (endpoint.Scheme == Uri.UriSchemeHttp || endpoint.Scheme == Uri.UriSchemeHttps)))
        {
            failures.Add($"OTEL_EXPORTER_OTLP_ENDPOINT is '{endpoint}'; set an absolute http(s) address, e.g. http://otel-collector:4317, or leave it unset to export nothing.");
        }

        if (options.ServiceName is { } service && string.IsNullOrWhiteSpace(service))
        {
            failures.Add("OTEL_SERVICE_NAME is blank; set a name, e.g. qaedge-eu-1, or leave it unset for qaedge.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
