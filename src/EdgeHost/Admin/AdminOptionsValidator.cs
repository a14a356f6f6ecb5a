using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Admin;

/// <summary>Checks every <c>Qa:Admin</c> key, reporting all failures at once, each naming its key and the fix.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var failures = new List<string>();
        if (options.ApiKey is { Length: > 0 and < 16 })
        {
            failures.Add($"{AdminOptions.SectionName}:{nameof(options.ApiKey)} is too short; use at least 16 random characters (e.g. openssl rand -hex 24), or leave it unset to turn the admin endpoints off.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
