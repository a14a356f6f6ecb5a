namespace Shazamazon.QA.Core.Data;

/// <summary>How a node uses PostgreSQL (configuration section <c>Qa:Database</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Qa:Database";

    /// <summary>Apply pending migrations before the host starts serving. Default false (run <c>EdgeHost migrate</c>).</summary>
    public bool MigrateOnStart { get; set; }

    /// <summary>
    /// The longest a cache fill waits for PostgreSQL, connection included, before it counts as a failure (a stale entry
    /// then answers, or the request gets a 503). Default 00:00:02.
    /// </summary>
    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The most connections per host for writes, LISTEN, migrations and health checks: a pool apart from the misses'
    /// (sized by the connection string's <c>Maximum Pool Size</c>), so a flood of misses never makes a write or a
    /// readiness check wait. Read at start. Default 8.
    /// </summary>
    public int PrimaryPoolSize { get; set; } = 8;

    /// <summary>After this many consecutive failed or timed-out fills, PostgreSQL is skipped for <see cref="BreakDuration"/>. Default 5.</summary>
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>How long fills skip PostgreSQL once the circuit opens; then one call probes it. Default 00:00:05.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(5);
}
