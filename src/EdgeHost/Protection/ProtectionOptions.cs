namespace Shazamazon.QA.EdgeHost.Protection;

/// <summary>Options of section <c>Qa:Protection</c>.</summary>
public sealed class ProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Protection";

    /// <summary>Writes (any method but GET and HEAD) one client (an IPv4 address, or an IPv6 /64) may send per minute; then 429. Default 120.</summary>
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>
    /// Reads that miss the cache (and so reach PostgreSQL or the origin) one client may cause per second, on average;
    /// beyond it the client is answered only from the caches, and 429 with <c>Retry-After</c> where they hold nothing.
    /// Hits are never limited. A person reading product pages causes a few misses a second at most; a client behind a
    /// large NAT shares the budget, but most of what its people read is cached. 0 turns the budget off (e.g. for an
    /// origin whose clients are trusted edges). Default 20.
    /// </summary>
    public int MissesPerSecond { get; set; } = 20;

    /// <summary>How many misses a client may cause at once before <see cref="MissesPerSecond"/> applies. Default 200.</summary>
    public int MissBurst { get; set; } = 200;

    /// <summary>
    /// How long a client past its miss budget waits for its 429: a client that retries at once (a flood in a loop) then
    /// sends a few requests a second per connection, instead of turning cheap refusals into a flood of their own that
    /// takes the CPU from everyone else. The wait holds no thread. 00:00:00 answers at once. Default 00:00:01, the
    /// <c>Retry-After</c> it is told.
    /// </summary>
    public TimeSpan RefusalDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> headers are honoured, e.g. the load balancer or the edges in
    /// front of an origin: IP addresses (<c>10.0.0.2</c>) or networks (<c>10.0.1.0/24</c>, <c>fd00::/8</c>). Default none:
    /// the headers are ignored and the client is the TCP peer.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];
}
