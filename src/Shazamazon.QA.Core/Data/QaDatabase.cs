using Npgsql;

namespace Shazamazon.QA.Core.Data;

/// <summary>
/// PostgreSQL as a node uses it. A connection string naming one host is one data source for everything. One naming
/// several (<c>Host=db1:5432,db2:5433</c>, Npgsql multi-host) is a primary with read replicas: writes, LISTEN,
/// migrations and the bulk tools use the primary (<see cref="Primary"/>, <c>Target Session Attributes=primary</c>),
/// and misses read from a standby while one answers, else from the primary (<see cref="Reads"/>,
/// <c>prefer-standby</c>). A standby may lag: <c>DatabaseSource</c> reads the primary when a standby's answer is older
/// than what the node already knows.
/// </summary>
internal sealed class QaDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _root;

    private QaDatabase(NpgsqlDataSource root, NpgsqlDataSource primary, NpgsqlDataSource reads, bool hasReplicas)
    {
        _root = root;
        Primary = primary;
        Reads = reads;
        HasReplicas = hasReplicas;
    }

    /// <summary>Writes, LISTEN, migrations, the bulk tools.</summary>
    public NpgsqlDataSource Primary { get; }

    /// <summary>Misses: a standby while one answers, else the primary.</summary>
    public NpgsqlDataSource Reads { get; }

    /// <summary>True when the connection string names several hosts.</summary>
    public bool HasReplicas { get; }

    /// <summary>True when <paramref name="connectionString"/> names several hosts (a primary and replicas).</summary>
    public static bool NamesReplicas(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Host?.Contains(',', StringComparison.Ordinal) == true;

    public static QaDatabase Create(string connectionString)
    {
        var builder = QaDataSource.Builder(connectionString);
        if (!NamesReplicas(connectionString))
        {
            var single = builder.Build();
            return new QaDatabase(single, single, single, hasReplicas: false);
        }

        var hosts = builder.BuildMultiHost();
        return new QaDatabase(hosts, hosts.WithTargetSession(TargetSessionAttributes.Primary),
            hosts.WithTargetSession(TargetSessionAttributes.PreferStandby), hasReplicas: true);
    }

    public ValueTask DisposeAsync() => _root.DisposeAsync();
}
