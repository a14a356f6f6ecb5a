using Npgsql;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>Statements on an import's connection, inside its transaction, without a command timeout (a load may take hours).</summary>
internal static class ImportConnection
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
