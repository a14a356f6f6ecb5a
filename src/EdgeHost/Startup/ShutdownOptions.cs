namespace Shazamazon.QA.EdgeHost.Startup;

/// <summary>Options of section <c>Qa:Shutdown</c>.</summary>
public sealed class ShutdownOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Shutdown";

    /// <summary>
    /// On SIGTERM (or Ctrl-C), how long the node keeps serving while <c>/readyz</c> answers 503 <c>draining</c>, so a load
    /// balancer stops sending it requests before it closes its connections. At most 00:00:25 (the host allows 30 s to
    /// stop). Default 00:00:05; 00:00:00 stops at once.
    /// </summary>
    public TimeSpan DrainTime { get; set; } = TimeSpan.FromSeconds(5);
}
