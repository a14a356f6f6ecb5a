using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Client;

/// <summary>Checks <see cref="QaClientOptions"/> at start-up and names each bad key.</summary>
internal sealed class QaClientOptionsValidator : IValidateOptions<QaClientOptions>
{
    public ValidateOptionsResult Validate(string? name, QaClientOptions options)
    {
        var failures = new List<string>();
        if (options.BaseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("QaClient:BaseAddress must be an absolute http(s) address of the edge, e.g. http://qa-edge:5080/.");
        }

        if (!Enum.IsDefined(options.Encoding))
        {
            failures.Add("QaClient:Encoding must be MessagePack or Json.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero || options.TotalTimeout < options.AttemptTimeout)
        {
            failures.Add("QaClient:AttemptTimeout must be above zero and QaClient:TotalTimeout at least as long.");
        }

        if (options.MaxReadRetries is < 0 or > 10)
        {
            failures.Add("QaClient:MaxReadRetries must be from 0 to 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
