using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Reads responses the way a client of the contract would, asserting the status first.</summary>
internal static class HttpAssert
{
    public static async Task<T> OkAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize(body, type)!;
    }

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> name <paramref name="field"/>.</summary>
    public static async Task InvalidAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
        Assert.Contains(field, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>An empty JSON object as a body: what a write with an optional body (a report) sends.</summary>
    public static StringContent EmptyJson() => new("{}", System.Text.Encoding.UTF8, "application/json");

    public static string CacheOutcome(HttpResponseMessage response) => string.Join(",", response.Headers.GetValues("X-Cache"));

    public static Task<ProductQuestionsPage> PageAsync(HttpClient client, string path) =>
        client.GetAsync(path).ContinueWith(t => OkAsync(t.Result, QaWireFormat.Json.ProductQuestionsPage)).Unwrap();
}
