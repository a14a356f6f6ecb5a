namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>A seed run refused to touch the database (it already holds data and <c>--force</c> was not given).</summary>
public sealed class SeedRefusedException(string message) : InvalidOperationException(message);
