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

    private readonly NpgsqlDataSource _readsRoot;
    private readonly NpgsqlDataSource _primaryRoot;
    private readonly NpgsqlDataSource _checksRoot;

    private QaDatabase(NpgsqlDataSource readsRoot, NpgsqlDataSource reads, NpgsqlDataSource primaryRoot, NpgsqlDataSource primary,
        NpgsqlDataSource checksRoot, NpgsqlDataSource checks, bool hasReplicas)
    {
        _readsRoot = readsRoot;
        _primaryRoot = primaryRoot;
        _checksRoot = checksRoot;
        Reads = reads;
        Primary = primary;
        Checks = checks;
        HasReplicas = hasReplicas;
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

    /// <param name="connectionString">One host, or several (a primary with replicas).</param>
    /// <param name="primaryPoolSize">The writes' and checks' pool, per host.</param>
    /// <param name="readTimeout">
    /// The fills' budget: misses run with a <c>statement_timeout</c> of it, so PostgreSQL itself ends a read the edge has
    /// given up on (a costly search, a lock), even if the cancel request is lost.
    /// </param>
    public static QaDatabase Create(string connectionString, int primaryPoolSize, TimeSpan readTimeout)
    {
        var readsBuilder = QaDataSource.Builder(connectionString);
        var readSettings = readsBuilder.ConnectionStringBuilder;
        if (readSettings.Options?.Contains("statement_timeout", StringComparison.Ordinal) != true)
        {
            readSettings.Options = $"{readSettings.Options} -c statement_timeout={(long)Math.Ceiling(readTimeout.TotalMilliseconds)}".TrimStart();
        }

        var primaryBuilder = QaDataSource.Builder(connectionString);
        primaryBuilder.ConnectionStringBuilder.MaxPoolSize = primaryPoolSize;
        primaryBuilder.ConnectionStringBuilder.MinPoolSize = 0;
        primaryBuilder.ConnectionStringBuilder.ApplicationName = PrimaryApplicationName;
        var checksBuilder = QaDataSource.Builder(connectionString);
        checksBuilder.ConnectionStringBuilder.Pooling = false;
        checksBuilder.ConnectionStringBuilder.ApplicationName = ChecksApplicationName;
        if (!NamesReplicas(connectionString))
        {
            var reads = readsBuilder.Build();
            var primary = primaryBuilder.Build();
            var checks = checksBuilder.Build();
            return new QaDatabase(reads, reads, primary, primary, checks, checks, hasReplicas: false);
        }

        var readHosts = readsBuilder.BuildMultiHost();
        var primaryHosts = primaryBuilder.BuildMultiHost();
        var checkHosts = checksBuilder.BuildMultiHost();
        return new QaDatabase(readHosts, readHosts.WithTargetSession(TargetSessionAttributes.PreferStandby),
            primaryHosts, primaryHosts.WithTargetSession(TargetSessionAttributes.Primary),
            checkHosts, checkHosts.WithTargetSession(TargetSessionAttributes.PreferStandby), hasReplicas: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _readsRoot.DisposeAsync();
        await _primaryRoot.DisposeAsync();
        await _checksRoot.DisposeAsync();
    }
}
