using Npgsql;
using NpgsqlTypes;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// Where an import source sends each row it read, with the reason it failed if it did: a rejected row goes to the
/// reject file; an accepted one to a staging table (under its line, checked later in SQL) or, for an import into empty
/// tables, to the table itself after the checks of <see cref="InMemoryChecks"/>. Counts the rows, and whether the
/// accepted ids only ascended.
/// </summary>
internal sealed class RowTarget(NpgsqlBinaryImporter importer, bool staging, InMemoryChecks? checks, RejectLog rejects, string file)
{
    private long _previousId;

    /// <summary>Rows taken, accepted or not.</summary>
    public long Rows { get; private set; }

    /// <summary>True while every accepted id was above the one before (no id can then repeat).</summary>
    public bool Ascending { get; private set; } = true;

    /// <summary>Takes the row <paramref name="table"/> last read from <paramref name="line"/>, or rejects it with <paramref name="reason"/>.</summary>
    public void Take(ImportTable table, long line, string? reason)
    {
        Rows++;
        reason ??= checks?.Check(table);
        if (reason is not null)
        {
            rejects.Add(file, line, reason);
            return;
        }

        Ascending &= table.Id > _previousId;
        _previousId = table.Id;
        importer.StartRow();
        if (staging)
        {
            importer.Write(line, NpgsqlDbType.Bigint);
        }

        table.WriteValues(importer);
    }
}
