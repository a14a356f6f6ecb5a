using System.Net;
using System.Net.Http.Json;
using System.Text;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>Bad input gets a 4xx problem naming the field, and never changes data.</summary>
[Collection(EdgeCollection.Name)]
public sealed class BadInputTests(EdgeFixture fixture)
{
    private HttpClient Client => fixture.Edge.Client;

    [Theory]
    [InlineData("/api/v1/products/abc/questions", "productId")]
    [InlineData("/api/v1/products/0/questions", "productId")]
    [InlineData("/api/v1/products/-5/questions", "productId")]
    [InlineData("/api/v1/products/99999999999999999999/questions", "productId")]
    [InlineData("/api/v1/products/1/questions?page=0", "page")]
    [InlineData("/api/v1/products/1/questions?page=x", "page")]
    [InlineData("/api/v1/products/1/questions?count=0", "count")]
    [InlineData("/api/v1/products/1/questions?count=101", "count")]
    [InlineData("/api/v1/products/1/questions?count=2147483648", "count")]
    [InlineData("/api/v1/products/1/questions?sort=oldest", "sort")]
    [InlineData("/api/v1/products/1/questions/count", null)]
    [InlineData("/api/v1/products/x/questions/count", "productId")]
    [InlineData("/api/v1/products/1/questions/search", "q")]
    [InlineData("/api/v1/products/1/questions/search?q=%20%20", "q")]
    [InlineData("/api/v1/questions/1.5/answers", "questionId")]
    [InlineData("/item?id=", "id")]
    [InlineData("/item", "id")]
    public async Task Reads_WithBadParameters_Are400NamingTheField(string path, string? field)
    {
        using var response = await Client.GetAsync(path);
        if (field is null)
        {
            Assert.NotEqual(HttpStatusCode.BadRequest, response.StatusCode);
            return;
        }

        await HttpAssert.InvalidAsync(response, field);
    }

    [Fact]
    public async Task Search_WithOverlongQuery_Is400()
    {
        await HttpAssert.InvalidAsync(await Client.GetAsync($"/api/v1/products/1/questions/search?q={new string('a', 151)}"), "q");
    }

    [Theory]
    [InlineData("""{"body":"","askerName":"jim","askerEmail":"jim@example.com"}""", "body")]
    [InlineData("""{"askerName":"jim","askerEmail":"jim@example.com"}""", "body")]
    [InlineData("""{"body":"ok","askerName":"","askerEmail":"jim@example.com"}""", "askerName")]
    [InlineData("""{"body":"ok","askerName":"jim\ninjected","askerEmail":"jim@example.com"}""", "askerName")]
    [InlineData("""{"body":"ok","askerName":"jim","askerEmail":"not-an-email"}""", "askerEmail")]
    [InlineData("""{"body":"ok","askerName":"jim","askerEmail":"Jim <jim@example.com>"}""", "askerEmail")]
    [InlineData("""{"body":"nul\u0000byte","askerName":"jim","askerEmail":"jim@example.com"}""", "body")]
    [InlineData("""{"body":"lone \ud800 surrogate","askerName":"jim","askerEmail":"jim@example.com"}""", "body")]
    [InlineData("""{"body":5,"askerName":"jim","askerEmail":"jim@example.com"}""", "body")]
    [InlineData("""{"body":"ok","askerName":"jim",""", "$")]
    [InlineData("""null""", "$")]
    public async Task AskQuestion_WithBadBody_Is400NamingTheField_AndAddsNothing(string json, string field)
    {
        var p = await fixture.Catalog.ProductAsync();
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await HttpAssert.InvalidAsync(await Client.PostAsync($"/api/v1/products/{p}/questions", content), field);
        Assert.Equal(0L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", p));
    }

    [Fact]
    public async Task AskQuestion_WithOverlongFields_Is400ForEachField()
    {
        var p = await fixture.Catalog.ProductAsync();
        using var response = await Client.PostAsJsonAsync($"/api/v1/products/{p}/questions",
            new NewQuestion(new string('b', 1001), new string('n', 61), new string('e', 50) + "@example.com"), QaWireFormat.Json.NewQuestion);
        var problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("body", out _));
        Assert.True(errors.TryGetProperty("askerName", out _));
        Assert.True(errors.TryGetProperty("askerEmail", out _));
    }

    [Fact]
    public async Task AskQuestion_WithInvalidUtf8_Is400()
    {
        var p = await fixture.Catalog.ProductAsync();
        var bytes = Encoding.UTF8.GetBytes("""{"body":"X","askerName":"jim","askerEmail":"jim@example.com"}""");
        bytes[9] = 0xC3; // a lead byte followed by a quote: not UTF-8
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new("application/json");
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/products/{p}/questions", content), HttpStatusCode.BadRequest);
        Assert.Equal(0L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", p));
    }

    [Fact]
    public async Task AskQuestion_WithDeeplyNestedJson_Is400()
    {
        var p = await fixture.Catalog.ProductAsync();
        var json = """{"body":""" + new string('[', 5000) + new string(']', 5000) + "}";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/products/{p}/questions", content), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AskQuestion_WithBodyOver64KiB_Is413ProblemDetails()
    {
        var p = await fixture.Catalog.ProductAsync();
        var json = $$"""{"body":"{{new string('x', 70 * 1024)}}","askerName":"jim","askerEmail":"jim@example.com"}""";
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/products/{p}/questions", content), HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0L, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1", p));
    }

    [Fact]
    public async Task AskQuestion_WithNonJsonContentType_Is415()
    {
        var p = await fixture.Catalog.ProductAsync();
        using var content = new StringContent("body=x", Encoding.UTF8, "application/x-www-form-urlencoded");
        await HttpAssert.ProblemAsync(await Client.PostAsync($"/api/v1/products/{p}/questions", content), HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("""{"direction":"sideways"}""", "direction")]
    [InlineData("""{}""", "direction")]
    public async Task Vote_WithBadDirection_Is400_AndChangesNothing(string json, string field)
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "q", helpful: 3);
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await HttpAssert.InvalidAsync(await Client.PostAsync($"/api/v1/questions/{q}/votes", content), field);
        Assert.Equal(3, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
    }

    [Theory]
    [InlineData("""{"pID":0,"qID":1,"votes":1}""", "pID")]
    [InlineData("""{"pID":1,"votes":1}""", "qID")]
    [InlineData("""{"pID":1,"qID":1,"votes":-1}""", "votes")]
    [InlineData("""{"pID":1,"qID":1,"votes":2147483647}""", "votes")]
    [InlineData("""{"pID":"1x","qID":1,"votes":1}""", "pID")]
    public async Task LegacyUpdateVote_WithBadBody_Is400(string json, string field)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        await HttpAssert.InvalidAsync(await Client.PutAsync("/updateVote", content), field);
    }

    [Fact]
    public async Task UnknownRoute_Is404ProblemDetails()
    {
        using var response = await Client.GetAsync("/api/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
