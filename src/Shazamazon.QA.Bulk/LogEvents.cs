namespace Shazamazon.QA.Bulk;

/// <summary>
/// The event id of every log message of this assembly, in one place so that none is used twice (a test holds that,
/// over all of QaEdge's assemblies). Ranges: Shazamazon.QA.Core 1-99, Shazamazon.QA.Bulk 100-199, EdgeHost 200-299.
/// </summary>
internal static class LogEvents
{
    // Seeding
    public const int SeedPlanned = 100;
    public const int SeedStatementTimed = 101;

    // Import
    public const int ImportAborted = 110;
    public const int Imported = 111;
}
