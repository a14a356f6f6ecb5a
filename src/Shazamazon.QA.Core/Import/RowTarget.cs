using Npgsql;
using NpgsqlTypes;

namespace Shazamazon.QA.Core.Import;

/// <summary>
/// Where an import source sends the rows it accepted: a staging table (each row under its line, checked later in SQL),
/// or, for an import into empty tables, the table itself after the checks of <see cref="InMemoryChecks"/>.
/// </summary>
internal sealed class RowTarget(NpgsqlBinaryImporter importer, bool staging, InMemoryChecks? checks)
{
    /// <summary>Why the row just read cannot go in (a repeated id, a missing parent); null when it can, or when SQL will tell.</summary>
    public string? Check(ImportTable table) => checks?.Check(table);

    public void Write(ImportTable table, long line)
    {
        importer.StartRow();
        if (staging)
        {
            importer.Write(line, NpgsqlDbType.Bigint);
        }

        table.WriteValues(importer);
    }
}
