namespace Shazamazon.QA.EdgeHost.Http;

/// <summary>
/// The one way the edge sets a cookie: for the browser's own use on later requests (the consistency token, the voter),
/// never read by scripts (HttpOnly), sent on top-level navigation but not on other sites' subrequests (Lax), Secure over
/// HTTPS, and essential (they carry no personal data, only what this browser did).
/// </summary>
internal static class BrowserCookies
{
    public static void Set(HttpContext context, string name, string value, TimeSpan lifetime) =>
        context.Response.Cookies.Append(name, value, new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            MaxAge = lifetime,
            IsEssential = true,
        });
}
