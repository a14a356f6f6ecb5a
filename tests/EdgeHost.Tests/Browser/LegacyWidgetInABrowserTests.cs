using OpenQA.Selenium;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests.Browser;

/// <summary>
/// The existing widget's calls from a page of another origin, in a real browser (headless Chromium): CORS as the
/// browser enforces it, not as a test client would send headers. A failing test leaves a screenshot in
/// <c>.data/test-results/screenshots</c>.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class LegacyWidgetInABrowserTests(EdgeFixture fixture) : IAsyncLifetime
{
    private OtherOriginPage _page = null!;
    private HeadlessBrowser _browser = null!;

    public async Task InitializeAsync()
    {
        _page = await OtherOriginPage.StartAsync();
        _browser = HeadlessBrowser.Start();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _page.DisposeAsync();
    }

    [Fact]
    public Task APageOfAnotherOrigin_ReadsTheItem_VotesWithTheStringIdsItRead_AndReadsItsVoteBack() => _browser.RunAsync(nameof(APageOfAnotherOrigin_ReadsTheItem_VotesWithTheStringIdsItRead_AndReadsItsVoteBack), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Does it fold?", helpful: 4);
        var status = Open(_page.For(fixture.Edge.Client.BaseAddress!, p, vote: true), "voted");

        Assert.Equal("voted 200", status);
        var item = _browser.Driver.FindElement(By.CssSelector($"#qa li[data-id='{q}']"));
        Assert.Equal(("Does it fold? (5)", "5"), (item.Text, item.GetDomAttribute("data-votes")));
        Assert.Equal(5, await fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", q));
    });

    [Fact]
    public Task AnEdgeThatListsOtherOrigins_IsRefusedByTheBrowser() => _browser.RunAsync(nameof(AnEdgeThatListsOtherOrigins_IsRefusedByTheBrowser), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "Who may embed me?");
        await using var edge = await EdgeHostInstance.StartAsync(fixture.Database, redis: null,
            new Dictionary<string, string?> { ["Qa:Cors:LegacyOrigins:0"] = "https://shop.example" }, migrate: false);

        var status = Open(_page.For(edge.Client.BaseAddress!, p), "error");

        Assert.StartsWith("error: ", status, StringComparison.Ordinal); // the browser hid the answer from the page
        Assert.Empty(_browser.Driver.FindElements(By.CssSelector("#qa li")));
    });

    // Opens the page and waits until its status starts with what the test expects.
    private string Open(Uri page, string expected)
    {
        _browser.Driver.Navigate().GoToUrl(page);
        return _browser.Until(d => d.FindElement(By.Id("status")).Text is var text && text.StartsWith(expected, StringComparison.Ordinal) ? text : null,
            $"the page's status to start with '{expected}'");
    }
}
