using nietras.SeparatedValues;
using Npgsql;
using NpgsqlTypes;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.Bulk.Import;

/// <summary><c>products.csv</c>: <c>id, name, category</c> (other columns, such as a shop's slogan or price, are ignored).</summary>
internal sealed class ProductTable : ImportTable
{
    /// <summary>The longest product name and category accepted.</summary>
    public const int MaxNameLength = 200;

    private long _id;
    private string _name = string.Empty;
    private string _category = string.Empty;

    public override string Name => "products";

    public override IReadOnlyList<string> CsvColumns { get; } = ["id", "name", "category"];

    public override IReadOnlyList<(string Name, string Type)> Columns { get; } = [("id", "bigint"), ("name", "text"), ("category", "text")];

    public override string? OrphansSql => null;

    public override string Returning => "t.id";

    public override string ChangedProductsSql => "SELECT id FROM moved";

    public override long Id => _id;

    public override long ParentId => 0;

    public override string? Read(SepReader.Row row, ReadOnlySpan<int> columns)
    {
        if (ImportFields.Id(row[columns[0]].Span, "id", out var id) is { } error)
        {
            return error;
        }

        return Set(id, row[columns[1]].ToString(), row[columns[2]].ToString());
    }

    /// <summary>Checks and keeps one product; null when valid, else the reason.</summary>
    public string? Set(long id, string name, string category, string nameField = "name", string categoryField = "category")
    {
        (_id, _name, _category) = (id, name, category);
        return Text(_name, nameField) ?? Text(_category, categoryField);
    }

    public override void WriteValues(NpgsqlBinaryImporter importer)
    {
        importer.Write(_id, NpgsqlDbType.Bigint);
        importer.Write(_name, NpgsqlDbType.Text);
        importer.Write(_category, NpgsqlDbType.Text);
    }

    private static string? Text(string value, string column) =>
        string.IsNullOrWhiteSpace(value) ? $"{column} is required (1 to {MaxNameLength} characters)."
        : value.Length > MaxNameLength ? $"{column} must be at most {MaxNameLength} characters."
        : !TextRules.IsPrintable(value, allowLineBreaks: false) ? $"{column} must not contain control characters or line breaks."
        : null;
}
