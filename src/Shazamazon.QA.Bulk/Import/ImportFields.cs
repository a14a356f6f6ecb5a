using System.Globalization;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// Parses the typed fields of an import row. Each method returns null when the value is valid, else the reason,
/// naming the column and quoting (a bounded prefix of) the value.
/// </summary>
internal static class ImportFields
{
    private const int QuotedMax = 40;

    public static string? Id(ReadOnlySpan<char> text, string column, out long value) =>
        QueryValidator.TryParseId(text, out value)
            ? null
            : $"{column} must be a positive 64-bit integer, not {Quote(text)}.";

    public static string? Integer(ReadOnlySpan<char> text, string column, out int value) =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            ? null
            : $"{column} must be a 32-bit integer, not {Quote(text)}.";

    public static string? Boolean(ReadOnlySpan<char> text, string column, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase) || text.Equals("t", StringComparison.OrdinalIgnoreCase) || text is "1")
        {
            value = true;
            return null;
        }

        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase) || text.Equals("f", StringComparison.OrdinalIgnoreCase) || text is "0"
            ? null
            : $"{column} must be true, false, t, f, 1 or 0, not {Quote(text)}.";
    }

    /// <summary>Epoch milliseconds (digits only) or ISO-8601 (with an offset or Z; none means UTC); the result is UTC.</summary>
    public static string? Date(ReadOnlySpan<char> text, string column, out DateTime value)
    {
        value = default;
        if (text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9'))
        {
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var milliseconds)
                && milliseconds <= DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
            {
                value = DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
                return null;
            }
        }
        else if (TryParseUtc(text, out value))
        {
            return null;
        }
        else if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                     out var parsed) && text.Contains('-'))
        {
            value = parsed.UtcDateTime;
            return null;
        }

        return $"{column} must be an ISO-8601 date (2021-03-01T12:00:00Z) or epoch milliseconds, not {Quote(text)}.";
    }

    /// <summary>
    /// The form exports write, <c>yyyy-MM-ddTHH:mm:ss[.f…]Z</c> (up to 7 fraction digits), read without the general
    /// parser (several times faster, on tens of millions of rows); false for any other form, which
    /// <see cref="DateTimeOffset.TryParse(ReadOnlySpan{char}, IFormatProvider, DateTimeStyles, out DateTimeOffset)"/> then reads.
    /// </summary>
    internal static bool TryParseUtc(ReadOnlySpan<char> text, out DateTime value)
    {
        value = default;
        if (text.Length < 20 || text[^1] != 'Z' || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':'
            || !Number(text.Slice(0, 4), out var year) || !Number(text.Slice(5, 2), out var month) || !Number(text.Slice(8, 2), out var day)
            || !Number(text.Slice(11, 2), out var hour) || !Number(text.Slice(14, 2), out var minute) || !Number(text.Slice(17, 2), out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        long ticks = 0;
        if (text.Length > 20)
        {
            var fraction = text[20..^1];
            if (text[19] != '.' || fraction.Length is 0 or > 7 || !Number(fraction, out var digits))
            {
                return false;
            }

            ticks = digits;
            for (var i = fraction.Length; i < 7; i++)
            {
                ticks *= 10;
            }
        }

        value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
        return true;
    }

    private static bool Number(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var c in digits)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    public static string Quote(ReadOnlySpan<char> text) =>
        text.Length == 0 ? "an empty field" : text.Length <= QuotedMax ? $"'{text}'" : $"'{text[..QuotedMax]}…'";
}
