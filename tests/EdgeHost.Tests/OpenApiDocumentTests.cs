using System.Text.Json;
using System.Text.Json.Nodes;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// The OpenAPI document the edge serves is the one checked in as docs/openapi.json, so a change of the contract is a
/// visible diff. After an intended change: <c>QA_ACCEPT_OPENAPI=1 dotnet test tests/EdgeHost.Tests --filter OpenApiDocumentTests</c>.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class OpenApiDocumentTests(EdgeFixture fixture)
{
    private static readonly string CheckedIn = Path.Combine(RepositoryRoot(), "docs", "openapi.json");

    [Fact]
    public async Task ServedDocument_IsTheCheckedInOne()
    {
        var served = JsonNode.Parse(await fixture.Edge.Client.GetStringAsync("/openapi/v1.json"))!;
        var text = served.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
        if (Environment.GetEnvironmentVariable("QA_ACCEPT_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(CheckedIn, text);
        }

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(await File.ReadAllTextAsync(CheckedIn)), served),
            "The served OpenAPI document differs from docs/openapi.json. If the change is intended, accept it: QA_ACCEPT_OPENAPI=1 dotnet test tests/EdgeHost.Tests --filter OpenApiDocumentTests");
    }

    [Fact]
    public async Task Document_IsOpenApi31_WithEveryRouteOfTheContract()
    {
        var document = JsonNode.Parse(await fixture.Edge.Client.GetStringAsync("/openapi/v1.json"))!;
        Assert.StartsWith("3.1", document["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        var paths = document["paths"]!.AsObject();
        foreach (var (path, method) in new[]
        {
            ("/api/v1/products/{productId}/questions", "get"), ("/api/v1/products/{productId}/questions", "post"),
            ("/api/v1/products/{productId}/questions/count", "get"), ("/api/v1/products/{productId}/questions/search", "get"),
            ("/api/v1/questions/{questionId}/answers", "get"), ("/api/v1/questions/{questionId}/answers", "post"),
            ("/api/v1/questions/{questionId}/votes", "post"), ("/api/v1/questions/{questionId}/report", "post"),
            ("/api/v1/answers/{answerId}/votes", "post"), ("/api/v1/answers/{answerId}/report", "post"),
            ("/item", "get"), ("/updateVote", "put"),
            ("/api/v1/moderation/queue", "get"), ("/api/v1/moderation/questions/{questionId}/approve", "post"),
            ("/api/v1/moderation/questions/{questionId}/reject", "post"), ("/api/v1/moderation/answers/{answerId}/approve", "post"),
            ("/api/v1/moderation/answers/{answerId}/reject", "post"),
        })
        {
            Assert.True(paths[path]?[method] is not null, $"{method.ToUpperInvariant()} {path} is missing");
        }

        var page = paths["/api/v1/products/{productId}/questions"]!["get"]!;
        var parameters = page["parameters"]!.AsArray().Select(p => (p!["name"]!.GetValue<string>(), p["in"]!.GetValue<string>())).ToList();
        Assert.Equal([("productId", "path"), ("page", "query"), ("count", "query"), ("sort", "query"), ("answered", "query"), ("cursor", "query"), ("X-Qa-Min-Version", "header")], parameters);
        Assert.NotNull(page["responses"]!["400"]);
        Assert.NotNull(page["responses"]!["429"]);
        Assert.Equal("application/problem+json", page["responses"]!["404"]!["content"]!.AsObject().Single().Key);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "test.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No repository root (a directory with test.sh) above " + AppContext.BaseDirectory);
    }
}
