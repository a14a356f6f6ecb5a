using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Data;

/// <summary>Checks every <c>Qa:Database</c> key at start-up and reports all failures at once, each naming its key and the fix.</summary>
internal sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        var failures = new List<string>();
        if (options.ReadTimeout <= TimeSpan.Zero || options.ReadTimeout > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{DatabaseOptions.SectionName}:{nameof(options.ReadTimeout)} is {options.ReadTimeout}; set a duration above 00:00:00 and at most 00:01:00, e.g. 00:00:02.");
        }

        if (options.PrimaryPoolSize is < 2 or > 1000)
        {
            failures.Add($"{DatabaseOptions.SectionName}:{nameof(options.PrimaryPoolSize)} is {options.PrimaryPoolSize}; set a count from 2 (LISTEN holds one) to 1000.");
        }

        if (options.BreakAfterFailures is < 1 or > 1000)
        {
            failures.Add($"{DatabaseOptions.SectionName}:{nameof(options.BreakAfterFailures)} is {options.BreakAfterFailures}; set a count from 1 to 1000.");
        }

        if (options.BreakDuration <= TimeSpan.Zero || options.BreakDuration > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{DatabaseOptions.SectionName}:{nameof(options.BreakDuration)} is {options.BreakDuration}; set a duration above 00:00:00 and at most 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
