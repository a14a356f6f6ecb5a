using Npgsql;

namespace Shazamazon.QA.Core.Data;

/// <summary>
/// The keys, secondary indexes, foreign keys and change triggers of <c>products</c>, <c>questions</c> and
/// <c>answers</c>, which bulk loads (the seeder, an import into empty tables) take away before loading and restore
/// after: building an index once over sorted rows, and checking a foreign key with one join, is many times faster
/// than maintaining them row by row; and the change triggers (migration 0002) would collect every loaded row in
/// their transition tables, only to announce products that no cache can hold yet.
/// </summary>
internal static class BulkLoadSchema
{
    /// <summary>
    /// A query of <c>(phase, name, statement)</c> restoring each object as it is now; restoring in phase order
    /// (1 primary keys, 2 secondary indexes, 3 foreign keys, 4 triggers enabled) satisfies every dependency.
    /// </summary>
    public const string Definitions = """
        SELECT CASE c.contype WHEN 'p' THEN 1 ELSE 3 END AS phase, c.conname::text AS name,
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS statement
        FROM pg_constraint c
        WHERE c.conrelid IN ('products'::regclass, 'questions'::regclass, 'answers'::regclass) AND c.contype IN ('p', 'f')
        UNION ALL
        SELECT 2, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
        FROM pg_index i
        WHERE i.indrelid IN ('products'::regclass, 'questions'::regclass, 'answers'::regclass)
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        UNION ALL
        SELECT 4, 'triggers of ' || t, format('ALTER TABLE %I ENABLE TRIGGER USER', t)
        FROM unnest(ARRAY['products', 'questions', 'answers']) t
        """;

    /// <summary>
    /// Takes away every object of <see cref="Definitions"/> (foreign keys first, then the keys they depend on, then the
    /// indexes; the triggers are disabled) and returns the statements restoring them, in order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DropAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var restore = new List<string>();
        await using (var list = new NpgsqlCommand($"SELECT statement FROM ({Definitions}) d ORDER BY phase, name", connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                restore.Add(reader.GetString(0));
            }
        }

        List<string> drops = ["ALTER TABLE products DISABLE TRIGGER USER", "ALTER TABLE questions DISABLE TRIGGER USER", "ALTER TABLE answers DISABLE TRIGGER USER"];
        await using (var list = new NpgsqlCommand("""
            SELECT statement FROM (
                SELECT CASE contype WHEN 'f' THEN 1 ELSE 2 END AS step, format('ALTER TABLE %s DROP CONSTRAINT %I', conrelid::regclass, conname) AS statement
                FROM pg_constraint
                WHERE conrelid IN ('products'::regclass, 'questions'::regclass, 'answers'::regclass) AND contype IN ('p', 'f')
                UNION ALL
                SELECT 3, format('DROP INDEX %s', i.indexrelid::regclass)
                FROM pg_index i
                WHERE i.indrelid IN ('products'::regclass, 'questions'::regclass, 'answers'::regclass)
                  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)) d
            ORDER BY step -- foreign keys before the keys they depend on
            """, connection, transaction))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                drops.Add(reader.GetString(0));
            }
        }

        foreach (var drop in drops)
        {
            await using var command = new NpgsqlCommand(drop, connection, transaction) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return restore;
    }
}
