using System.Text.RegularExpressions;
using Shazamazon.QA.Core.Sources;
using Shazamazon.QA.Core.Writes;

namespace Shazamazon.QA.Core.Tests.Sources;

/// <summary>
/// bench/run.sh measures PostgreSQL's limit with pgbench running bench/pgbench/page.sql: it must be the statement the
/// edge sends on a miss, or every ratio to that limit measures something else. Likewise the write path's cost is
/// measured with bench/pgbench/write-*.sql, which must be the edge's writes.
/// </summary>
public sealed class BenchStatementTests
{
    [Fact]
    public void PgbenchPageScript_IsTheEdgesQuestionPageStatement()
    {
        var statement = Script("page.sql")
            .Replace(":pid", "$1", StringComparison.Ordinal)
            .Replace("OFFSET 0 LIMIT 5)", "OFFSET $2 LIMIT $3)", StringComparison.Ordinal) // page 1 of 5 questions
            .Replace("WHEN true AND pr.total > 0 + 5 THEN", "WHEN $4 AND pr.total > $2 + $3 THEN", StringComparison.Ordinal); // with the walk

        Assert.Equal(Normalize(DatabaseSource.HelpfulPageSql), Normalize(statement));
    }

    [Fact]
    public void PgbenchWriteScripts_AreTheEdgesWrites()
    {
        Assert.Equal(Normalize(QaWriter.VoteQuestionSql), Normalize(Script("write-vote.sql")
            .Replace(":qid", "$1", StringComparison.Ordinal)
            .Replace(":direction", "$2", StringComparison.Ordinal)
            .Replace("'pgbench'", "$3", StringComparison.Ordinal)));
        Assert.Equal(Normalize(QaWriter.AddQuestionSql), Normalize(NewItem(Script("write-question.sql"), "'Does it work with the bench?'")
            .Replace(":pid", "$1", StringComparison.Ordinal)));
        Assert.Equal(Normalize(QaWriter.AddAnswerSql), Normalize(NewItem(Script("write-answer.sql"), "'It does, measured.'")
            .Replace(":qid", "$1", StringComparison.Ordinal)));
    }

    // A script's statement: its lines that are neither comments nor pgbench's meta-commands.
    private static string Script(string name) =>
        string.Join('\n', File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Sources", name))
            .Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal) && !line.TrimStart().StartsWith('\\')))
            .TrimEnd().TrimEnd(';');

    // A new item's values in the order of the edge's parameters $2-$5: body, name, e-mail, status.
    private static string NewItem(string statement, string body) => statement
        .Replace(body, "$2", StringComparison.Ordinal)
        .Replace("'pgbench@example.com'", "$4", StringComparison.Ordinal)
        .Replace("'pgbench'", "$3", StringComparison.Ordinal)
        .Replace("'approved'::qa_status", "$5::qa_status", StringComparison.Ordinal);

    private static string Normalize(string sql) =>
        Regex.Replace(sql, @"\s+", " ").Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal).Trim();
}
