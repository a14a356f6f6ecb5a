using System.Security.Cryptography;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Who votes or reports: the id the body names, else the browser's <c>qa_voter</c> cookie, else a new random id, set as
/// that cookie (HttpOnly, SameSite=Lax, a year) so the browser's later votes and reports count as the same person's.
/// </summary>
internal static class Participants
{
    public const string Cookie = "qa_voter";

    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static string Of(HttpContext context, string? named)
    {
        if (named is not null)
        {
            return named;
        }

        if (context.Request.Cookies.TryGetValue(Cookie, out var remembered) && WriteValidator.IsOpaqueId(remembered))
        {
            return remembered!;
        }

        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        BrowserCookies.Set(context, Cookie, id, CookieLifetime);
        return id;
    }
}
