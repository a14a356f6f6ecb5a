namespace Shazamazon.QA.Capacity;

/// <summary>
/// Hit ratios of LRU caches under independent requests, by Che's approximation: a cache of C entries keeps an item
/// requested at rate r for a characteristic time T (the same for every item) where sum(1 - e^(-r T)) = C, so the
/// item is found with probability 1 - e^(-r T). Writes at rate w per item end its entry early (invalidation); an
/// item then hits with probability r / (r + w) (1 - e^(-(r + w) T)).
/// <para>
/// L1 per node: with routing at random each node sees every product at 1/n of the rate, which leaves LRU's hit ratio
/// unchanged without writes, but a write drops the product on every node, so relative to a node's reads writes come n
/// times as often; routed by product each node holds its 1/n of the products, which is one cache of n x C. L2 (Redis,
/// shared) sees the L1 misses of all nodes, and every write too.
/// </para>
/// </summary>
internal static class CheModel
{
    /// <summary>The hit ratios of L1 and L2, as fractions of all reads (the rest reaches PostgreSQL).</summary>
    public static (double L1, double L2) HitRatios(Popularity popularity, double l1Entries, int nodes, bool byProduct, double l2Entries, double writeShare)
    {
        var groups = popularity.Groups;
        var writeRatio = writeShare / (1 - writeShare); // writes per read, spread like reads
        var l1Capacity = byProduct ? l1Entries * nodes : l1Entries;
        var l1WriteRatio = byProduct ? writeRatio : writeRatio * nodes;
        var reads = groups.Select(g => g.Probability).ToArray();
        var t1 = SolveT(groups, reads, reads.Select(r => r * l1WriteRatio).ToArray(), l1Capacity, popularity.Products);
        double l1 = 0, l2 = 0;
        var missRates = new double[groups.Length];
        for (var i = 0; i < groups.Length; i++)
        {
            var (p, count) = groups[i];
            var hit = Hit(p, p * l1WriteRatio, t1);
            l1 += count * p * hit;
            missRates[i] = p * (1 - hit);
        }

        if (l2Entries > 0)
        {
            var writes = reads.Select(r => r * writeRatio).ToArray();
            var t2 = SolveT(groups, missRates, writes, l2Entries, popularity.Products);
            for (var i = 0; i < groups.Length; i++)
            {
                l2 += groups[i].Count * missRates[i] * Hit(missRates[i], writes[i], t2);
            }
        }

        return (l1, l2);
    }

    private static double Hit(double rate, double writeRate, double t) =>
        rate <= 0 ? 0 : rate / (rate + writeRate) * (1 - Math.Exp(-(rate + writeRate) * t));

    // The characteristic time T where the expected number of cached items (each present with its hit probability) is
    // the capacity: bisection on log T.
    private static double SolveT((double Probability, double Count)[] groups, double[] rates, double[] writeRates, double capacity, long products)
    {
        if (capacity >= products)
        {
            return double.PositiveInfinity;
        }

        double Occupancy(double t)
        {
            double sum = 0;
            for (var i = 0; i < groups.Length; i++)
            {
                sum += groups[i].Count * Hit(rates[i], writeRates[i], t);
            }

            return sum;
        }

        double lo = 1e-3, hi = 1e15;
        for (var i = 0; i < 200; i++)
        {
            var mid = Math.Sqrt(lo * hi);
            if (Occupancy(mid) < capacity)
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return Math.Sqrt(lo * hi);
    }
}
