using Npgsql;

namespace Shazamazon.QA.Core.Data;

/// <summary>
/// PostgreSQL as a node uses it, in two pools, so that writes and health checks never wait behind a flood of misses (a
/// bulkhead): misses read through <see cref="Reads"/>, whose pool the connection string sizes (<c>Maximum Pool Size</c>);
/// writes, LISTEN, migrations, the bulk tools and health checks use pools of their own, at most
/// <c>Qa:Database:PrimaryPoolSize</c> connections per host (<see cref="Primary"/>); health checks open a connection of
/// their own each time (<see cref="Checks"/>). A connection
/// string naming one host is that host for everything. One naming several (<c>Host=db1:5432,db2:5433</c>, Npgsql
/// multi-host) is a primary with read replicas: writes go to the primary (<c>Target Session Attributes=primary</c>), and
/// misses read from a standby while one answers, else from the primary (<c>prefer-standby</c>). A standby may lag:
/// <c>DatabaseSource</c> reads the primary when a standby's answer is older than what the node already knows.
/// </summary>
internal sealed class QaDatabase : IAsyncDisposable
{
    /// <summary>The application name of the writes' and checks' pool, as <c>pg_stat_activity</c> shows it.</summary>
    public const string PrimaryApplicationName = "QaEdge (writes)";

    /// <summary>The application name of the health checks' connections.</summary>
    public const string ChecksApplicationName = "QaEdge (checks)";

    // What to dispose: the data sources built, one per pool (a multi-host source for several hosts).
    private readonly List<NpgsqlDataSource> _roots = [];

    /// <param name="connectionString">One host, or several (a primary with replicas).</param>
    /// <param name="primaryPoolSize">The writes' pool, per host.</param>
    /// <param name="readTimeout">
    /// The fills' budget: misses run with a <c>statement_timeout</c> of it, so PostgreSQL itself ends a read the edge has
    /// given up on (a costly search, a lock), even if the cancel request is lost.
    /// </param>
    public QaDatabase(string connectionString, int primaryPoolSize, TimeSpan readTimeout)
    {
        HasReplicas = NamesReplicas(connectionString);

        var reads = QaDataSource.Builder(connectionString);
        QaDataSource.SetServerOption(reads, "statement_timeout", ((long)Math.Ceiling(readTimeout.TotalMilliseconds)).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Reads = Build(reads, TargetSessionAttributes.PreferStandby);

        var primary = QaDataSource.Builder(connectionString);
        primary.ConnectionStringBuilder.MaxPoolSize = primaryPoolSize;
        primary.ConnectionStringBuilder.MinPoolSize = 0;
        primary.ConnectionStringBuilder.ApplicationName = PrimaryApplicationName;
        Primary = Build(primary, TargetSessionAttributes.Primary);

        var checks = QaDataSource.Builder(connectionString);
        checks.ConnectionStringBuilder.Pooling = false;
        checks.ConnectionStringBuilder.ApplicationName = ChecksApplicationName;
        Checks = Build(checks, TargetSessionAttributes.PreferStandby);
    }

    /// <summary>Writes, LISTEN, migrations, the bulk tools: the primary, in the small pool.</summary>
    public NpgsqlDataSource Primary { get; }

    /// <summary>Misses: a standby while one answers, else the primary, in the pool the connection string sizes.</summary>
    public NpgsqlDataSource Reads { get; }

    /// <summary>
    /// Health checks of the read path (a standby while one answers), each on a new connection: never waiting for a pool
    /// the misses hold, and never judging a server by an idle connection that died with its earlier run.
    /// </summary>
    public NpgsqlDataSource Checks { get; }

    /// <summary>True when the connection string names several hosts.</summary>
    public bool HasReplicas { get; }

    /// <summary>True when <paramref name="connectionString"/> names several hosts (a primary and replicas).</summary>
    public static bool NamesReplicas(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Host?.Contains(',', StringComparison.Ordinal) == true;

    public async ValueTask DisposeAsync()
    {
        foreach (var root in _roots)
        {
            await root.DisposeAsync();
        }
    }

    // One host: the data source itself. Several: a multi-host source, used with the given target.
    private NpgsqlDataSource Build(NpgsqlDataSourceBuilder builder, TargetSessionAttributes target)
    {
        if (!HasReplicas)
        {
            var single = builder.Build();
            _roots.Add(single);
            return single;
        }

        var hosts = builder.BuildMultiHost();
        _roots.Add(hosts);
        return hosts.WithTargetSession(target);
    }
}
