namespace Shazamazon.QA.Core.Invalidation;

/// <summary>How nodes keep each other's caches coherent (configuration section <c>Qa:Coherence</c>).</summary>
public sealed class CoherenceOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Qa:Coherence";

    /// <summary>
    /// While this node cannot hear invalidations (Redis pub/sub or its PostgreSQL connection is down), the oldest entry it still
    /// serves without going back to the source. Default 00:00:05. When Redis returns, everything older is flushed; when
    /// the database connection returns, the node reads on from the change log where it stopped (within five minutes, to the
    /// same database), else flushes.
    /// </summary>
    public TimeSpan MaxStalenessWhileDisconnected { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often each node publishes a heartbeat on the Redis invalidation channel and expects to hear it back. Three
    /// missed heartbeats count as a lost channel (bounded by <see cref="MaxStalenessWhileDisconnected"/>); the next one
    /// heard restores it, also after a Redis Cluster failover moved the channel to another shard. Default 00:00:01.
    /// </summary>
    public TimeSpan Heartbeat { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Follow the changes committed in PostgreSQL by anyone (its change log, and the flushes bulk imports announce on
    /// <c>qa_product_changed</c>), for nodes that read PostgreSQL. Default true.
    /// </summary>
    public bool ListenToDatabase { get; set; } = true;

    /// <summary>
    /// How often a node reads PostgreSQL's change log: the longest a change made outside this fleet's writes (a SQL
    /// console, a batch job) waits before the nodes evict it. Writes through the edge are announced over Redis at
    /// once. Default 00:00:00.250.
    /// </summary>
    public TimeSpan DatabasePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
}
