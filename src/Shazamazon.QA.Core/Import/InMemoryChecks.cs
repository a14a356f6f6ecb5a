namespace Shazamazon.QA.Core.Import;

/// <summary>
/// The cross-row checks of an import into empty tables, made as rows are read (files in order: products, questions,
/// answers): an id repeated within a file, a question whose product, or an answer whose question, was not accepted.
/// The database holds nothing else they could refer to.
/// </summary>
internal sealed class InMemoryChecks
{
    private readonly KnownIds _products = new();
    private readonly KnownIds _questions = new();
    private readonly KnownIds _answers = new();

    public string? Check(ImportTable table)
    {
        var (own, parents, parentName) = table.Name switch
        {
            "products" => (_products, null, null),
            "questions" => (_questions, _products, "product_id"),
            _ => (_answers, _questions, "question_id"),
        };
        if (parents is not null && !parents.Contains(table.ParentId))
        {
            return $"{parentName} {table.ParentId} does not exist (not in the database, nor accepted from this import).";
        }

        return own.Add(table.Id) ? null : $"id {table.Id} repeats an earlier line.";
    }
}
