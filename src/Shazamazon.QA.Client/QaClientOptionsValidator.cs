using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Client;

/// <summary>Checks <see cref="QaClientOptions"/> at start-up and names each bad key.</summary>
internal sealed class QaClientOptionsValidator : IValidateOptions<QaClientOptions>
{
    public ValidateOptionsResult Validate(string? name, QaClientOptions options)
    {
        var failures = new List<string>();
        Connection("QaClient", options.BaseAddress, options.Encoding, options.AttemptTimeout, options.TotalTimeout, failures);
        if (options.MaxReadRetries is < 0 or > 10)
        {
            failures.Add("QaClient:MaxReadRetries must be from 0 to 10.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The checks every client's options share, each failure naming its key under <paramref name="section"/>.</summary>
    internal static void Connection(string section, Uri? baseAddress, QaWireEncoding encoding, TimeSpan attemptTimeout, TimeSpan totalTimeout, List<string> failures)
    {
        if (baseAddress is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add($"{section}:BaseAddress must be an absolute http(s) address of the edge, e.g. http://qa-edge:5080/.");
        }

        if (!Enum.IsDefined(encoding))
        {
            failures.Add($"{section}:Encoding must be MessagePack or Json.");
        }

        if (attemptTimeout <= TimeSpan.Zero || totalTimeout < attemptTimeout)
        {
            failures.Add($"{section}:AttemptTimeout must be above zero and {section}:TotalTimeout at least as long.");
        }
    }
}
