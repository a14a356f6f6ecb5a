namespace Shazamazon.QA.Capacity;

/// <summary>
/// A discrete check of <see cref="CheModel"/>: requests drawn as wrk draws them, a share of them writes (which drop
/// the product's entries), through n LRU L1s (a node picked at random, or by product) and one shared LRU L2.
/// </summary>
internal static class LruSimulation
{
    public static (double L1, double L2) Run(long products, int l1Entries, int nodes, bool byProduct, int l2Entries, double writeShare, int requests, int seed)
    {
        var random = new Random(seed);
        var l1 = Enumerable.Range(0, nodes).Select(_ => new Lru(l1Entries)).ToArray();
        var l2 = new Lru(l2Entries);
        long reads = 0, l1Hits = 0, l2Hits = 0;
        for (var i = 0; i < requests; i++)
        {
            var product = Popularity.Draw(random, products);
            if (random.NextDouble() < writeShare)
            {
                foreach (var cache in l1)
                {
                    cache.Remove(product);
                }

                l2.Remove(product);
                continue;
            }

            reads++;
            var node = l1[byProduct ? (int)((ulong)product.GetHashCode() * 2654435761UL % (ulong)nodes) : random.Next(nodes)];
            if (node.Touch(product))
            {
                l1Hits++;
                continue;
            }

            if (l2Entries > 0 && l2.Touch(product))
            {
                l2Hits++;
            }
            else if (l2Entries > 0)
            {
                l2.Add(product);
            }

            node.Add(product);
        }

        return ((double)l1Hits / reads, (double)l2Hits / reads);
    }

    private sealed class Lru(int capacity)
    {
        private readonly Dictionary<long, LinkedListNode<long>> _index = new(capacity + 1);
        private readonly LinkedList<long> _order = new();

        public bool Touch(long key)
        {
            if (!_index.TryGetValue(key, out var node))
            {
                return false;
            }

            _order.Remove(node);
            _order.AddFirst(node);
            return true;
        }

        public void Add(long key)
        {
            if (capacity == 0)
            {
                return;
            }

            _index[key] = _order.AddFirst(key);
            if (_index.Count > capacity)
            {
                _index.Remove(_order.Last!.Value);
                _order.RemoveLast();
            }
        }

        public void Remove(long key)
        {
            if (_index.Remove(key, out var node))
            {
                _order.Remove(node);
            }
        }
    }
}
