namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// The cross-row checks of an import into empty tables, made as rows are read (files in order: products, questions,
/// answers): an id repeated within a file, a question whose product, or an answer whose question, was not accepted.
/// The database holds nothing else they could refer to.
/// </summary>
internal sealed class InMemoryChecks
{
    private readonly Dictionary<string, KnownIds> _accepted = new(StringComparer.Ordinal);

    public string? Check(ImportTable table)
    {
        if (table.ParentTable is { } parentTable && !Accepted(parentTable).Contains(table.ParentId))
        {
            return $"{table.ParentColumn} {table.ParentId} {ImportTable.MissingParentReason}";
        }

        return Accepted(table.Name).Add(table.Id) ? null : $"id {table.Id} repeats an earlier line.";
    }

    private KnownIds Accepted(string table)
    {
        if (!_accepted.TryGetValue(table, out var ids))
        {
            _accepted[table] = ids = new KnownIds();
        }

        return ids;
    }
}
