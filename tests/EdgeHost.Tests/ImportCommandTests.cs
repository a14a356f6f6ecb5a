using System.Net;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// <c>EdgeHost import</c> run as the real command against the fixture's database while edges serve it: what the import
/// changes reaches every node's cache (a product announced by itself, or a flush when products are new).
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ImportCommandTests(EdgeFixture fixture) : IDisposable
{
    private const string QuestionsHeader = "id,product_id,body,date_written,asker_name,asker_email,reported,helpful";
    private readonly string _work = Directory.CreateTempSubdirectory("qa-import-cmd-").FullName;

    public void Dispose() => Directory.Delete(_work, recursive: true);

    [Fact]
    public async Task Import_OfAnEditedQuestion_ReachesEveryNodesCache()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "before the import");
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, fixture.Redis.ConnectionString,
            TopologyTests.OriginMode(fixture.Edge.Client.BaseAddress!), migrate: false);
        foreach (var node in new[] { fixture.Edge, edge })
        {
            await node.Client.GetAsync($"/api/v1/products/{p}/questions");
            Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await node.Client.GetAsync($"/api/v1/products/{p}/questions")));
        }

        await File.WriteAllTextAsync(Path.Combine(_work, "questions.csv"),
            $"{QuestionsHeader}\n{q},{p},\"after the import, \"\"quoted\"\"\",2021-03-01T00:00:00Z,jim,jim@example.com,0,3\n");
        var (exitCode, output) = await RunAsync("import", _work);

        Assert.Equal(0, exitCode);
        Assert.Contains("Imported 1 rows (0 rejected)", output, StringComparison.Ordinal);
        Assert.Contains("1 products evicted", output, StringComparison.Ordinal);
        foreach (var node in new[] { fixture.Edge, edge })
        {
            await Eventually.TrueAsync(async () => (await HttpAssert.PageAsync(node.Client, $"/api/v1/products/{p}/questions")).Questions[0].Body == "after the import, \"quoted\"",
                "the node serves the imported text");
        }
    }

    [Fact]
    public async Task Import_OfANewProduct_FlushesTheNotFoundItWasCachedAs()
    {
        var p = await fixture.Catalog.ScalarAsync<long>("SELECT max(id) + 1000 FROM products");
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Edge.Client.GetAsync($"/api/v1/products/{p}/questions")).StatusCode);
        Assert.Equal("HIT-L1", HttpAssert.CacheOutcome(await fixture.Edge.Client.GetAsync($"/api/v1/products/{p}/questions")));

        await File.WriteAllTextAsync(Path.Combine(_work, "products.csv"), $"id,name,category\n{p},Imported Kettle,kitchen\n");
        var (exitCode, output) = await RunAsync("import", _work);

        Assert.Equal(0, exitCode);
        Assert.Contains("every node's cache was flushed", output, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await fixture.Edge.Client.GetAsync($"/api/v1/products/{p}/questions")).StatusCode == HttpStatusCode.OK,
            "the edge serves the imported product");
        Assert.Equal("Imported Kettle", (await HttpAssert.PageAsync(fixture.Edge.Client, $"/api/v1/products/{p}/questions")).ProductName);
    }

    [Fact]
    public async Task Import_OfALegacyFile_ServesItsDocumentsThroughTheLegacyRoute()
    {
        var p = await fixture.Catalog.ScalarAsync<long>("SELECT max(id) + 2000 FROM products");
        var q = await fixture.Catalog.ScalarAsync<long>("SELECT max(id) + 2000 FROM questions");
        var file = Path.Combine(_work, "items.jsonl");
        await File.WriteAllTextAsync(file,
            $$"""{"ProductId": {{p}}, "ItemName": "Legacy Lamp", "Category": "lighting", "QA": [{"_id": "{{q}}", "Qstn": "Is it bright?", "Ans": "Very.", "Author": "lu", "Votes": 3, "Date": "2020-05-01T00:00:00Z"}]}""" + "\n");

        var (exitCode, output) = await RunAsync("import", file);

        Assert.Equal(0, exitCode);
        Assert.Contains("Imported 3 rows (0 rejected)", output, StringComparison.Ordinal);
        await Eventually.TrueAsync(async () => (await fixture.Edge.Client.GetAsync($"/item?id={p}")).StatusCode == HttpStatusCode.OK, "the edge serves the imported item");
        var item = await (await fixture.Edge.Client.GetAsync($"/item?id={p}")).Content.ReadAsStringAsync();
        Assert.Contains("\"Qstn\":\"Is it bright?\"", item, StringComparison.Ordinal);
        Assert.Contains("\"Ans\":\"Very.\"", item, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_WithTooManyRejects_ExitsWithTwo_AndChangesNothing()
    {
        var p = await fixture.Catalog.ProductAsync();
        await File.WriteAllTextAsync(Path.Combine(_work, "questions.csv"),
            $"{QuestionsHeader}\n900000001,{p},fine,2021-03-01T00:00:00Z,jim,jim@example.com,0,3\n900000002,{p},bad date,soon,jim,jim@example.com,0,3\n");

        var (exitCode, output) = await RunAsync("import", _work, "--max-rejects", "0", "--rejects", Path.Combine(_work, "bad.csv"));

        Assert.Equal(2, exitCode);
        Assert.Contains("Nothing was changed", output, StringComparison.Ordinal);
        Assert.Contains("questions.csv,3,", await File.ReadAllTextAsync(Path.Combine(_work, "bad.csv")), StringComparison.Ordinal);
        Assert.Equal(0L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", p));
    }

    [Fact]
    public async Task Import_WithoutADirectory_SaysWhatItNeeds()
    {
        var (exitCode, output) = await RunAsync("import");

        Assert.Equal(64, exitCode);
        Assert.Contains("import needs a directory", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_WithoutADirectory_SaysWhatItNeeds()
    {
        var (exitCode, output) = await RunAsync("export");

        Assert.Equal(64, exitCode);
        Assert.Contains("export needs a directory", output, StringComparison.Ordinal);
    }

    private Task<(int ExitCode, string Output)> RunAsync(params string[] args) =>
        EdgeHostProcess.RunAsync([.. args, $"--ConnectionStrings:Postgres={fixture.Database}", "--ConnectionStrings:Redis="]);
}
