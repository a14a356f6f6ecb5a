using Shazamazon.QA.EdgeHost.Origin;

namespace Shazamazon.QA.EdgeHost.Startup;

/// <summary>
/// The settings that decide what the host registers: <c>Qa:Source</c>, <c>ConnectionStrings:Postgres</c> (required from a
/// node that reads PostgreSQL, and from every command), <c>ConnectionStrings:Redis</c> (optional: without it the cache is
/// L1 only) and, for an origin-mode node, the <c>origin</c> cluster. They are needed before the service container
/// exists, where options validation cannot reach, so they are read here, once, and every failure is reported at once,
/// naming its key.
/// </summary>
/// <param name="Source">Where misses are filled from.</param>
/// <param name="Postgres">The PostgreSQL connection string; null for an origin-mode node.</param>
/// <param name="Redis">The Redis connection string; null when Redis is not used.</param>
internal sealed record StartupSettings(QaSourceKind Source, string? Postgres, string? Redis)
{
    public const string SourceKey = "Qa:Source";

    /// <summary>Reads and checks the settings of a serving node.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid; the message names each.</exception>
    public static StartupSettings ForServer(IConfiguration configuration) => Read(configuration, command: false);

    /// <summary>Reads and checks the settings of a maintenance command, which always works on PostgreSQL.</summary>
    /// <exception cref="InvalidOperationException">A setting is missing or invalid; the message names each.</exception>
    public static StartupSettings ForCommand(IConfiguration configuration) => Read(configuration, command: true);

    /// <summary>The PostgreSQL connection string, which <see cref="Read"/> checked is set wherever it is required.</summary>
    public string RequiredPostgres => Postgres ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");

    private static StartupSettings Read(IConfiguration configuration, bool command)
    {
        var failures = new List<string>();
        var source = configuration[SourceKey] switch
        {
            null or "" or "Database" => QaSourceKind.Database,
            "Origin" => QaSourceKind.Origin,
            var other => Fail(QaSourceKind.Database,
                $"{SourceKey} is '{other}'; set it to 'Database' (read PostgreSQL) or 'Origin' (forward to the ReverseProxy cluster '{OriginClient.ClusterId}')."),
        };
        var postgres = Value(configuration.GetConnectionString("Postgres"));
        if (postgres is null && (command || source == QaSourceKind.Database))
        {
            failures.Add("ConnectionStrings:Postgres is not set. Set it in appsettings.json or the environment " +
                "(ConnectionStrings__Postgres=\"Host=127.0.0.1;Port=5432;Database=qa;Username=qa\")" + (command ? "." : ", or set Qa:Source=Origin."));
        }

        if (!command && source == QaSourceKind.Origin
            && !configuration.GetSection($"ReverseProxy:Clusters:{OriginClient.ClusterId}:Destinations").GetChildren().Any(d => Value(d["Address"]) is not null))
        {
            failures.Add($"Qa:Source is 'Origin' but ReverseProxy:Clusters:{OriginClient.ClusterId} has no destination. Add one, e.g. " +
                $"ReverseProxy__Clusters__{OriginClient.ClusterId}__Destinations__primary__Address=http://127.0.0.1:5080/, or set Qa:Source=Database.");
        }

        return failures.Count == 0
            ? new StartupSettings(source, postgres, Value(configuration.GetConnectionString("Redis")))
            : throw new InvalidOperationException(string.Join(Environment.NewLine, failures));

        QaSourceKind Fail(QaSourceKind fallback, string failure)
        {
            failures.Add(failure);
            return fallback;
        }
    }

    private static string? Value(string? setting) => string.IsNullOrWhiteSpace(setting) ? null : setting;
}
