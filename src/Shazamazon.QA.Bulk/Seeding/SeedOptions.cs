namespace Shazamazon.QA.Bulk.Seeding;

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
