using System.Security.Cryptography;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// Who casts a vote: the <c>voter</c> the body names, else the browser's <c>qa_voter</c> cookie, else a new random
/// voter, set as that cookie (HttpOnly, SameSite=Lax, a year) so the browser's later votes count as the same voter's.
/// </summary>
internal static class Voters
{
    public const string Cookie = "qa_voter";

    private static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public static string Of(HttpContext context, Vote vote)
    {
        if (vote.Voter is { } named)
        {
            return named;
        }

        if (context.Request.Cookies.TryGetValue(Cookie, out var remembered) && WriteValidator.IsVoter(remembered))
        {
            return remembered!;
        }

        var voter = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        BrowserCookies.Set(context, Cookie, voter, CookieLifetime);
        return voter;
    }
}
