namespace Shazamazon.QA.Capacity;

/// <summary>The figures the model starts from, each measured on the 2-core benchmark machine (docs/capacity.md says how).</summary>
internal static class Measured
{
    /// <summary>Edge process CPU per L1 hit, seconds (hot runs, median of 6: docs/benchmarks.md).</summary>
    public const double HitCpu = 27e-6;

    /// <summary>
    /// Whole-machine CPU per miss, seconds: one fleet node (replica, Redis Cluster) under uniform reads of the demo
    /// products, 2 cores / 1,370 req/s (docs/capacity.md). An earlier single-server run measured 455 µs; the higher
    /// figure is the one sized with.
    /// </summary>
    public const double MissCpu = 2 / 1_370.0;

    /// <summary>Shares of a miss's CPU (system-wide perf of that run): the edge, PostgreSQL, Redis.</summary>
    public const double EdgeShare = 0.39, PostgresShare = 0.49, RedisShare = 0.05;

    /// <summary>L1 bytes per entry of a default page (qa_cache_l1_size_bytes / qa_cache_l1_entries after 2,000 pages).</summary>
    public const double L1BytesPerEntry = 1_647;

    /// <summary>Redis bytes per entry of a default page (MEMORY USAGE over 600 entries on the fleet's cluster).</summary>
    public const double RedisBytesPerEntry = 1_447;

    /// <summary>GETs of 1.5 KB values one Redis server answers per second (redis-benchmark -c 32, median of 3).</summary>
    public const double RedisOpsPerShard = 52_817;

    /// <summary>Votes per second the primary commits on 2 cores, change triggers and a streaming replica included (pgbench, median of 3).</summary>
    public const double PrimaryVotesPerCore = 1_027 / 2.0;
}
