using Microsoft.Extensions.Options;

namespace Shazamazon.QA.EdgeHost.Widget;

/// <summary>Validates <see cref="WidgetOptions"/> at start-up.</summary>
internal sealed class WidgetOptionsValidator : IValidateOptions<WidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, WidgetOptions options) =>
        options.AssetMaxAge < TimeSpan.Zero || options.AssetMaxAge > TimeSpan.FromDays(365)
            ? ValidateOptionsResult.Fail($"{WidgetOptions.SectionName}:AssetMaxAge must be between 00:00:00 and 365.00:00:00 (it is {options.AssetMaxAge}).")
            : ValidateOptionsResult.Success;
}
