namespace Shazamazon.QA.EdgeHost.Startup;

/// <summary>Options of section <c>Qa:Database</c>.</summary>
public sealed class DatabaseStartupOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Qa:Database";

    /// <summary>Apply pending migrations before the host starts serving. Default false (run <c>EdgeHost migrate</c>).</summary>
    public bool MigrateOnStart { get; set; }
}
