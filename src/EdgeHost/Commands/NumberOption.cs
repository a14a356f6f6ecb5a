using System.CommandLine;
using System.Globalization;

namespace Shazamazon.QA.EdgeHost.Commands;

/// <summary>A whole-number option in a range, written with or without separators (100000, 100_000, 100,000); null when not given.</summary>
internal static class NumberOption
{
    public static Option<long?> Create(string name, string description, long min, long max, long? defaultValue = null)
    {
        var option = new Option<long?>(name)
        {
            Description = description,
            HelpName = "N",
            CustomParser = result =>
            {
                var text = result.Tokens[0].Value;
                if (long.TryParse(text.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
                    && value >= min && value <= max)
                {
                    return value;
                }

                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{name} must be a whole number from {min:N0} to {max:N0}, not '{text}'."));
                return null;
            },
        };
        if (defaultValue is { } fallback)
        {
            option.DefaultValueFactory = _ => fallback;
        }

        return option;
    }
}
