using System.Reflection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Shazamazon.QA.Core.Data.Migrations;

/// <summary>
/// Applies the versioned SQL migrations embedded in this assembly (<c>Data/Migrations/NNNN_name.sql</c>), each in its
/// own transaction, in order, once. A PostgreSQL advisory lock keeps concurrent starters from racing.
/// </summary>
public sealed partial class DatabaseMigrator
{
    private const long AdvisoryLockKey = 0x51_41_45_64_67_65; // "QAEdge"
    private readonly NpgsqlDataSource _dataSource;
    private readonly ILogger<DatabaseMigrator> _logger;

    /// <summary>Creates a migrator over the application's data source.</summary>
    public DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
    {
        _dataSource = dataSource;
        _logger = logger;
    }

    /// <summary>The migrations this build knows, in the order they apply.</summary>
    internal static IReadOnlyList<Migration> Known { get; } = LoadEmbedded();

    /// <summary>The newest migration this build carries.</summary>
    internal static int LatestVersion { get; } = Known[^1].Version;

    /// <summary>Applies every migration the database has not seen yet.</summary>
    /// <returns>The versions applied by this call (empty when the schema was already current).</returns>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS qa_schema_migrations (
                    version    integer     PRIMARY KEY,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);

            var applied = new HashSet<int>();
            await using (var command = new NpgsqlCommand("SELECT version FROM qa_schema_migrations", connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    applied.Add(reader.GetInt32(0));
                }
            }

            var done = new List<int>();
            foreach (var migration in Known.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, migration.Sql, cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO qa_schema_migrations (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.Add(new() { Value = migration.Version });
                    record.Parameters.Add(new() { Value = migration.Name });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                LogApplied(migration.Version, migration.Name);
                done.Add(migration.Version);
            }

            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<Migration> LoadEmbedded()
    {
        var assembly = typeof(DatabaseMigrator).Assembly;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Migrations.", StringComparison.Ordinal)))
        {
            // Migrations.0001_initial_schema.sql
            var fileName = resource["Migrations.".Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            var version = int.Parse(fileName[..separator], System.Globalization.CultureInfo.InvariantCulture);
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }

        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        return migrations;
    }

    [LoggerMessage(LogEvents.MigrationApplied, LogLevel.Information, "Applied migration {Version} ({Name}).")]
    private partial void LogApplied(int version, string name);
}
