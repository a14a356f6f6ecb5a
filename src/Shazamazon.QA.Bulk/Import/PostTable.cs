using nietras.SeparatedValues;
using Npgsql;
using NpgsqlTypes;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// <c>questions.csv</c> (<c>id, product_id, body, date_written, asker_name, asker_email, reported, helpful</c>, and
/// optionally <c>status</c>) and <c>answers.csv</c> (<c>id, question_id, body, date_written, answerer_name,
/// answerer_email, reported, helpful</c>, optionally <c>status</c>): the same shape under a parent. Text follows the
/// API's write rules. The moderation status is <c>status</c> (<c>approved</c>, <c>pending</c> or <c>rejected</c>) when
/// the file has it; otherwise a reported row is <c>pending</c> (a moderator decides it) and any other <c>approved</c>.
/// Exports write both columns, so the original service's loaders still read them.
/// </summary>
internal sealed class PostTable : ImportTable
{
    private const int MaxKnownEmails = 1_000_000; // about 100 MB at most
    private const string Approved = "approved";
    private static readonly string[] Statuses = [Approved, "pending", "rejected"];

    private readonly string _name;
    private readonly string _parent;
    private readonly string _author;
    private bool _byContent;
    private readonly HashSet<string> _validEmails = new(StringComparer.Ordinal);
    private long _id;
    private long _parentId;
    private string _body = string.Empty;
    private DateTime _createdAt;
    private string _authorName = string.Empty;
    private string _authorEmail = string.Empty;
    private string _status = Approved;
    private int _helpful;

    private PostTable(string name, string parent, string author)
    {
        (_name, _parent, _author) = (name, parent, author);
        CsvColumns = ["id", parent, "body", "date_written", author + "_name", author + "_email", "reported", "helpful"];
        Columns = [("id", "bigint"), (parent, "bigint"), ("body", "text"), ("created_at", "timestamptz"), (author + "_name", "text"),
            (author + "_email", "text"), ("status", "qa_status"), ("helpful", "integer")];
    }

    public static PostTable Questions() => new("questions", "product_id", "asker");

    public static PostTable Answers() => new("answers", "question_id", "answerer");

    /// <summary>
    /// The answers of legacy documents, which have no ids of their own: staged under their question's id (at most one
    /// per question), and matched by content, so a re-import finds them and nothing else's id is ever taken. Into
    /// empty tables they keep that id; otherwise they take new ones from the answers' sequence.
    /// </summary>
    public static PostTable LegacyAnswers() => new("answers", "question_id", "answerer") { _byContent = true };

    public override string Name => _name;

    public override IReadOnlyList<string> CsvColumns { get; }

    public override IReadOnlyList<string> OptionalCsvColumns { get; } = ["status"];

    public override IReadOnlyList<(string Name, string Type)> Columns { get; }

    // reported (for the original service's loaders) and status, from the one stored column.
    public override IEnumerable<string> ExportColumns =>
        Columns.Zip(CsvColumns, (column, csv) => csv == "reported" ? "status <> 'approved' AS reported" : ExportColumn(column, csv))
            .Append("status::text AS status");

    /// <summary>True for questions (under products), false for answers (under questions).</summary>
    public bool IsQuestion => _parent == "product_id";

    public override string ParentTable => IsQuestion ? "products" : "questions";

    public override string ParentColumn => _parent;

    public override string OrphansSql => $"""
        DELETE FROM {Staging} s
        WHERE NOT EXISTS (SELECT 1 FROM stage_{ParentTable} p WHERE p.id = s.{_parent})
          AND NOT EXISTS (SELECT 1 FROM {ParentTable} p WHERE p.id = s.{_parent})
        RETURNING s.line, format('{_parent} %s {MissingParentReason}', s.{_parent})
        """;

    // Legacy answers have no ids: one is new unless its question already has an answer with its text.
    protected override string WriteSql => !_byContent ? base.WriteSql : """
        INSERT INTO answers AS t (question_id, body, created_at, answerer_name, answerer_email, status, helpful)
        SELECT question_id, body, created_at, answerer_name, answerer_email, status, helpful FROM stage_answers s
        WHERE NOT EXISTS (SELECT FROM answers a WHERE a.question_id = s.question_id AND a.body = s.body)
        RETURNING t.question_id, true AS inserted
        """;

    public override string? MovedAwaySql => _byContent ? null : IsQuestion
        ? "INSERT INTO import_changed (product_id) SELECT q.product_id FROM questions q JOIN stage_questions s ON s.id = q.id WHERE s.product_id <> q.product_id"
        : """
          INSERT INTO import_changed (product_id) SELECT q.product_id FROM answers a JOIN stage_answers s ON s.id = a.id
          JOIN questions q ON q.id = a.question_id WHERE s.question_id <> a.question_id
          """;

    public override string Returning => "t." + _parent;

    public override string ChangedProductsSql => IsQuestion
        ? "SELECT DISTINCT product_id FROM moved"
        : "SELECT DISTINCT q.product_id FROM moved m JOIN questions q ON q.id = m.question_id";

    public override long Id => _id;

    public override long ParentId => _parentId;

    public override string? Read(SepReader.Row row, ReadOnlySpan<int> columns)
    {
        long parentId = 0;
        DateTime createdAt = default;
        bool reported = false;
        int helpful = 0;
        var error = ImportFields.Id(row[columns[0]].Span, "id", out var id);
        error ??= ImportFields.Id(row[columns[1]].Span, _parent, out parentId);
        error ??= ImportFields.Date(row[columns[3]].Span, "date_written", out createdAt);
        error ??= ImportFields.Boolean(row[columns[6]].Span, "reported", out reported);
        error ??= ImportFields.Integer(row[columns[7]].Span, "helpful", out helpful);
        string? status = reported ? "pending" : Approved;
        if (error is null && columns[8] >= 0 && row[columns[8]].Span.Trim() is { IsEmpty: false } named)
        {
            status = null;
            foreach (var known in Statuses)
            {
                status ??= named.Equals(known, StringComparison.OrdinalIgnoreCase) ? known : null;
            }

            error = status is null ? $"status is '{named}'; it must be approved, pending or rejected (or empty: reported then decides)." : null;
        }

        return error ?? Set(id, parentId, row[columns[2]].ToString(), createdAt, row[columns[4]].ToString(), row[columns[5]].ToString(), status!, helpful);
    }

    /// <summary>
    /// Checks and keeps one question or answer (text by the API's write rules); null when valid, else the reason.
    /// <paramref name="fields"/> says how reasons name the body and author fields; by default as the CSV columns.
    /// </summary>
    public string? Set(long id, long parentId, string body, DateTime createdAt, string authorName, string authorEmail, string status, int helpful,
        (string Body, string Name, string Email)? fields = null)
    {
        var (bodyField, nameField, emailField) = fields ?? ("body", _author + "_name", _author + "_email");
        (_id, _parentId, _body, _createdAt, _authorName, _authorEmail, _status, _helpful) =
            (id, parentId, body, createdAt, authorName, authorEmail, status, helpful);
        var errors = new FieldErrors();
        WriteValidator.Body(_body, bodyField, errors);
        WriteValidator.Name(_authorName, nameField, errors);
        if (!_validEmails.Contains(_authorEmail))
        {
            WriteValidator.Email(_authorEmail, emailField, errors);
            if (errors.IsEmpty)
            {
                Remember(_authorEmail);
            }
        }

        return errors.IsEmpty ? null : errors.Summary();
    }

    // Authors write many posts: an address checked once (the check parses it, ~1.5 µs) is known valid after.
    private void Remember(string email)
    {
        if (_validEmails.Count >= MaxKnownEmails)
        {
            _validEmails.Clear();
        }

        _validEmails.Add(email);
    }

    public override void WriteValues(NpgsqlBinaryImporter importer)
    {
        importer.Write(_id, NpgsqlDbType.Bigint);
        importer.Write(_parentId, NpgsqlDbType.Bigint);
        importer.Write(_body, NpgsqlDbType.Text);
        importer.Write(_createdAt, NpgsqlDbType.TimestampTz);
        importer.Write(_authorName, NpgsqlDbType.Text);
        importer.Write(_authorEmail, NpgsqlDbType.Text);
        importer.Write(_status, NpgsqlDbType.Text); // a qa_status: binary COPY sends an enum as its label
        importer.Write(_helpful, NpgsqlDbType.Integer);
    }
}
