namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>Progress of a seed run, reported as it goes.</summary>
/// <param name="Phase">What is running: <c>plan</c>, <c>load</c>, <c>index</c> or <c>analyze</c>.</param>
/// <param name="Done">Units done in this phase (rows while loading, statements while indexing).</param>
/// <param name="Total">Units in this phase.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct SeedProgress(string Phase, long Done, long Total, TimeSpan Elapsed);
