using System.Data.Common;
using Npgsql;

namespace Shazamazon.QA.Core.Data;

/// <summary>
/// Builds the Npgsql data source with the settings the edge's queries are written for, each applied only where the
/// connection string leaves it unset (an explicit setting always wins):
/// <list type="bullet">
/// <item><c>Max Auto Prepare=32</c>: the edge runs a dozen statements; prepared once per connection, they are neither
/// parsed nor planned again.</item>
/// <item><c>plan_cache_mode=force_generic_plan</c> (in <c>Options</c>): every statement is a key lookup whose plan
/// does not depend on the values, so a prepared statement keeps one generic plan instead of planning each execution
/// (PostgreSQL's default plans the first five and keeps custom-planning queries whose LIMIT is a parameter).</item>
/// <item><c>No Reset On Close=true</c>: nothing the edge does changes session state, so a connection returned to the
/// pool needs no reset round trip.</item>
/// <item><c>Timeout=3</c> (seconds to connect): a fill gives up waiting at <c>Qa:Database:ReadTimeout</c>, and a
/// connection attempt that hangs (a dead network path) then ends soon after, not in Npgsql's default 15 s.</item>
/// </list>
/// Measured on the full data set (docs/benchmarks.md): misses went from about 1,700 to 3,300 per second.
/// </summary>
internal static class QaDataSource
{
    /// <summary>The connect timeout, in seconds, where the connection string sets none.</summary>
    public const int ConnectTimeoutSeconds = 3;

    public static NpgsqlDataSource Create(string connectionString) => Builder(connectionString).Build();

    /// <summary>The builder with the edge's settings, for a data source over one host or several (<see cref="QaDatabase"/>).</summary>
    public static NpgsqlDataSourceBuilder Builder(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        settings.ApplicationName ??= "QaEdge";
        if (!IsSet(given, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            settings.MaxAutoPrepare = 32;
        }

        if (!IsSet(given, "No Reset On Close", "NoResetOnClose"))
        {
            settings.NoResetOnClose = true;
        }

        if (!IsSet(given, "Timeout", "Connect Timeout", "ConnectTimeout"))
        {
            settings.Timeout = ConnectTimeoutSeconds;
        }

        SetServerOption(builder, "plan_cache_mode", "force_generic_plan");
        return builder;
    }

    /// <summary>Sets a PostgreSQL session setting (<c>Options=-c name=value</c>) unless the connection string sets it.</summary>
    public static void SetServerOption(NpgsqlDataSourceBuilder builder, string name, string value)
    {
        var settings = builder.ConnectionStringBuilder;
        if (settings.Options?.Contains(name, StringComparison.Ordinal) != true)
        {
            settings.Options = $"{settings.Options} -c {name}={value}".TrimStart();
        }
    }

    private static bool IsSet(DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);
}
