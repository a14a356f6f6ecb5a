namespace Shazamazon.QA.Core.Seeding;

/// <summary>What <see cref="DataSeeder"/> generates.</summary>
public sealed class SeedOptions
{
    /// <summary>How many products to generate. Default 100,000 (the demo set); 10,000,000 is the full set.</summary>
    public long Products { get; init; } = 100_000;

    /// <summary>The random seed: the same seed and product count give the same data set. Default 42.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>How many COPY writers run in parallel. Default: the processor count.</summary>
    public int Writers { get; init; } = Environment.ProcessorCount;

    /// <summary>Delete whatever data set the database holds and start clean. Default false: a non-empty database is refused.</summary>
    public bool Force { get; init; }

    internal void Validate()
    {
        if (Products is < 1 or > 1_000_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(Products), Products, "--products must be from 1 to 1,000,000,000.");
        }

        if (Writers is < 1 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(Writers), Writers, "--writers must be from 1 to 64.");
        }
    }
}

/// <summary>Progress of a seed run, reported as it goes.</summary>
/// <param name="Phase">What is running: <c>plan</c>, <c>load</c>, <c>index</c> or <c>analyze</c>.</param>
/// <param name="Done">Units done in this phase (rows while loading, statements while indexing).</param>
/// <param name="Total">Units in this phase.</param>
/// <param name="Elapsed">Time since the run started.</param>
public readonly record struct SeedProgress(string Phase, long Done, long Total, TimeSpan Elapsed);

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

/// <summary>A seed run refused to touch the database (it already holds data and <c>--force</c> was not given).</summary>
public sealed class SeedRefusedException(string message) : InvalidOperationException(message);
