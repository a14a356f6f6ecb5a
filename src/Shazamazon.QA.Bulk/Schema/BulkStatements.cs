using Npgsql;

namespace Shazamazon.QA.Bulk.Schema;

/// <summary>
/// Statements on a bulk job's connection (import, seeding, the bulk-load schema), inside whatever transaction it has
/// open, without a command timeout: at full scale a load or an index build takes minutes.
/// </summary>
internal static class BulkStatements
{
    public static NpgsqlCommand Command(this NpgsqlConnection connection, string sql) => new(sql, connection) { CommandTimeout = 0 };

    public static async Task ExecuteAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<long> ScalarAsync(this NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.Command(sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
