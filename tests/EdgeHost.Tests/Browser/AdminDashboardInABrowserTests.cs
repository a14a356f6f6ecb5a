using OpenQA.Selenium;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests.Browser;

/// <summary>
/// <c>/admin/dashboard</c> in a real browser: it asks for the admin key, then shows the node's live figures from
/// <c>/admin/cache</c>, and refuses a wrong key. A failing test leaves a screenshot in <c>.data/test-results/screenshots</c>.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class AdminDashboardInABrowserTests(EdgeFixture fixture) : IAsyncLifetime
{
    private const string Key = "a-long-enough-admin-key-0123456789";
    private HeadlessBrowser _browser = null!;
    private EdgeHostInstance _edge = null!;

    public async Task InitializeAsync()
    {
        _edge = await EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString,
            new Dictionary<string, string?> { ["Qa:Admin:ApiKey"] = Key }, migrate: false);
        _browser = HeadlessBrowser.Start();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await _edge.DisposeAsync();
    }

    [Fact]
    public Task WithTheKey_ItShowsTheNodesReadsAsTheyHappen() => _browser.RunAsync(nameof(WithTheKey_ItShowsTheNodesReadsAsTheyHappen), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "Is it on the dashboard?");
        await _edge.Client.GetAsync($"/api/v1/products/{p}/questions"); // a miss
        await _edge.Client.GetAsync($"/api/v1/products/{p}/questions"); // a hit

        var driver = _browser.Driver;
        driver.Navigate().GoToUrl(new Uri(_edge.Client.BaseAddress!, "/admin/dashboard"));
        driver.FindElement(By.Id("key")).SendKeys(Key + Keys.Enter);

        _browser.Until(d => d.FindElement(By.Id("ready")).Text == "ready", "the node's readiness");
        Assert.False(driver.FindElement(By.Id("key-form")).Displayed);
        Assert.Equal("connected", driver.FindElement(By.Id("coherence")).Text);
        Assert.Equal("in use", driver.FindElement(By.Id("redis")).Text);
        Assert.Equal("in use", driver.FindElement(By.Id("database")).Text);
        Assert.Equal("50 %", driver.FindElement(By.Id("hit-ratio")).Text);
        Assert.Equal("1", Total("requests.hit-l1"));
        Assert.NotEqual("0", driver.FindElement(By.Id("l1-entries")).Text); // the page just filled

        // Reads made now show in the next samples, as a rate and in the totals.
        for (var i = 0; i < 20; i++)
        {
            await _edge.Client.GetAsync($"/api/v1/products/{p}/questions");
        }

        _browser.Until(_ => Total("requests.hit-l1") == "21", "the new hits in the totals");
        _browser.Until(d => d.FindElements(By.CssSelector("#chart rect.hit-l1")).Count > 0, "the hits in the chart");
        Assert.Empty(driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= OpenQA.Selenium.LogLevel.Warning).Select(e => e.Message));
        _browser.AssertAccessible("body");
    });

    [Fact]
    public Task AWrongKey_IsRefused_AndAskedForAgain() => _browser.RunAsync(nameof(AWrongKey_IsRefused_AndAskedForAgain), () =>
    {
        var driver = _browser.Driver;
        driver.Navigate().GoToUrl(new Uri(_edge.Client.BaseAddress!, "/admin/dashboard"));
        driver.FindElement(By.Id("key")).SendKeys("not-the-admin-key-at-all" + Keys.Enter);

        _browser.Until(d => d.FindElement(By.Id("status")).Text.StartsWith("The key was refused", StringComparison.Ordinal), "the refusal");
        Assert.True(driver.FindElement(By.Id("key-form")).Displayed);
        Assert.False(driver.FindElement(By.Id("figures")).Displayed);
        return Task.CompletedTask;
    });

    private string Total(string counter) =>
        _browser.Driver.FindElement(By.CssSelector($"#totals tr[data-counter='{counter}'] td:nth-child(2)")).Text;
}
