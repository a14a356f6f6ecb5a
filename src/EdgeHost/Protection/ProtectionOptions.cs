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
    /// Hits are never limited. 0 turns the budget off (e.g. for an origin whose clients are trusted edges). Default 100.
    /// </summary>
    public int MissesPerSecond { get; set; } = 100;

    /// <summary>How many misses a client may cause at once before <see cref="MissesPerSecond"/> applies. Default 1000.</summary>
    public int MissBurst { get; set; } = 1000;

    /// <summary>
    /// Proxies whose <c>X-Forwarded-For</c>/<c>-Proto</c> headers are honoured, e.g. the load balancer or the edges in
    /// front of an origin: IP addresses (<c>10.0.0.2</c>) or networks (<c>10.0.1.0/24</c>, <c>fd00::/8</c>). Default none:
    /// the headers are ignored and the client is the TCP peer.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];
}
