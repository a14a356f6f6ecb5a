using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Writes;

/// <summary>Checks every <c>Qa:Moderation</c> key, reporting all failures at once, each naming its key and the fix.</summary>
internal sealed class ModerationOptionsValidator : IValidateOptions<ModerationOptions>
{
    public ValidateOptionsResult Validate(string? name, ModerationOptions options)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            failures.Add($"{ModerationOptions.SectionName}:{nameof(options.Mode)} is {options.Mode}; set Post (visible at once) or Pre (visible once approved).");
        }

        if (options.ModeratorKey is { Length: > 0 and < 16 })
        {
            failures.Add($"{ModerationOptions.SectionName}:{nameof(options.ModeratorKey)} is too short; use at least 16 random characters (e.g. openssl rand -hex 24), or leave it unset (only the admin key then moderates).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
