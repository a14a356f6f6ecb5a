using System.Collections.Concurrent;

namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// The cache keys of recent queries of one kind, so that a read of a hot entry builds no key string. Bounded: when
/// <see cref="Capacity"/> keys are held, the table starts over (a key is cheap to rebuild; only its allocation is
/// saved).
/// </summary>
/// <typeparam name="TQuery">A validated query; equal queries have equal keys.</typeparam>
internal sealed class CacheKeyTable<TQuery>(Func<TQuery, string> build, int capacity = CacheKeyTable<TQuery>.DefaultCapacity)
    where TQuery : IEquatable<TQuery>
{
    /// <summary>The default bound: comfortably above a hot set of 10,000 products, at about 100 bytes per key.</summary>
    public const int DefaultCapacity = 65_536;

    private readonly ConcurrentDictionary<TQuery, string> _keys = new();
    private int _count;

    /// <summary>The most keys held at once.</summary>
    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The capacity must be positive.");

    /// <summary>The key of <paramref name="query"/>: the held string when there is one, else a new one (then held).</summary>
    public string Get(TQuery query)
    {
        if (_keys.TryGetValue(query, out var key))
        {
            return key;
        }

        key = build(query);
        // The count is approximate under races (a clear may meet concurrent adds); it only bounds memory.
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _keys.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _keys.TryAdd(query, key);
        return key;
    }
}
