using Microsoft.Extensions.Options;

namespace Shazamazon.QA.Core.Invalidation;

/// <summary>Checks every <c>Qa:Coherence</c> key at start-up and reports all failures at once, each naming its key and the fix.</summary>
internal sealed class CoherenceOptionsValidator : IValidateOptions<CoherenceOptions>
{
    public ValidateOptionsResult Validate(string? name, CoherenceOptions options)
    {
        var failures = new List<string>();
        if (options.MaxStalenessWhileDisconnected <= TimeSpan.Zero || options.MaxStalenessWhileDisconnected > TimeSpan.FromHours(1))
        {
            failures.Add($"{CoherenceOptions.SectionName}:{nameof(options.MaxStalenessWhileDisconnected)} is {options.MaxStalenessWhileDisconnected}; set a duration above 00:00:00 and at most 01:00:00, e.g. 00:00:05.");
        }

        if (options.Heartbeat < TimeSpan.FromMilliseconds(100) || options.Heartbeat > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{CoherenceOptions.SectionName}:{nameof(options.Heartbeat)} is {options.Heartbeat}; set a duration from 00:00:00.100 to 00:01:00, e.g. 00:00:01.");
        }

        if (options.DatabasePollInterval < TimeSpan.FromMilliseconds(10) || options.DatabasePollInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"{CoherenceOptions.SectionName}:{nameof(options.DatabasePollInterval)} is {options.DatabasePollInterval}; set a duration from 00:00:00.010 to 00:01:00, e.g. 00:00:00.250.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
