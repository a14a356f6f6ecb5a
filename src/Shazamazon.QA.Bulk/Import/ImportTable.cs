using nietras.SeparatedValues;
using Npgsql;

namespace Shazamazon.QA.Bulk.Import;

/// <summary>
/// One table of an import: the CSV columns it needs, how a row is checked and written to its staging table, and the
/// SQL that checks staged rows against each other and the database, then moves them in.
/// </summary>
internal abstract class ImportTable
{
    /// <summary>Why a row whose parent is unknown is rejected, after the parent column and id.</summary>
    public const string MissingParentReason = "does not exist (not in the database, nor accepted from this import).";

    /// <summary>The table, which also names its CSV file (<c>{Name}.csv</c>) and staging table (<c>stage_{Name}</c>).</summary>
    public abstract string Name { get; }

    public string Staging => "stage_" + Name;

    /// <summary>The CSV file holding the table's rows.</summary>
    public string CsvFile => Name + ".csv";

    /// <summary>The CSV columns read (others are ignored), in staging order.</summary>
    public abstract IReadOnlyList<string> CsvColumns { get; }

    /// <summary>
    /// CSV columns read when the header names them: <see cref="Read"/> finds their indexes after those of
    /// <see cref="CsvColumns"/>, -1 for each the file lacks.
    /// </summary>
    public virtual IReadOnlyList<string> OptionalCsvColumns => [];

    /// <summary>
    /// The export's select list: every column of <see cref="CsvColumns"/> and <see cref="OptionalCsvColumns"/> as an
    /// expression over the table, named as the CSV column; dates as ISO-8601 UTC with microseconds, so an import
    /// reproduces them exactly.
    /// </summary>
    public virtual IEnumerable<string> ExportColumns => Columns.Zip(CsvColumns, ExportColumn);

    /// <summary>One column of <see cref="ExportColumns"/>: the table's column as the CSV column.</summary>
    protected static string ExportColumn((string Name, string Type) column, string csv) => column.Type == "timestamptz"
        ? $"""to_char({column.Name} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS {csv}"""
        : column.Name == csv ? csv : $"{column.Name} AS {csv}";

    /// <summary>The staging table's columns after <c>line</c>: the table's own names and types, in <see cref="CsvColumns"/> order.</summary>
    public abstract IReadOnlyList<(string Name, string Type)> Columns { get; }

    /// <summary>
    /// Checks one CSV row and keeps its values for <see cref="WriteValues"/>; null when valid, else the reason.
    /// <paramref name="columns"/> holds the index in the row of each of <see cref="CsvColumns"/>.
    /// </summary>
    public abstract string? Read(SepReader.Row row, ReadOnlySpan<int> columns);

    /// <summary>The columns that identify a row: its <c>id</c>, or (item, person) for a vote or a report.</summary>
    public virtual IReadOnlyList<string> KeyColumns => ["id"];

    /// <summary>The person of the row last read, for a table keyed by (item, person); null for a table keyed by id.</summary>
    public virtual string? Person => null;

    /// <summary>The id of the row last read; 0 for a table without ids of its own (votes and reports).</summary>
    public abstract long Id { get; }

    /// <summary>The parent's id (product or question) of the row last read; 0 for a product.</summary>
    public abstract long ParentId { get; }

    /// <summary>The table holding each row's parent (<c>products</c> for questions, <c>questions</c> for answers); null for products.</summary>
    public virtual string? ParentTable => null;

    /// <summary>The column holding the parent's id; null for products.</summary>
    public virtual string? ParentColumn => null;

    /// <summary>Writes the values of the row last read, in <see cref="Columns"/> order.</summary>
    public abstract void WriteValues(NpgsqlBinaryImporter importer);

    /// <summary>Deletes staged rows whose parent is neither staged nor stored, returning <c>(line, reason)</c>; null for a table without parent.</summary>
    public abstract string? OrphansSql { get; }

    /// <summary>Records in <c>import_changed</c> the products a staged row takes a stored row away from (a question moved to another product).</summary>
    public virtual string? MovedAwaySql => null;

    /// <summary>The product of each moved row, as an expression over the CTE <c>moved</c> (its <c>RETURNING</c> columns).</summary>
    public abstract string ChangedProductsSql { get; }

    /// <summary>What <c>RETURNING</c> gives to <see cref="ChangedProductsSql"/>.</summary>
    public abstract string Returning { get; }

    public string CreateStagingSql =>
        $"CREATE TEMP TABLE {Staging} (line bigint NOT NULL, {string.Join(", ", Columns.Select(c => $"{c.Name} {c.Type} NOT NULL"))}) ON COMMIT DROP";

    public string CopySql => $"COPY {Staging} (line, {string.Join(", ", Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Loads rows straight into the table (an import into empty tables, checked in memory).</summary>
    public string LoadSql => $"COPY {Name} ({string.Join(", ", Columns.Select(c => c.Name))}) FROM STDIN (FORMAT BINARY)";

    /// <summary>Deletes every staged row whose key an earlier line of the file already had, returning <c>(line, reason)</c>.</summary>
    public string DuplicatesSql => $"""
        DELETE FROM {Staging} s USING (SELECT line, min(line) OVER (PARTITION BY {string.Join(", ", KeyColumns)}) AS first FROM {Staging}) d
        WHERE s.line = d.line AND d.line <> d.first
        RETURNING s.line, format('{string.Join(", ", KeyColumns)} {string.Join(", ", KeyColumns.Select(_ => "%s"))} repeats an earlier line (%s).', {string.Join(", ", KeyColumns.Select(k => "s." + k))}, d.first)
        """;

    /// <summary>
    /// Moves the staged rows in with <see cref="WriteSql"/>, noting their products in <c>import_changed</c>. Returns
    /// (inserted, updated).
    /// </summary>
    public string MoveSql => $"""
        WITH moved AS ({WriteSql}),
        changed AS (INSERT INTO import_changed (product_id) {ChangedProductsSql})
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM moved
        """;

    /// <summary>
    /// The statement writing the staged rows, returning <see cref="Returning"/> and whether each row was
    /// <c>inserted</c>: by default an upsert by key that leaves a row equal to the stored one alone.
    /// </summary>
    protected virtual string WriteSql
    {
        get
        {
            var columns = string.Join(", ", Columns.Select(c => c.Name));
            var values = Columns.Where(c => !KeyColumns.Contains(c.Name)).Select(c => c.Name).ToArray();
            return $"""
                INSERT INTO {Name} AS t ({columns}) SELECT {columns} FROM {Staging}
                ON CONFLICT ({string.Join(", ", KeyColumns)}) DO UPDATE SET {string.Join(", ", values.Select(v => $"{v} = excluded.{v}"))}
                WHERE ({string.Join(", ", values.Select(v => "t." + v))}) IS DISTINCT FROM ({string.Join(", ", values.Select(v => "excluded." + v))})
                RETURNING {Returning}, (t.xmax = 0) AS inserted
                """;
        }
    }
}
