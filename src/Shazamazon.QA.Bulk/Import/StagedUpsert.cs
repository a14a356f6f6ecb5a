using Npgsql;
using Shazamazon.QA.Bulk.Schema;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// An import into a database holding Q&amp;A: rows go by binary COPY into temporary staging tables, are checked there
/// against each other (a repeated id) and the stored rows (a question of an unknown product, an answer to an unknown
/// question), then upserted by id, so re-importing the same files changes nothing. Every product whose Q&amp;A changed
/// is noted in <c>import_changed</c>. The tables are not locked: the database keeps serving reads meanwhile.
/// </summary>
internal sealed class StagedUpsert(NpgsqlConnection connection) : ImportStrategy(connection)
{
    public override bool Stages => true;

    public override InMemoryChecks? Checks => null;

    public override async Task PrepareAsync(IReadOnlyList<TableRun> runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            await Connection.ExecuteAsync(run.Table.CreateStagingSql, cancellationToken);
        }

        await Connection.ExecuteAsync("CREATE TEMP TABLE import_changed (product_id bigint NOT NULL) ON COMMIT DROP", cancellationToken);
    }

    public override Task LoadedAsync(TableRun run, CancellationToken cancellationToken) =>
        Connection.ExecuteAsync($"ANALYZE {run.Table.Staging}", cancellationToken);

    // Parents before children, so an answer to a rejected question is rejected too (unless the question is already
    // stored). A file whose ids only ascend (as exports and most dumps are) cannot repeat one, and skips that check.
    public override async Task CheckAsync(IReadOnlyList<TableRun> runs, RejectLog rejects, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            if (!run.Ascending)
            {
                run.Rejected += await RejectAsync(run.Table.DuplicatesSql, run.File!, rejects, cancellationToken);
            }

            if (run.Table.OrphansSql is { } orphans)
            {
                run.Rejected += await RejectAsync(orphans, run.File!, rejects, cancellationToken);
            }
        }
    }

    public override async Task<long> MoveInAsync(IReadOnlyList<TableRun> runs, CancellationToken cancellationToken)
    {
        foreach (var run in runs)
        {
            if (run.Table.MovedAwaySql is { } movedAway)
            {
                await Connection.ExecuteAsync(movedAway, cancellationToken);
            }

            await using var command = Connection.Command(run.Table.MoveSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            (run.Inserted, run.Updated) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        return await Connection.ScalarAsync("SELECT count(DISTINCT product_id) FROM import_changed", cancellationToken);
    }

    // Stamps each changed product with a new version and announces it (migration 0002's qa_touch_products).
    public override Task AnnounceEachAsync(CancellationToken cancellationToken) =>
        Connection.ExecuteAsync("SELECT qa_touch_products(ARRAY(SELECT DISTINCT product_id FROM import_changed))", cancellationToken);

    private async Task<long> RejectAsync(string sql, string file, RejectLog rejects, CancellationToken cancellationToken)
    {
        await using var command = Connection.Command(sql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new List<(long Line, string Reason)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        foreach (var (line, reason) in found.OrderBy(f => f.Line))
        {
            rejects.Add(file, line, reason);
        }

        return found.Count;
    }
}
