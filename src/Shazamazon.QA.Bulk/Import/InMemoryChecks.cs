namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// The cross-row checks of an import into empty tables, made as rows are read (files in order: products, questions,
/// answers): an id (or a person's vote or report on an item) repeated within a file, a row whose parent (product, question or
/// answer) was not accepted.
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

        if (table.Person is { } person)
        {
            if (!_people.TryGetValue(table.Name, out var keys))
            {
                _people[table.Name] = keys = [];
            }

            return keys.Add((table.ParentId, person)) ? null : $"{table.ParentColumn} {table.ParentId} and {table.KeyColumns[1]} '{person}' repeat an earlier line.";
        }

        return Accepted(table.Name).Add(table.Id) ? null : $"id {table.Id} repeats an earlier line.";
    }

    // Votes and reports: the (item, person) pairs accepted so far, per table.
    private readonly Dictionary<string, HashSet<(long Item, string Person)>> _people = new(StringComparer.Ordinal);

    private KnownIds Accepted(string table)
    {
        if (!_accepted.TryGetValue(table, out var ids))
        {
            _accepted[table] = ids = new KnownIds();
        }

        return ids;
    }
}
