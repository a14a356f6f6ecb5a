namespace Shazamazon.QA.Capacity;

/// <summary>
/// How often each product is read: the distribution bench/wrk/qa.lua draws from (id = floor(N^u), u uniform in
/// [0, 1)), so P(id = k) = ln((k + 1) / k) / ln N for k = 1 .. N - 1, about 1/k like Zipf with s = 1. Held as groups of
/// products of nearly equal probability (exact for the first 10,000, then geometric groups), so that sums over 10M
/// products take a few thousand terms.
/// </summary>
internal sealed class Popularity
{
    private Popularity(long products, (double Probability, double Count)[] groups) => (Products, Groups) = (products, groups);

    public long Products { get; }

    /// <summary>(probability of one product of the group, number of products in it).</summary>
    public (double Probability, double Count)[] Groups { get; }

    public static Popularity LogUniform(long products)
    {
        var groups = new List<(double, double)>();
        var logN = Math.Log(products);
        long k = 1;
        while (k < products)
        {
            var end = k < 10_000 ? k + 1 : Math.Min(products, (long)(k * 1.002) + 1);
            // The group's mass, exactly: sum of ln((j + 1) / j) over j in [k, end) is ln(end / k).
            var mass = Math.Log((double)end / k) / logN;
            groups.Add((mass / (end - k), end - k));
            k = end;
        }

        return new Popularity(products, [.. groups]);
    }

    /// <summary>Draws a product id as wrk's script does.</summary>
    public static long Draw(Random random, long products) => (long)Math.Floor(Math.Pow(products, random.NextDouble()));
}
