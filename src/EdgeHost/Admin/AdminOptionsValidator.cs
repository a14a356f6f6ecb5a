using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Admin;

/// <summary>A configured admin key must be long enough to resist guessing.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options) =>
        options.ApiKey is { Length: > 0 and < 16 }
            ? ValidateOptionsResult.Fail($"{AdminOptions.SectionName}:ApiKey is too short; use at least 16 random characters (e.g. openssl rand -hex 24), or leave it unset to turn the admin endpoints off.")
            : ValidateOptionsResult.Success;
}
