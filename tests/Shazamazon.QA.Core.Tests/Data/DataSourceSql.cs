using Npgsql;

namespace Shazamazon.QA.Core.Tests.Data;

/// <summary>One SQL text against a test database: run it, or read its one value.</summary>
internal static class DataSourceSql
{
    public static async Task ExecuteAsync(this NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(this NpgsqlDataSource database, string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
