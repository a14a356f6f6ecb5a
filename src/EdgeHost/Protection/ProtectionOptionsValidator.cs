using System.Net;
using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Protection;

/// <summary>Checks every <c>Qa:Protection</c> key, reporting all failures at once, each naming its key and the fix.</summary>
internal sealed class ProtectionOptionsValidator : IValidateOptions<ProtectionOptions>
{
    public ValidateOptionsResult Validate(string? name, ProtectionOptions options)
    {
        var failures = new List<string>();
        if (options.WritesPerMinute is < 1 or > 1_000_000)
        {
            failures.Add($"{ProtectionOptions.SectionName}:{nameof(options.WritesPerMinute)} is {options.WritesPerMinute}; set a count from 1 to 1000000.");
        }

        if (options.MissesPerSecond is < 0 or > 1_000_000)
        {
            failures.Add($"{ProtectionOptions.SectionName}:{nameof(options.MissesPerSecond)} is {options.MissesPerSecond}; set a count from 0 (no budget) to 1000000.");
        }

        if (options.MissBurst is < 1 or > 1_000_000)
        {
            failures.Add($"{ProtectionOptions.SectionName}:{nameof(options.MissBurst)} is {options.MissBurst}; set a count from 1 to 1000000.");
        }

        if (options.RefusalDelay < TimeSpan.Zero || options.RefusalDelay > TimeSpan.FromSeconds(10))
        {
            failures.Add($"{ProtectionOptions.SectionName}:{nameof(options.RefusalDelay)} is {options.RefusalDelay}; set a duration from 00:00:00 (answer at once) to 00:00:10, e.g. 00:00:01.");
        }

        foreach (var proxy in options.KnownProxies.Where(p => !IPAddress.TryParse(p, out _) && !IPNetwork.TryParse(p, out _)))
        {
            failures.Add($"{ProtectionOptions.SectionName}:{nameof(options.KnownProxies)} holds '{proxy}'; list IP addresses or networks, e.g. 10.0.0.2 or 10.0.1.0/24.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
