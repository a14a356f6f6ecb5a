using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// A JSON-lines export of the legacy widget's database: one document per line, in the <c>/item</c> shape
/// (<c>{"ProductId", "ItemName", "Category", "QA": [{"_id", "Qstn", "Ans", "Author", "Votes", "Date"}]}</c>).
/// A document gives a product; each <c>QA</c> entry a question (id <c>_id</c>, a positive integer, as a string or a
/// number) and, when <c>Ans</c> is set, that question's answer. What the shape lacks is filled in, the same way on
/// every import: e-mails <see cref="UnknownEmail"/>, the answerer <see cref="UnknownName"/>, the answer's date the
/// question's, nothing reported, answers unvoted; answers are matched by question and text (see
/// <see cref="PostTable.LegacyAnswers"/>). The file is read once per table (three passes), so memory stays constant.
/// </summary>
internal sealed class LegacyDocuments : ImportSource
{
    /// <summary>The e-mail address stored for legacy askers and answerers (the shape has none).</summary>
    public const string UnknownEmail = "unknown@legacy.invalid";

    /// <summary>The name stored for legacy answerers (the shape has none).</summary>
    public const string UnknownName = "unknown";

    private const int ProgressEveryLines = 16_384;
    private readonly string _path;
    private readonly string _file;

    public LegacyDocuments(string path)
    {
        if (!File.Exists(path))
        {
            throw new ImportInputException($"{path} does not exist: give a JSON-lines file of legacy product documents.");
        }

        (_path, _file) = (path, Path.GetFileName(path));
        TotalBytes = 3 * new FileInfo(path).Length;
    }

    public override long TotalBytes { get; }

    public override ImportTable[] Tables() => [new ProductTable(), PostTable.Questions(), PostTable.LegacyAnswers()];

    public override string? FileOf(ImportTable table) => _file;

    public override void Stage(ImportTable table, RowTarget target, ImportPosition position, CancellationToken cancellationToken)
    {
        using var reader = OpenText(_path);
        var stream = reader.BaseStream;
        var length = stream.Length;
        var startBytes = position.Bytes;
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (Parse(text, out var error) is not { } document)
            {
                if (table is ProductTable)
                {
                    target.Take(table, line, error); // reported once, in the products pass
                }

                continue;
            }

            foreach (var reason in Rows(table, document))
            {
                target.Take(table, line, reason);
            }

            if (line % ProgressEveryLines == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                position.Report(_file, target.Rows, startBytes + stream.Position);
            }
        }

        position.Report(_file, target.Rows, startBytes + length, final: true);
    }

    // Sets each of the document's rows for the table in turn, yielding null when it is valid (ready to stage) or the reason.
    private static IEnumerable<string?> Rows(ImportTable table, LegacyDocument document)
    {
        var productId = document.ProductId ?? 0;
        if (table is ProductTable products)
        {
            yield return productId <= 0 ? "ProductId must be a positive 64-bit integer."
                : products.Set(productId, document.ItemName ?? string.Empty, document.Category ?? string.Empty, "ItemName", "Category");
            yield break;
        }

        var posts = (PostTable)table;
        for (var i = 0; i < (document.QA?.Count ?? 0); i++)
        {
            var entry = document.QA![i];
            if (!posts.IsQuestion && string.IsNullOrEmpty(entry.Ans))
            {
                continue; // a question without an answer
            }

            var field = string.Create(CultureInfo.InvariantCulture, $"QA[{i}].");

            if (Id(entry.Id) is not { } id)
            {
                yield return $"{field}_id must be a positive 64-bit integer (the question id), as a string or a number.";
                continue;
            }

            if (Date(entry.Date) is not { } date)
            {
                yield return $"{field}Date must be an ISO-8601 date (2021-03-01T12:00:00Z) or epoch milliseconds.";
                continue;
            }

            yield return posts.IsQuestion
                ? posts.Set(id, productId, entry.Qstn ?? string.Empty, date, entry.Author ?? string.Empty, UnknownEmail, "approved",
                    entry.Votes ?? 0, (field + "Qstn", field + "Author", "e-mail"))
                : posts.Set(id, id, entry.Ans!, date, UnknownName, UnknownEmail, "approved", helpful: 0, (field + "Ans", "answerer", "e-mail"));
        }
    }

    private static LegacyDocument? Parse(string text, out string? error)
    {
        try
        {
            error = null;
            return JsonSerializer.Deserialize(text, LegacyJsonContext.Default.LegacyDocument)
                ?? throw new JsonException("The line is null, not a document.");
        }
        catch (JsonException ex)
        {
            error = $"not a legacy document: {ex.Message}";
            return null;
        }
    }

    private static long? Id(JsonElement id) => id.ValueKind switch
    {
        JsonValueKind.Number when id.TryGetInt64(out var n) && n > 0 => n,
        JsonValueKind.String when ImportFields.Id(id.GetString(), "_id", out var n) is null => n,
        _ => null,
    };

    private static DateTime? Date(JsonElement date) => date.ValueKind switch
    {
        JsonValueKind.String when ImportFields.Date(date.GetString(), "Date", out var d) is null => d,
        JsonValueKind.Number when ImportFields.Date(date.GetRawText(), "Date", out var d) is null => d,
        _ => null,
    };
}
