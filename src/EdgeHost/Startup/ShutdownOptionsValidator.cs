using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Startup;

/// <summary>Checks every <c>Qa:Shutdown</c> key, reporting all failures at once, each naming its key and the fix.</summary>
internal sealed class ShutdownOptionsValidator : IValidateOptions<ShutdownOptions>
{
    public ValidateOptionsResult Validate(string? name, ShutdownOptions options)
    {
        var failures = new List<string>();
        // The host gives stopping 30 s in all (HostOptions.ShutdownTimeout); the drain leaves the rest for closing.
        if (options.DrainTime < TimeSpan.Zero || options.DrainTime > TimeSpan.FromSeconds(25))
        {
            failures.Add($"{ShutdownOptions.SectionName}:{nameof(options.DrainTime)} is {options.DrainTime}; set a duration from 00:00:00 (stop at once) to 00:00:25, e.g. 00:00:05.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
