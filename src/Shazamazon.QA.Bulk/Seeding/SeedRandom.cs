namespace Shazamazon.QA.Bulk.Seeding;

/// <summary>
/// xoshiro256** seeded through SplitMix64: fast, and the same numbers for the same seed on every machine and runtime
/// (System.Random promises neither), which is what makes a generated data set reproducible.
/// </summary>
internal struct SeedRandom
{
    private ulong _s0, _s1, _s2, _s3;

    public SeedRandom(ulong seed, ulong stream)
    {
        var x = seed ^ (stream * 0x9E3779B97F4A7C15UL);
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>An integer in [0, <paramref name="maxExclusive"/>).</summary>
    public int Next(int maxExclusive) => (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);

    /// <summary>An integer in [<paramref name="min"/>, <paramref name="maxExclusive"/>).</summary>
    public int Next(int min, int maxExclusive) => min + Next(maxExclusive - min);

    public T Pick<T>(T[] items) => items[Next(items.Length)];

    /// <summary>A Poisson-distributed count (Knuth's method; fine for the small means used here).</summary>
    public int Poisson(double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var p = NextDouble();
        while (p > limit)
        {
            k++;
            p *= NextDouble();
        }

        return k;
    }

    /// <summary>An integer drawn log-uniformly from [<paramref name="min"/>, <paramref name="max"/>]: a long tail.</summary>
    public int LogUniform(int min, int max) => (int)Math.Round(min * Math.Pow((double)max / min, NextDouble()));

    private static ulong SplitMix(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
