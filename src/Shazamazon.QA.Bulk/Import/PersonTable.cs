using nietras.SeparatedValues;
using Npgsql;
using NpgsqlTypes;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Core.Validation;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// One person's vote or report on an item, keyed by (item, person), migrations 0005 and 0006:
/// <c>question_votes.csv</c> and <c>answer_votes.csv</c> (<c>question_id</c> or <c>answer_id</c>, <c>voter</c>,
/// <c>direction</c> <c>up</c>/<c>down</c> (or 1/-1), <c>voted_at</c>); <c>question_reports.csv</c> and
/// <c>answer_reports.csv</c> (the item, <c>reporter</c>, <c>reason</c>, <c>reported_at</c>). They carry what the
/// items' own rows already count (<c>helpful</c>, <c>status</c>), so importing them changes no page: it keeps one vote
/// or report per person when people vote or report again.
/// </summary>
internal sealed class PersonTable : ImportTable
{
    private readonly string _name;
    private readonly string _item;
    private readonly string _person;
    private readonly string _value;
    private readonly string _time;
    private readonly bool _isVote;
    private long _itemId;
    private string _personId = string.Empty;
    private short _direction;
    private string _reason = string.Empty;
    private DateTime _at;

    private PersonTable(string name, string item, string parentTable, string person, string value, string time)
    {
        (_name, _item, _person, _value, _time, ParentTable) = (name, item, person, value, time, parentTable);
        _isVote = value == "direction";
        CsvColumns = [item, person, value, time];
        Columns = [(item, "bigint"), (person, "text"), (value, _isVote ? "smallint" : "qa_report_reason"), (time, "timestamptz")];
        KeyColumns = [item, person];
    }

    public static PersonTable QuestionVotes() => new("question_votes", "question_id", "questions", "voter", "direction", "voted_at");

    public static PersonTable AnswerVotes() => new("answer_votes", "answer_id", "answers", "voter", "direction", "voted_at");

    public static PersonTable QuestionReports() => new("question_reports", "question_id", "questions", "reporter", "reason", "reported_at");

    public static PersonTable AnswerReports() => new("answer_reports", "answer_id", "answers", "reporter", "reason", "reported_at");

    public override string Name => _name;

    public override IReadOnlyList<string> CsvColumns { get; }

    public override IReadOnlyList<(string Name, string Type)> Columns { get; }

    public override IReadOnlyList<string> KeyColumns { get; }

    public override string ParentTable { get; }

    public override string ParentColumn => _item;

    public override string? Person => _personId;

    public override long Id => 0;

    public override long ParentId => _itemId;

    // Directions as words, reasons as their labels: the file reads as the API speaks.
    public override IEnumerable<string> ExportColumns => Columns.Zip(CsvColumns, (column, csv) => csv switch
    {
        "direction" => "CASE direction WHEN 1 THEN 'up' ELSE 'down' END AS direction",
        "reason" => "reason::text AS reason",
        _ => ExportColumn(column, csv),
    });

    public override string OrphansSql => $"""
        DELETE FROM {Staging} s
        WHERE NOT EXISTS (SELECT 1 FROM stage_{ParentTable} p WHERE p.id = s.{_item})
          AND NOT EXISTS (SELECT 1 FROM {ParentTable} p WHERE p.id = s.{_item})
        RETURNING s.line, format('{_item} %s {MissingParentReason}', s.{_item})
        """;

    public override string Returning => "t." + _item;

    // Votes and reports change no page (the items' rows hold their counts and statuses): no product to announce.
    public override string ChangedProductsSql => "SELECT NULL::bigint WHERE false";

    public override string? Read(SepReader.Row row, ReadOnlySpan<int> columns)
    {
        var error = ImportFields.Id(row[columns[0]].Span, _item, out _itemId);
        _personId = row[columns[1]].ToString();
        if (error is null && !WriteValidator.IsOpaqueId(_personId))
        {
            error = $"{_person} must be 1 to {WriteValidator.MaxOpaqueIdLength} printable characters without spaces at either end.";
        }

        var value = row[columns[2]].Span.Trim();
        if (error is null && _isVote)
        {
            _direction = value switch { "up" or "1" => (short)1, "down" or "-1" => (short)-1, _ => (short)0 };
            error = _direction == 0 ? $"direction must be up or down (or 1, -1), not '{value}'." : null;
        }
        else if (error is null)
        {
            _reason = value.ToString();
            error = Report.Reasons.Contains(_reason, StringComparer.Ordinal) ? null : $"reason must be one of {string.Join(", ", Report.Reasons)}, not '{_reason}'.";
        }

        return error ?? ImportFields.Date(row[columns[3]].Span, _time, out _at);
    }

    public override void WriteValues(NpgsqlBinaryImporter importer)
    {
        importer.Write(_itemId, NpgsqlDbType.Bigint);
        importer.Write(_personId, NpgsqlDbType.Text);
        if (_isVote)
        {
            importer.Write(_direction, NpgsqlDbType.Smallint);
        }
        else
        {
            importer.Write(_reason, NpgsqlDbType.Text); // a qa_report_reason: binary COPY sends an enum as its label
        }

        importer.Write(_at, NpgsqlDbType.TimestampTz);
    }
}
