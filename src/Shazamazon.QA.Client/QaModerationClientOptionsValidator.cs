using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Client;

/// <summary>Checks <see cref="QaModerationClientOptions"/> at start-up and names each bad key.</summary>
internal sealed class QaModerationClientOptionsValidator : IValidateOptions<QaModerationClientOptions>
{
    public ValidateOptionsResult Validate(string? name, QaModerationClientOptions options)
    {
        var failures = new List<string>();
        QaClientOptionsValidator.Connection("QaModerationClient", options.BaseAddress, options.Encoding, options.AttemptTimeout, options.TotalTimeout, failures);
        if (string.IsNullOrWhiteSpace(options.ModeratorKey))
        {
            failures.Add("QaModerationClient:ModeratorKey is required: the edge's Qa:Moderation:ModeratorKey (or its admin key).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
