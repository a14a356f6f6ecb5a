namespace Shazamazon.QA.EdgeHost.Endpoints;

/// <summary>Options of section <c>Qa:Legacy</c>: what the original widget's routes may still do.</summary>
public sealed class LegacyOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Legacy";

    /// <summary>
    /// Whether <c>PUT /updateVote</c> may set a question's helpful count (0 to 1,000,000), as the original widget does.
    /// It bypasses one vote per voter, so a shop whose pages no longer run that widget turns it off; it then answers 403.
    /// Read per request. Default true.
    /// </summary>
    public bool AllowVoteSet { get; set; } = true;
}
