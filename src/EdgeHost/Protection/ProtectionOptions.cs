namespace Shazamazon.QA.EdgeHost.Protection;

/// <summary>Options of section <c>Qa:Protection</c>.</summary>
public sealed class ProtectionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Protection";

    /// <summary>Writes (any method but GET and HEAD) one client (by IP) may send per minute; then 429. Default 120.</summary>
    public int WritesPerMinute { get; set; } = 120;

    /// <summary>
    /// Proxies (IP addresses) whose <c>X-Forwarded-For</c>/<c>-Proto</c> headers are honoured, e.g. the load balancer.
    /// Default none: the headers are ignored and the client is the TCP peer.
    /// </summary>
    public IList<string> KnownProxies { get; } = [];
}
