using System.Net;
using System.Net.Http.Json;
using System.Text;
using Shazamazon.QA.Contracts;

namespace Shazamazon.QA.EdgeHost.Tests;

/// <summary>
/// What browsers and pages of other origins meet (../shared/API.md, "Browsers and embedding"): CORS per kind of route,
/// writes only as JSON, the legacy widget's string ids and bounded votes, write answers never stored, and security
/// headers on every answer, errors included.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class BrowserRulesTests(EdgeFixture fixture)
{
    private const string Shop = "http://127.0.0.2:8080";
    private HttpClient Client => fixture.Edge.Client;

    [Fact]
    public async Task Reads_AnswerAnyOrigin_PreflightIncluded_AndExposeTheCacheHeaders()
    {
        var p = await fixture.Catalog.ProductAsync();
        using var preflight = Preflight($"/api/v1/products/{p}/questions", "GET", "x-qa-min-version", Shop);
        using var answer = await Client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, answer.StatusCode);
        Assert.Equal("*", Header(answer, "Access-Control-Allow-Origin"));
        Assert.Contains("x-qa-min-version", Header(answer, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);

        using var get = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/products/{p}/questions");
        get.Headers.Add("Origin", Shop);
        using var read = await Client.SendAsync(get);
        Assert.Equal((HttpStatusCode.OK, "*"), (read.StatusCode, Header(read, "Access-Control-Allow-Origin")));
        Assert.Contains("X-Cache", Header(read, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Writes_AnswerOnlyListedOrigins_WithCredentials()
    {
        var q = await fixture.Catalog.QuestionAsync(await fixture.Catalog.ProductAsync(), "cross-site?");
        using (var denied = await Client.SendAsync(Preflight($"/api/v1/questions/{q}/votes", "POST", "content-type", "http://evil.test")))
        {
            Assert.False(denied.Headers.Contains("Access-Control-Allow-Origin"));
        }

        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString,
            new Dictionary<string, string?> { ["Qa:Cors:WriteOrigins:0"] = Shop }, migrate: false);
        using (var allowed = await edge.Client.SendAsync(Preflight($"/api/v1/questions/{q}/votes", "POST", "content-type", Shop)))
        {
            Assert.Equal((Shop, "true"), (Header(allowed, "Access-Control-Allow-Origin"), Header(allowed, "Access-Control-Allow-Credentials")));
        }

        using var other = await edge.Client.SendAsync(Preflight($"/api/v1/questions/{q}/votes", "POST", "content-type", "http://evil.test"));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(0, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q)); // preflights write nothing
    }

    [Fact]
    public async Task AnEdgeInFrontOfAnOrigin_AdmitsBrowsersByItsOwnLists_NotTheOrigins()
    {
        var p = await fixture.Catalog.ProductAsync();
        const string OriginsOwn = "http://127.0.0.3:8080";
        await using var origin = await EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Cors:WriteOrigins:0"] = OriginsOwn }, migrate: false);
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null,
            TopologyTests.OriginMode(origin.Client.BaseAddress!, new() { ["Qa:Cors:WriteOrigins:0"] = Shop }), migrate: false);

        // The edge answers the preflight itself, by its list.
        using var preflight = new HttpRequestMessage(HttpMethod.Options, $"/api/v1/products/{p}/questions");
        preflight.Headers.Add("Origin", Shop);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        preflight.Headers.Add("Access-Control-Request-Headers", "content-type");
        var allowed = await edge.Client.SendAsync(preflight);
        Assert.Equal((HttpStatusCode.NoContent, Shop, "true"),
            (allowed.StatusCode, Header(allowed, "Access-Control-Allow-Origin"), Header(allowed, "Access-Control-Allow-Credentials")));

        // The write goes to the origin; the answer admits the edge's listed origin, and only it.
        var written = await edge.Client.SendAsync(Post($"/api/v1/products/{p}/questions", Shop));
        Assert.Equal((HttpStatusCode.Created, Shop), (written.StatusCode, Header(written, "Access-Control-Allow-Origin")));
        var theOrigins = await edge.Client.SendAsync(Post($"/api/v1/products/{p}/questions", OriginsOwn));
        Assert.Equal(HttpStatusCode.Created, theOrigins.StatusCode); // written (CORS is the browser's to enforce) ...
        Assert.False(theOrigins.Headers.Contains("Access-Control-Allow-Origin")); // ... but this page may not read the answer

        static HttpRequestMessage Post(string path, string from)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent("""{"body":"Which origin asks?","askerName":"cors","askerEmail":"cors@example.com"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Origin", from);
            return request;
        }
    }

    [Fact]
    public async Task LegacyRoutes_KeepTheOriginalsOpenness()
    {
        using var answer = await Client.SendAsync(Preflight("/updateVote", "PUT", "content-type", "http://anywhere.test"));
        Assert.Equal("*", Header(answer, "Access-Control-Allow-Origin"));
        using var get = new HttpRequestMessage(HttpMethod.Get, $"/item?id={await fixture.Catalog.ProductAsync()}");
        get.Headers.Add("Origin", "http://anywhere.test");
        Assert.Equal("*", Header(await Client.SendAsync(get), "Access-Control-Allow-Origin"));
    }

    [Theory]
    [InlineData("text/plain;charset=+json")]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task Writes_WithoutAJsonContentType_Are415_AndWriteNothing(string? contentType)
    {
        var q = await fixture.Catalog.QuestionAsync(await fixture.Catalog.ProductAsync(), "simple requests?");
        foreach (var (path, body) in new[] { ($"/api/v1/questions/{q}/votes", """{"direction":"up"}"""), ($"/api/v1/questions/{q}/report", "") })
        {
            using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }

            using var answer = await Client.PostAsync(path, content);
            await HttpAssert.ProblemAsync(answer, HttpStatusCode.UnsupportedMediaType);
        }

        Assert.Equal((0, false), (await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q),
            await fixture.Catalog.ScalarAsync<bool>("SELECT status <> 'approved' FROM questions WHERE id = $1", q)));
    }

    [Fact]
    public async Task LegacyUpdateVote_TakesTheWidgetsStringIds_AndLaterVotesStillCount()
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "the widget's vote", helpful: 3);
        using var content = new StringContent($$"""{"pID":"{{p}}","qID":"{{q}}","votes":1000000}""", Encoding.UTF8, "application/json");
        using var set = await Client.PutAsync("/updateVote", content);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        using var vote = await Client.PostAsJsonAsync($"/api/v1/questions/{q}/votes", new Vote("up"), QaWireFormat.Json.Vote);
        Assert.Equal(HttpStatusCode.NoContent, vote.StatusCode);
        Assert.Equal(1_000_001, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
    }

    [Fact]
    public async Task WriteAnswers_AreNeverStored_WhateverTheirStatus()
    {
        var p = await fixture.Catalog.ProductAsync();
        using var created = await Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("stored?", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
        using var invalid = await Client.PostAsJsonAsync($"/api/v1/products/{p}/questions", new NewQuestion("", "ana", "ana@example.com"), QaWireFormat.Json.NewQuestion);
        using var missing = await Client.PostAsJsonAsync("/api/v1/questions/999999999999/votes", new Vote("up"), QaWireFormat.Json.Vote);
        foreach (var (answer, status) in new[] { (created, HttpStatusCode.Created), (invalid, HttpStatusCode.BadRequest), (missing, HttpStatusCode.NotFound) })
        {
            Assert.Equal((status, "no-store"), (answer.StatusCode, answer.Headers.CacheControl?.ToString()));
        }
    }

    [Fact]
    public async Task SecurityHeaders_AreOnErrorAnswersToo()
    {
        await using var edge = await EdgeHostInstance.StartAsync(EdgeHostInstance.Unreachable, redis: null, migrate: false);
        using var unavailable = await edge.Client.GetAsync($"/api/v1/products/{await fixture.Catalog.ProductAsync()}/questions");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unavailable.StatusCode);
        using var notFound = await edge.Client.GetAsync("/no/such/route");
        foreach (var answer in new[] { unavailable, notFound })
        {
            Assert.Equal(("nosniff", "DENY"), (Header(answer, "X-Content-Type-Options"), Header(answer, "X-Frame-Options")));
        }
    }

    private static HttpRequestMessage Preflight(string path, string method, string headers, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", headers);
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : string.Empty;
}
