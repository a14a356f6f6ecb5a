namespace Shazamazon.QA.Core.Caching;

/// <summary>
/// How long each kind of entry may be served, and how big the cache may grow (configuration section <c>Qa:Cache</c>).
/// TTLs are read per request, so a change in configuration applies to new responses without a restart; they also set
/// the <c>Cache-Control: max-age</c> of the responses.
/// </summary>
public sealed class QaCacheOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Qa:Cache";

    /// <summary>Pages of a product's questions. Default 00:01:00.</summary>
    public TimeSpan QuestionPages { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Pages of a question's answers. Default 00:01:00.</summary>
    public TimeSpan AnswerPages { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A product's question count (and the legacy <c>/item</c> shape). Default 00:01:00.</summary>
    public TimeSpan Counts { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Search results. Default 00:00:30.</summary>
    public TimeSpan SearchResults { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Negative answers: 404s for products that do not exist and empty answers (pages past the end, searches without a
    /// hit). They are fresh for this long, then served while one background refresh runs for
    /// <see cref="StaleWhileRevalidate"/> at most, never in the fail-safe window, and kept apart from the other entries. A
    /// 404 for a question is never kept: question ids are sequential, so the next one may exist a moment later.
    /// Default 00:00:10.
    /// </summary>
    public TimeSpan NotFound { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most negative answers (see <see cref="NotFound"/>) this node keeps; beyond it the oldest go first. They live
    /// in their own store, so a flood of unknown ids or random searches never evicts a hot entry. 0 keeps none; read at
    /// start. Default 10000.
    /// </summary>
    public int NegativeEntryLimit { get; set; } = 10_000;

    /// <summary>
    /// Past its TTL, for how long an entry is still served at once while one background refresh runs
    /// (stale-while-revalidate). Default 00:00:30.
    /// </summary>
    public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Past its TTL, for how long an entry may still be served when the source (PostgreSQL or the origin) fails or is
    /// slower than <see cref="FillTimeout"/> (fail-safe). Default 01:00:00.
    /// </summary>
    public TimeSpan FailSafeMaxStaleness { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a question list's order is kept for the cursors walking it (in L1, and in Redis for the fleet): a walk
    /// begun within this time goes on in its first order, however votes reorder the list; an older cursor goes on by
    /// keyset in today's order. At least <see cref="QuestionPages"/> plus <see cref="StaleWhileRevalidate"/>. Default
    /// 00:30:00.
    /// </summary>
    public TimeSpan CursorLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long a request waits for a refill when a stale entry could answer instead. Default 00:00:01.</summary>
    public TimeSpan FillTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The most fills (calls to the source for misses and refreshes) this node runs at once; read at start. Default 64.
    /// </summary>
    public int MaxConcurrentFills { get; set; } = 64;

    /// <summary>
    /// How long a fill waits for a free slot under <see cref="MaxConcurrentFills"/> before the request gets a stale entry
    /// or a 503 with <c>Retry-After</c>; read at start. Default 00:00:00.500.
    /// </summary>
    public TimeSpan FillQueueTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How long Redis (L2) keeps an entry: the long-lived tier, shared by the fleet, bounded by Redis's own memory budget
    /// and eviction policy (<c>maxmemory</c>, <c>maxmemory-policy allkeys-lru</c>). An entry stays current there until
    /// its product changes (its mark supersedes it), whatever its age: a fill or a refresh that finds it past its TTL
    /// revalidates it against the mark instead of reading the source, and its TTL in L1 and its <c>max-age</c> start
    /// over. This lifetime bounds how long a change that no node heard of can be served. At least the longest time an
    /// entry is kept in L1 (TTL plus the stale window) and at most 7.00:00:00. Default 1.00:00:00.
    /// </summary>
    public TimeSpan L2Lifetime { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The most memory the in-process (L1) cache may hold, in megabytes. Default 256.</summary>
    public int L1SizeLimitMegabytes { get; set; } = 256;

    /// <summary>The longest any Redis (L2) call may take before it counts as a miss. Default 00:00:00.250.</summary>
    public TimeSpan RedisTimeout { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// After this many consecutive Redis failures or timeouts, spread over at least <see cref="RedisTimeout"/> (calls
    /// that all time out in one stall of this process do not count as a failing Redis), Redis is skipped for
    /// <see cref="RedisBreakDuration"/>. Default 5.
    /// </summary>
    public int RedisBreakAfterFailures { get; set; } = 5;

    /// <summary>How long Redis is skipped once the circuit opens; then one call probes it. Default 00:00:05.</summary>
    public TimeSpan RedisBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A name put before every key and the invalidation channel this node uses in Redis (<c>&lt;prefix&gt;:qa:v2:…</c>),
    /// so that several deployments (one per data set, say) can share one Redis or Redis Cluster without serving each
    /// other's entries. Every node of one deployment uses the same. Up to 64 letters, digits, <c>-</c>, <c>_</c> or
    /// <c>.</c>; empty (the default) for none. Read at start.
    /// </summary>
    public string RedisPrefix { get; set; } = "";

    /// <summary>The largest entry written to Redis, in bytes; larger entries stay in L1 only. Default 4194304 (4 MiB).</summary>
    public int MaximumPayloadBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>What every key and channel name this node uses in Redis starts with: <see cref="RedisPrefix"/> and a colon, or nothing.</summary>
    internal string RedisNamespace => RedisPrefix.Length == 0 ? "" : RedisPrefix + ":";

    /// <summary>How long entries are kept past their TTL, for stale-while-revalidate and fail-safe.</summary>
    internal TimeSpan StaleWindow => StaleWhileRevalidate > FailSafeMaxStaleness ? StaleWhileRevalidate : FailSafeMaxStaleness;

    /// <summary>The longest any entry is kept (TTL plus the stale window): the bound on how long anything can survive.</summary>
    internal TimeSpan Longest => new[] { QuestionPages, AnswerPages, Counts, SearchResults, NotFound }.Max() + StaleWindow;
}
