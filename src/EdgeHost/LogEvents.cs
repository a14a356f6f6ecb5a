namespace Shazamazon.QA.EdgeHost;

/// <summary>
/// The event id of every log message of this assembly, in one place so that none is used twice (a test holds that,
/// over all of QaEdge's assemblies). Ranges: Shazamazon.QA.Core 1-99, Shazamazon.QA.Bulk 100-199, EdgeHost 200-299.
/// </summary>
internal static class LogEvents
{
    // Http
    public const int SourceUnavailable = 200;

    // Origin
    public const int OriginFillFailed = 210;

    // Admin
    public const int AdminKeyRejected = 220;

    // Moderation
    public const int ModeratorKeyRejected = 230;
}
