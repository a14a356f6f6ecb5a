using System.Text.RegularExpressions;
using Shazamazon.QA.Core.Sources;

namespace Shazamazon.QA.Core.Tests.Sources;

/// <summary>
/// bench/run.sh measures PostgreSQL's limit with pgbench running bench/pgbench/page.sql: it must be the statement the
/// edge sends on a miss, or every ratio to that limit measures something else.
/// </summary>
public sealed class BenchStatementTests
{
    [Fact]
    public void PgbenchPageScript_IsTheEdgesQuestionPageStatement()
    {
        var script = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Sources", "page.sql"));
        var statement = string.Join('\n', script.Split('\n').Where(line => !line.TrimStart().StartsWith("--", StringComparison.Ordinal)))
            .Replace(":pid", "$1", StringComparison.Ordinal)
            .Replace("OFFSET 0 LIMIT 5)", "OFFSET $2 LIMIT $3)", StringComparison.Ordinal) // page 1 of 5 questions
            .Replace("WHEN true AND pr.total > 0 + 5 THEN", "WHEN $4 AND pr.total > $2 + $3 THEN", StringComparison.Ordinal) // with the walk
            .TrimEnd().TrimEnd(';');

        Assert.Equal(Normalize(DatabaseSource.HelpfulPageSql), Normalize(statement));
    }

    private static string Normalize(string sql) =>
        Regex.Replace(sql, @"\s+", " ").Replace("( ", "(", StringComparison.Ordinal).Replace(" )", ")", StringComparison.Ordinal).Trim();
}
