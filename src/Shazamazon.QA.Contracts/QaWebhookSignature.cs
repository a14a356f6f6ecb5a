using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Shazamazon.QA.Contracts;

/// <summary>
/// The <c>X-Qa-Signature</c> header of a webhook delivery: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256(secret,
/// t + "." + body)&gt;</c>. The edge signs with it; a receiver verifies with it, over the body's bytes as received.
/// </summary>
public static class QaWebhookSignature
{
    /// <summary>The header carrying the signature.</summary>
    public const string Header = "X-Qa-Signature";

    /// <summary>The header value for <paramref name="body"/> sent at <paramref name="timestamp"/> (Unix seconds).</summary>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return string.Create(CultureInfo.InvariantCulture, $"t={timestamp},v1={Convert.ToHexStringLower(Mac(secret, timestamp, body))}");
    }

    /// <summary>
    /// True when <paramref name="header"/> signs <paramref name="body"/> with <paramref name="secret"/> and its time is
    /// within <paramref name="tolerance"/> of <paramref name="now"/> (an old delivery replayed by someone else fails).
    /// </summary>
    public static bool Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan tolerance)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        long? timestamp = null;
        byte[]? signature = null;
        foreach (var part in (header ?? string.Empty).Split(','))
        {
            var (name, value) = part.IndexOf('=', StringComparison.Ordinal) is var at and > 0 ? (part[..at].Trim(), part[(at + 1)..].Trim()) : (part, "");
            if (name == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (name == "v1" && value.Length == 64)
            {
                try
                {
                    signature = Convert.FromHexString(value);
                }
                catch (FormatException)
                {
                    return false;
                }
            }
        }

        return timestamp is { } seconds && signature is not null
            && Math.Abs((now - DateTimeOffset.FromUnixTimeSeconds(seconds)).Ticks) <= tolerance.Ticks
            && CryptographicOperations.FixedTimeEquals(signature, Mac(secret, seconds, body));
    }

    private static byte[] Mac(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{timestamp}."));
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
