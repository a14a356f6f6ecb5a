using Npgsql;

namespace Shazamazon.QA.Bulk.Schema;

/// <summary>
/// The keys, secondary indexes, foreign keys and change triggers of <c>products</c>, <c>questions</c> and
/// <c>answers</c> (and the keys of the votes and reports on them, whose foreign keys depend on theirs), which bulk loads (the seeder, an import into empty tables) take away before loading and restore
/// after: building an index once over sorted rows, and checking a foreign key with one join, is many times faster
/// than maintaining them row by row; and the change triggers (migration 0002) would collect every loaded row in
/// their transition tables, only to announce products that no cache can hold yet.
/// </summary>
internal static class BulkLoadSchema
{
    /// <summary>Every table of the Q&amp;A, dependents first (an order <c>TRUNCATE</c> and drops accept).</summary>
    public const string Tables = "answer_reports, question_reports, answer_votes, question_votes, answers, questions, products";

    private const string TableOids = "'products'::regclass, 'questions'::regclass, 'answers'::regclass, 'question_votes'::regclass, "
        + "'answer_votes'::regclass, 'question_reports'::regclass, 'answer_reports'::regclass";

    /// <summary>
    /// A query of <c>(phase, name, statement, removal)</c>: the statement restoring each object as it is now, and the one
    /// taking it away. Restoring in phase order (1 primary keys, 2 what the disabled triggers did not compute: the
    /// loaded questions' search vectors and the read model, their answer counters and top answers and the products'
    /// counts (migrations 0004, 0007 and 0009), 3 secondary indexes, the search
    /// index over those vectors among them, 4 foreign keys, 5 triggers enabled) satisfies every dependency; removing in
    /// the reverse order does too (foreign keys before their keys). The two fills are one statement, one after the other: a
    /// seed restores a phase's statements side by side, and two UPDATEs of every question would wait on each other's
    /// row locks, or deadlock.
    /// </summary>
    public const string Definitions = $"""
        SELECT CASE c.contype WHEN 'p' THEN 1 ELSE 4 END AS phase, c.conname::text AS name,
               format('ALTER TABLE %s ADD CONSTRAINT %I %s', c.conrelid::regclass, c.conname, pg_get_constraintdef(c.oid)) AS statement,
               format('ALTER TABLE %s DROP CONSTRAINT %I', c.conrelid::regclass, c.conname) AS removal
        FROM pg_constraint c
        WHERE c.conrelid IN ({TableOids})
          AND c.contype IN ('p', 'f')
        UNION ALL
        SELECT 2, 'search vectors and read model', 'SELECT qa_fill_search_vectors(), qa_fill_read_model()', 'SELECT 0'
        UNION ALL
        SELECT 3, i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), format('DROP INDEX %s', i.indexrelid::regclass)
        FROM pg_index i
        WHERE i.indrelid IN ({TableOids})
          AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
        UNION ALL
        SELECT 5, 'triggers of ' || t, format('ALTER TABLE %I ENABLE TRIGGER USER', t), format('ALTER TABLE %I DISABLE TRIGGER USER', t)
        FROM unnest(ARRAY['products', 'questions', 'answers']) t
        """;

    /// <summary>
    /// Takes away every object of <see cref="Definitions"/> (the triggers are disabled) and returns the statements
    /// restoring them, in order.
    /// </summary>
    public static async Task<IReadOnlyList<string>> DropAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var restore = new List<string>();
        var removals = new List<string>();
        await using (var list = connection.Command($"SELECT statement, removal FROM ({Definitions}) d ORDER BY phase, name"))
        await using (var reader = await list.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                restore.Add(reader.GetString(0));
                removals.Add(reader.GetString(1));
            }
        }

        removals.Reverse();
        foreach (var removal in removals)
        {
            await connection.ExecuteAsync(removal, cancellationToken);
        }

        return restore;
    }
}
