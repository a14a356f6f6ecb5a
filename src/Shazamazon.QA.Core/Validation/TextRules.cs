namespace Shazamazon.QA.Core.Validation;

/// <summary>What text the store accepts: no control characters (PostgreSQL text cannot even hold NUL) and no lone surrogates.</summary>
internal static class TextRules
{
    public static bool IsPrintable(string value, bool allowLineBreaks)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'))
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++; // a well-formed pair
            }
            else if (char.IsSurrogate(c))
            {
                return false; // cannot be encoded as UTF-8
            }
        }

        return true;
    }
}
