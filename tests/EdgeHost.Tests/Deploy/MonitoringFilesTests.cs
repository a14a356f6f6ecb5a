using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Shazamazon.QA.Contracts;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests.Deploy;

/// <summary>
/// deploy/monitoring: the alert rules pass promtool's checks and their unit tests (Debian's prometheus package), and
/// every metric the Grafana dashboard and the rules query is one a real edge exports after ordinary traffic.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed partial class MonitoringFilesTests(EdgeFixture fixture)
{
    private static readonly string Directory = Path.Combine(Repository.Root, "deploy", "monitoring");

    private static string Promtool => ServerProcess.FindOnPath("promtool") ?? throw new InvalidOperationException(
        "promtool was not found. Run ./test.sh, which installs it (Debian's prometheus package).");

    [Fact]
    public async Task AlertRules_PassPromtoolsChecks_AndTheirUnitTests()
    {
        var check = await ServerProcess.RunAsync(Promtool, ["check", "rules", Path.Combine(Directory, "qaedge-alerts.yml")]);
        Assert.Contains("SUCCESS: 10 rules found", check, StringComparison.Ordinal);
        Assert.Contains("SUCCESS", await ServerProcess.RunAsync(Promtool, ["test", "rules", Path.Combine(Directory, "qaedge-alerts.test.yml")]), StringComparison.Ordinal);
        Assert.Contains("is valid prometheus config file syntax", await ServerProcess.RunAsync(Promtool, ["check", "config", Path.Combine(Directory, "prometheus.yml")]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryAlertRule_HasASummaryAndARunbookLine()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Directory, "qaedge-alerts.yml"));
        var alerts = Regex.Count(text, @"- alert: (\w+)");
        Assert.Equal(10, alerts);
        Assert.Equal(alerts, Regex.Count(text, "\n +summary: \"[^\"]+\""));
        Assert.Equal(alerts, Regex.Count(text, "\n +runbook: \"[^\"]{20,}\""));
    }

    [Fact]
    public async Task TheDashboard_IsGrafanaJson_WhosePanelsHaveUniqueIdsAndAQueryEach()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "qaedge-dashboard.json")))!;
        Assert.Equal("qaedge", (string?)dashboard["uid"]);
        Assert.True((int)dashboard["schemaVersion"]! >= 36);
        var panels = dashboard["panels"]!.AsArray();
        Assert.Equal(panels.Count, panels.Select(p => (int)p!["id"]!).Distinct().Count());
        foreach (var panel in panels.Where(p => (string?)p!["type"] != "row"))
        {
            var targets = panel!["targets"]!.AsArray();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.False(string.IsNullOrWhiteSpace((string?)t!["expr"]), $"panel '{panel["title"]}' has an empty query"));
            Assert.Equal("${datasource}", (string?)panel["datasource"]!["uid"]);
        }
    }

    [Fact]
    public async Task EveryMetricTheDashboardAndTheRulesQuery_IsExportedByAnEdge()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Directory, "qaedge-dashboard.json")))!;
        var queries = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!)
            .Append((string)dashboard["templating"]!["list"]![1]!["definition"]!)
            .Concat(RuleExpression().Matches(await File.ReadAllTextAsync(Path.Combine(Directory, "qaedge-alerts.yml"))).Select(m => m.Groups[1].Value));
        var names = queries.SelectMany(q => MetricName().Matches(q).Select(m => m.Value)).ToHashSet(StringComparer.Ordinal);
        Assert.True(names.Count >= 12, string.Join(", ", names));

        // Ordinary traffic on an edge with Redis: a miss, a hit, a write (an invalidation sent and heard).
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString, migrate: false);
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Which metrics?");
        await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        await edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        await edge.Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);

        var exported = new HashSet<string>(StringComparer.Ordinal);
        await Eventually.TrueAsync(async () =>
        {
            var text = await edge.Client.GetStringAsync("/metrics");
            exported = [.. text.Split('\n').Where(line => line.Length > 0 && line[0] != '#').Select(line => line.Split('{', ' ')[0])];
            return names.All(exported.Contains);
        }, "/metrics to export every queried metric");

        Assert.All(names, name => Assert.Contains(name, exported));

        // Every histogram queried resolves a millisecond (OpenTelemetry's default bounds, 0, 5, 10 ... in seconds,
        // would put every fill and Redis call in the first bucket, and every quantile near 5 s; ASP.NET Core's request
        // durations would start at 5 ms).
        var text = await edge.Client.GetStringAsync("/metrics");
        Assert.All(names.Where(n => n.EndsWith("_bucket", StringComparison.Ordinal)), histogram =>
            Assert.Matches($"(?m)^{histogram}{{[^\n]*le=\"0.001\"}}", text));
    }

    // A rule's expression: from "expr:" to its "for:".
    [GeneratedRegex(@"expr: (.*?)\n +for:", RegexOptions.Singleline)]
    private static partial Regex RuleExpression();

    // The names of metrics in a PromQL expression: QaEdge's own and ASP.NET Core's (not "up", which Prometheus makes).
    [GeneratedRegex(@"\b(?:qa|http_server)_[a-z0-9_]+\b")]
    private static partial Regex MetricName();
}
