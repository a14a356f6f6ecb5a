namespace Shazamazon.QA.EdgeHost.Browsers;

/// <summary>
/// Which web origins may call the edge from a browser (section <c>Qa:Cors</c>; ../shared/API.md, "Browsers and
/// embedding"). Each list holds origins (<c>https://shop.example</c>) or <c>*</c> for any.
/// </summary>
public sealed class CorsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Cors";

    /// <summary>Origins that may read (GET and HEAD of the read routes). Default <c>*</c>: the Q&amp;A block is embedded anywhere.</summary>
    public IList<string> ReadOrigins { get; } = [];

    /// <summary>
    /// Origins that may write (questions, answers, votes, reports), with cookies (the consistency token). Default
    /// none: a browser on another origin cannot write until its origin is listed. <c>*</c> is refused here.
    /// </summary>
    public IList<string> WriteOrigins { get; } = [];

    /// <summary>Origins that may call the legacy routes (<c>/item</c>, <c>/updateVote</c>). Default <c>*</c>, as the original service allowed.</summary>
    public IList<string> LegacyOrigins { get; } = [];

    /// <summary>How long a browser may cache a preflight answer. Default 00:10:00.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
