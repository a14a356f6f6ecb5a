using OpenQA.Selenium;
using Shazamazon.QA.Testing;

namespace Shazamazon.QA.EdgeHost.Tests.Browser;

/// <summary>
/// The embeddable Q&amp;A widget (<c>/widget/v1/qa-widget.js</c>) in a real browser (headless Chromium, loopback only),
/// embedded in a page of another origin the documented way, against an edge whose write origins list that page's
/// origin, over the fixture's PostgreSQL and Redis. A failing test leaves a screenshot in
/// <c>.data/test-results/screenshots</c>.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class QaWidgetInABrowserTests(EdgeFixture fixture) : IAsyncLifetime
{
    private OtherOriginPage _page = null!;
    private HeadlessBrowser _browser = null!;
    private EdgeHostInstance? _edge;

    private IWebDriver Driver => _browser.Driver;

    public async Task InitializeAsync()
    {
        _page = await OtherOriginPage.StartAsync();
        _edge = await StartEdgeAsync();
        _browser = HeadlessBrowser.Start();
    }

    public async Task DisposeAsync()
    {
        _browser.Dispose();
        await StopEdgeAsync();
        await _page.DisposeAsync();
    }

    private async Task StopEdgeAsync()
    {
        var edge = _edge;
        _edge = null;
        if (edge is not null)
        {
            await edge.DisposeAsync();
        }
    }

    // An edge on the fixture's database and Redis that accepts writes from the page's origin.
    private Task<EdgeHostInstance> StartEdgeAsync() =>
        EdgeHostInstance.StartAsync(fixture.Database, fixture.Redis.ConnectionString,
            new Dictionary<string, string?> { ["Qa:Cors:WriteOrigins:0"] = _page.Address.GetLeftPart(UriPartial.Authority) }, migrate: false);

    [Fact]
    public Task ShowsTheQuestions_WithTheirTopAnswers_ThenPagesSortsAndSearches() => _browser.RunAsync(nameof(ShowsTheQuestions_WithTheirTopAnswers_ThenPagesSortsAndSearches), async () =>
    {
        var p = await fixture.Catalog.ProductAsync("Folding Bike");
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var questions = new List<long>();
        for (var i = 1; i <= 7; i++)
        {
            questions.Add(await fixture.Catalog.QuestionAsync(p, i == 3 ? "Is the frame waterproof?" : $"Question number {i}?", helpful: 10 * i, createdAt: start.AddDays(-i)));
        }

        await fixture.Catalog.AnswerAsync(questions[6], "Yes, it folds flat.", helpful: 5);
        Open(p);

        var shown = QuestionIds(5);
        Assert.Equal(questions.AsEnumerable().Reverse().Take(5), shown); // most helpful first
        Assert.Equal("Customer questions & answers (7)", Driver.FindElement(By.CssSelector(".qa-widget .qa-title")).Text);
        Assert.Equal("Yes, it folds flat.", Driver.FindElement(By.CssSelector($".qa-widget .qa-question[data-id='{questions[6]}'] .qa-answer .qa-text")).Text);

        Driver.FindElement(By.CssSelector(".qa-widget .qa-more")).Click();
        Assert.Equal(questions.AsEnumerable().Reverse(), QuestionIds(7));
        Assert.False(Driver.FindElement(By.CssSelector(".qa-widget .qa-more")).Displayed); // the end of the list

        Sort("newest");
        _browser.Until(_ => QuestionIdsNow().FirstOrDefault() == questions[0], "the newest question first");
        Assert.Equal(questions.Take(5), QuestionIdsNow());

        Driver.FindElement(By.CssSelector(".qa-widget input[type=search]")).SendKeys("waterproof" + Keys.Enter);
        _browser.Until(_ => QuestionIdsNow().SequenceEqual([questions[2]]), "only the matching question");
        Assert.Contains("1 question match", Driver.FindElement(By.CssSelector(".qa-widget .qa-status")).Text, StringComparison.Ordinal);
    });

    [Fact]
    public Task AskingAQuestion_ShowsItAtOnceToTheAsker_AndEveryLaterRead() => _browser.RunAsync(nameof(AskingAQuestion_ShowsItAtOnceToTheAsker_AndEveryLaterRead), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "Does it come in red?", helpful: 3);
        Open(p);
        QuestionIds(1);

        Submit(Driver.FindElement(By.CssSelector(".qa-widget .qa-ask-form")), ("body", "Can I take it on a plane?"), ("askerName", "Ada"), ("askerEmail", "ada@example.com"));

        _browser.Until(_ => QuestionTexts().FirstOrDefault() == "Can I take it on a plane?", "the new question at the top");
        var id = await fixture.Catalog.ScalarAsync<long>("SELECT id FROM questions WHERE product_id = $1 AND body = 'Can I take it on a plane?'", p);

        // A new read (reload, newest first) carries this browser's consistency token: the question is there.
        Open(p);
        Sort("newest");
        _browser.Until(_ => QuestionIdsNow().FirstOrDefault() == id, "the asked question first after a reload");
        Assert.Equal("Customer questions & answers (2)", Driver.FindElement(By.CssSelector(".qa-widget .qa-title")).Text);
    });

    [Fact]
    public Task FromAnOriginTheEdgeDoesNotList_AQuestionIsNotSent_AndTheAskerIsToldSo() => _browser.RunAsync(nameof(FromAnOriginTheEdgeDoesNotList_AQuestionIsNotSent_AndTheAskerIsToldSo), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "Is it quiet?");
        Driver.Navigate().GoToUrl(_page.Embedding(fixture.Edge.Client.BaseAddress!, p)); // the fixture's edge lists no write origins
        QuestionIds(1);

        var ask = Submit(Driver.FindElement(By.CssSelector(".qa-widget .qa-ask-form")), ("body", "Where is it made?"), ("askerName", "Eve"), ("askerEmail", "eve@example.com"));

        _browser.Until(_ => ask.FindElement(By.CssSelector(".qa-error")).Text == "This could not be sent. Please try again in a moment.", "the asker to be told");
        Assert.Single(QuestionIdsNow());
        Assert.Equal(0, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM questions WHERE product_id = $1 AND body = 'Where is it made?'", p));
    });

    [Fact]
    public Task AnsweringAQuestion_ShowsTheAnswerUnderIt() => _browser.RunAsync(nameof(AnsweringAQuestion_ShowsTheAnswerUnderIt), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "How heavy is it?");
        Open(p);
        QuestionIds(1);

        var question = Driver.FindElement(By.CssSelector($".qa-widget .qa-question[data-id='{q}']"));
        question.FindElement(By.CssSelector(".qa-answer-this summary")).Click();
        Submit(question.FindElement(By.CssSelector(".qa-answer-this form")), ("body", "About 9 kg."), ("answererName", "Grace"), ("answererEmail", "grace@example.com"));

        _browser.Until(_ => question.FindElements(By.CssSelector(".qa-answer .qa-text")).Any(a => a.Text == "About 9 kg."), "the answer under its question");
        Assert.Equal(1, await fixture.Catalog.ScalarAsync<long>("SELECT count(*) FROM answers WHERE question_id = $1 AND body = 'About 9 kg.'", q));
    });

    [Fact]
    public Task AVote_CountsOncePerVoter_AndShowsAtOnce() => _browser.RunAsync(nameof(AVote_CountsOncePerVoter_AndShowsAtOnce), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Is it loud?", helpful: 4);
        Open(p);
        QuestionIds(1);

        var yes = QuestionElement(q).FindElement(By.CssSelector(".qa-actions .qa-vote[data-direction=up]"));
        yes.Click();
        _browser.Until(_ => Helpful(q) == "5", "the count to move at once");
        Assert.Equal("true", yes.GetDomAttribute("aria-pressed"));
        yes.Click(); // the same vote again changes nothing
        await WaitForDatabaseAsync(q, 5);

        // After a reload, the count the edge serves is the one vote's, and voting again still changes nothing.
        Open(p);
        _browser.Until(_ => Helpful(q) == "5", "the voted count after a reload");
        var again = QuestionElement(q).FindElement(By.CssSelector(".qa-actions .qa-vote[data-direction=up]"));
        Assert.Equal("true", again.GetDomAttribute("aria-pressed"));
        again.Click();
        Assert.Equal("5", Helpful(q));

        // The other direction replaces the vote: one voter moves the count by two, never more.
        QuestionElement(q).FindElement(By.CssSelector(".qa-actions .qa-vote[data-direction=down]")).Click();
        _browser.Until(_ => Helpful(q) == "3", "the replaced vote's count");
        await WaitForDatabaseAsync(q, 3);
    });

    [Fact]
    public Task AReportedQuestion_IsGone_AndStaysGone() => _browser.RunAsync(nameof(AReportedQuestion_IsGone_AndStaysGone), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        var kept = await fixture.Catalog.QuestionAsync(p, "Is it dishwasher safe?", helpful: 2);
        var reported = await fixture.Catalog.QuestionAsync(p, "Buy cheap watches at spam.example", helpful: 1);
        Open(p);
        QuestionIds(2);

        QuestionElement(reported).FindElement(By.CssSelector(".qa-report")).Click();
        _browser.Until(_ => QuestionIdsNow().SequenceEqual([kept]), "the reported question to disappear");

        Open(p);
        _browser.Until(_ => Driver.FindElement(By.CssSelector(".qa-widget .qa-title")).Text == "Customer questions & answers (1)", "the count without it after a reload");
        Assert.Equal([kept], QuestionIdsNow());
        Assert.Equal("pending", await fixture.Catalog.ScalarAsync<string>("SELECT status::text FROM questions WHERE id = $1", reported));
    });

    [Fact]
    public Task AReportedAnswer_IsGone_AndStaysGoneWhenTheListIsDrawnAgain() => _browser.RunAsync(nameof(AReportedAnswer_IsGone_AndStaysGoneWhenTheListIsDrawnAgain), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Does it rust?", helpful: 3);
        var kept = await fixture.Catalog.AnswerAsync(q, "Not in two years.", helpful: 5);
        var reported = await fixture.Catalog.AnswerAsync(q, "Visit spam.example for cheap parts", helpful: 1);
        Open(p);
        QuestionIds(1);

        Driver.FindElement(By.CssSelector($".qa-widget .qa-answer[data-id='{reported}'] .qa-report")).Click();
        _browser.Until(_ => AnswerIds(q).SequenceEqual([kept]), "the reported answer to disappear");

        // Asking a question draws the list again: the reported answer stays gone.
        Submit(Driver.FindElement(By.CssSelector(".qa-widget .qa-ask-form")), ("body", "Is it heavy?"), ("askerName", "Ada"), ("askerEmail", "ada@example.com"));
        _browser.Until(_ => QuestionTexts().FirstOrDefault() == "Is it heavy?", "the new question");
        Assert.Equal([kept], AnswerIds(q));
        Assert.Equal("pending", await fixture.Catalog.ScalarAsync<string>("SELECT status::text FROM answers WHERE id = $1", reported));
    });

    [Fact]
    public Task WhenTheEdgeGoesDown_TheWidgetSaysSo_AndRecoversWhenAskedToTryAgain() => _browser.RunAsync(nameof(WhenTheEdgeGoesDown_TheWidgetSaysSo_AndRecoversWhenAskedToTryAgain), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        await fixture.Catalog.QuestionAsync(p, "Does it need batteries?");
        Open(p);
        QuestionIds(1);

        await StopEdgeAsync();
        Sort("newest");

        var alert = _browser.Until(d => d.FindElements(By.CssSelector(".qa-widget .qa-unavailable [role=alert]")).FirstOrDefault(), "the message that the edge is down");
        Assert.Contains("cannot be reached", alert.Text, StringComparison.Ordinal);
        Assert.Empty(QuestionIdsNow());
    });

    [Fact]
    public Task TheWidget_PassesAxesWcagRules_Loaded_WithItsFormsOpen_AndWhenTheEdgeIsDown() => _browser.RunAsync(nameof(TheWidget_PassesAxesWcagRules_Loaded_WithItsFormsOpen_AndWhenTheEdgeIsDown), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Is it accessible?", helpful: 2);
        await fixture.Catalog.AnswerAsync(q, "Every control has a label.");
        await fixture.Catalog.AnswerAsync(await fixture.Catalog.QuestionAsync(p, "And the colours?"), "AA contrast.");
        Open(p);
        QuestionIds(2);
        QuestionElement(q).FindElement(By.CssSelector(".qa-actions .qa-vote[data-direction=up]")).Click();
        _browser.Until(_ => Helpful(q) == "3", "the vote");
        QuestionElement(q).FindElement(By.CssSelector(".qa-answer-this summary")).Click();

        _browser.AssertAccessible(".qa-widget");

        await StopEdgeAsync();
        Sort("newest");
        _browser.Until(d => d.FindElements(By.CssSelector(".qa-widget .qa-unavailable")).Count == 1, "the message that the edge is down");
        _browser.AssertAccessible(".qa-widget");
    });

    [Fact]
    public Task OnA320PixelScreen_TheWidgetFits_WithoutScrollingSideways() => _browser.RunAsync(nameof(OnA320PixelScreen_TheWidgetFits_WithoutScrollingSideways), async () =>
    {
        var p = await fixture.Catalog.ProductAsync();
        var q = await fixture.Catalog.QuestionAsync(p, "Will it fit in my pocket, or in a small bag with a laptop and a charger?");
        await fixture.Catalog.AnswerAsync(q, "It fits in a jacket pocket.");
        Driver.Manage().Window.Size = new System.Drawing.Size(320, 800);
        try
        {
            Open(p);
            QuestionIds(1);
            QuestionElement(q).FindElement(By.CssSelector(".qa-answer-this summary")).Click();

            var script = (IJavaScriptExecutor)Driver;
            var (content, viewport) = ((long)script.ExecuteScript("return document.documentElement.scrollWidth")!, (long)script.ExecuteScript("return window.innerWidth")!);
            Assert.True(content <= viewport, $"the page is {content} px wide in a {viewport} px viewport");
            Assert.True(Driver.FindElement(By.CssSelector(".qa-widget select[name=sort]")).Displayed);
        }
        finally
        {
            Driver.Manage().Window.Size = new System.Drawing.Size(1280, 900);
        }
    });

    [Fact]
    public Task TheDemoPage_ServesTheWidgetFromTheEdge_UnderItsOwnContentSecurityPolicy() => _browser.RunAsync(nameof(TheDemoPage_ServesTheWidgetFromTheEdge_UnderItsOwnContentSecurityPolicy), async () =>
    {
        var p = await fixture.Catalog.ProductAsync("Tea Kettle");
        var q = await fixture.Catalog.QuestionAsync(p, "Does it whistle?");

        Driver.Navigate().GoToUrl(new Uri(fixture.Edge.Client.BaseAddress!, $"/demo/products/{p}"));

        _browser.Until(_ => QuestionIdsNow().SequenceEqual([q]), "the widget's questions on the demo page");
        Assert.Equal($"Product {p}", Driver.FindElement(By.TagName("h1")).Text);
        Assert.Equal("Tea Kettle", Driver.FindElement(By.CssSelector("[data-qa-product]")).GetDomAttribute("data-qa-product-name"));
        var logs = Driver.Manage().Logs.GetLog(LogType.Browser).Where(e => e.Level >= OpenQA.Selenium.LogLevel.Warning).Select(e => e.Message).ToList();
        Assert.Empty(logs); // no script, style or call blocked by the page's policy
        _browser.AssertAccessible("body");
    });

    // Chooses a sort the way a user does: the option of the select.
    private void Sort(string value) => Driver.FindElement(By.CssSelector($".qa-widget select[name=sort] option[value={value}]")).Click();

    private void Open(long productId) => Driver.Navigate().GoToUrl(_page.Embedding(_edge!.Client.BaseAddress!, productId));

    // Waits for at least `count` questions and returns the ids shown, in order.
    private long[] QuestionIds(int count) =>
        _browser.Until(_ => QuestionIdsNow() is { Length: var n } ids && n >= count ? ids : null, $"{count} questions in the widget");

    private long[] QuestionIdsNow() => Ids(Driver.FindElements(By.CssSelector(".qa-widget li.qa-question")));

    private long[] AnswerIds(long questionId) => Ids(QuestionElement(questionId).FindElements(By.CssSelector(".qa-answer")));

    private static long[] Ids(IEnumerable<IWebElement> items) =>
        [.. items.Select(e => long.Parse(e.GetDomAttribute("data-id") ?? "0", System.Globalization.CultureInfo.InvariantCulture))];

    // Fills a form's fields by name, as a user types, and sends it; returns the form.
    private static IWebElement Submit(IWebElement form, params (string Name, string Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            form.FindElement(By.Name(name)).SendKeys(value);
        }

        form.FindElement(By.CssSelector("button[type=submit]")).Click();
        return form;
    }

    private string[] QuestionTexts() =>
        [.. Driver.FindElements(By.CssSelector(".qa-widget li.qa-question > .qa-body .qa-text")).Select(e => e.Text)];

    private IWebElement QuestionElement(long id) => Driver.FindElement(By.CssSelector($".qa-widget .qa-question[data-id='{id}']"));

    private string Helpful(long id) => QuestionElement(id).FindElement(By.CssSelector(":scope > .qa-actions .qa-helpful")).Text;

    private async Task WaitForDatabaseAsync(long questionId, int helpful)
    {
        Task<int> Stored() => fixture.Catalog.ScalarAsync<int>("SELECT helpful FROM questions WHERE id = $1", questionId);
        await Eventually.TrueAsync(async () => await Stored() == helpful, $"question {questionId}'s helpful count to be {helpful}");
        Assert.Equal(helpful, await Stored());
    }
}
