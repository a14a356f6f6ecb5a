namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>What a completed seed run produced.</summary>
/// <param name="Products">Products written.</param>
/// <param name="Questions">Questions written.</param>
/// <param name="Answers">Answers written.</param>
/// <param name="LoadTime">Time spent generating and copying rows.</param>
/// <param name="IndexTime">Time spent building indexes and constraints and analyzing.</param>
/// <param name="TotalTime">Wall time of the whole run.</param>
/// <param name="DatabaseBytes">The database's size on disk afterwards.</param>
public sealed record SeedReport(long Products, long Questions, long Answers, TimeSpan LoadTime, TimeSpan IndexTime, TimeSpan TotalTime, long DatabaseBytes)
{
    /// <summary>All rows written.</summary>
    public long Rows => Products + Questions + Answers;
}
