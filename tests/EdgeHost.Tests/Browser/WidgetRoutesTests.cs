using System.Net;
using System.Net.Http.Headers;

namespace Shazamazon.QA.EdgeHost.Tests.Browser;

/// <summary>
/// The widget's files and pages over HTTP: cacheable and revalidated by their ETag, open to every origin, typed so that
/// browsers run them under <c>nosniff</c>; the demo page's own content security policy and its errors; the admin
/// dashboard off without a key.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class WidgetRoutesTests(EdgeFixture fixture)
{
    [Theory]
    [InlineData("/widget/v1/qa-widget.js", "text/javascript")]
    [InlineData("/widget/v1/qa-widget.css", "text/css")]
    public async Task TheWidgetsFiles_AreCacheable_RevalidatedByETag_AndOpenToEveryOrigin(string path, string mediaType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Origin", "https://shop.example");
        using var response = await fixture.Edge.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("*", string.Join(",", response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge: { } maxAge } && maxAge == TimeSpan.FromHours(1), $"{response.Headers.CacheControl}");
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
        var tag = response.Headers.ETag!;

        using var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(tag);
        using var revalidated = await fixture.Edge.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
        Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

        using var other = new HttpRequestMessage(HttpMethod.Get, path);
        other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"an-older-widget\""));
        Assert.Equal(HttpStatusCode.OK, (await fixture.Edge.Client.SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task TheDemoPage_EmbedsTheWidget_UnderAPolicyThatAllowsOnlyThisOrigin()
    {
        using var response = await fixture.Edge.Client.GetAsync("/demo/products/42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var policy = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-qa-product=\"42\"", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"/widget/v1/qa-widget.js\" defer></script>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/demo/products/43\"", html, StringComparison.Ordinal);

        // The API keeps its own, stricter policy.
        using var api = await fixture.Edge.Client.GetAsync("/api/v1/products/1/questions/count");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", string.Join(",", api.Headers.GetValues("Content-Security-Policy")));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0")]
    [InlineData("-5")]
    public async Task TheDemoPage_OfABadId_IsAProblemNamingTheField(string id) =>
        await HttpAssert.InvalidAsync(await fixture.Edge.Client.GetAsync($"/demo/products/{id}"), "productId");

    [Fact]
    public async Task WithDemoPagesOff_TheDemoPathIsNotTheEdges()
    {
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Widget:DemoPages"] = "false" }, migrate: false);

        Assert.Equal(HttpStatusCode.NotFound, (await edge.Client.GetAsync("/demo/products/42")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.Client.GetAsync("/widget/v1/qa-widget.js")).StatusCode);
    }

    [Fact]
    public async Task TheAdminDashboard_IsOffWithoutAnAdminKey()
    {
        await HttpAssert.ProblemAsync(await fixture.Edge.Client.GetAsync("/admin/dashboard"), HttpStatusCode.NotFound);
        await HttpAssert.ProblemAsync(await fixture.Edge.Client.GetAsync("/admin/dashboard.js"), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("-1:00:00")]
    [InlineData("400.00:00:00")]
    public async Task AnAssetMaxAgeOutOfRange_StopsTheStart_NamingTheSetting(string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(() => EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Widget:AssetMaxAge"] = value }, migrate: false));
        Assert.Contains("Qa:Widget:AssetMaxAge", failure.Message, StringComparison.Ordinal);
    }
}
