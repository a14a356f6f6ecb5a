using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;

namespace Shazamazon.QA.Testing;

/// <summary>
/// Debian's Chromium, headless, driven by Debian's chromedriver over WebDriver (Selenium; its driver download is off).
/// It reaches loopback only: every other address goes to a proxy on 127.0.0.1:9, where nothing listens.
/// </summary>
public sealed class HeadlessBrowser : IDisposable
{
    private HeadlessBrowser(ChromeDriver driver) => Driver = driver;

    public ChromeDriver Driver { get; }

    public static HeadlessBrowser Start()
    {
        Environment.SetEnvironmentVariable("SE_OFFLINE", "true"); // Selenium Manager must never fetch a driver or a browser
        var chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists) ?? throw new InvalidOperationException(
            "chromium was not found. Run ./test.sh, which installs Debian's chromium and chromium-driver.");
        var driverPath = ServerProcess.FindOnPath("chromedriver") ?? throw new InvalidOperationException(
            "chromedriver was not found. Run ./test.sh, which installs Debian's chromium-driver.");
        var options = new ChromeOptions { BinaryLocation = chromium };
        options.SetLoggingPreference(LogType.Browser, LogLevel.All); // the page's console and blocked loads, for tests to read
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
            "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=127.0.0.1;localhost", "--window-size=1280,900");
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(driverPath)!, Path.GetFileName(driverPath));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        return new HeadlessBrowser(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    /// <summary>Saves a screenshot under the tests' results (<c>.data/test-results/screenshots</c>) and returns its path.</summary>
    public string Screenshot(string name)
    {
        var directory = Path.Combine(Repository.Root, ".data", "test-results", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{name}.png");
        ((ITakesScreenshot)Driver).GetScreenshot().SaveAsFile(path);
        return path;
    }

    /// <summary>
    /// Asserts that axe-core (the engine bundled in Deque.AxeCore.Commons, injected into the page: nothing is
    /// downloaded) finds no violation of the WCAG 2.1 A and AA rules in the elements matching <paramref name="selector"/>;
    /// the failure lists each as "rule: help (the first offending element)".
    /// </summary>
    public void AssertAccessible(string selector)
    {
        var script = (IJavaScriptExecutor)Driver;
        if (script.ExecuteScript("return typeof window.axe") as string != "object")
        {
            script.ExecuteScript(new Deque.AxeCore.Commons.BundledAxeScriptProvider().GetScript());
        }

        Driver.Manage().Timeouts().AsynchronousJavaScript = TimeSpan.FromSeconds(30);
        var json = script.ExecuteAsyncScript("""
            const done = arguments[arguments.length - 1];
            axe.run(document.querySelectorAll(arguments[0]), { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
              .then(r => done(JSON.stringify(r.violations.map(v => `${v.id}: ${v.help} (${v.nodes[0].target.join(' ')})`))),
                    e => done(JSON.stringify([`axe failed: ${e}`])));
            """, selector) as string ?? throw new InvalidOperationException("axe-core returned nothing.");
        var violations = System.Text.Json.JsonSerializer.Deserialize<string[]>(json)!;
        Xunit.Assert.True(violations.Length == 0, $"axe-core found WCAG violations in {selector}:{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> returns a value (not null, not false) and returns it; after
    /// <paramref name="seconds"/>, fails naming <paramref name="what"/>.
    /// </summary>
    public T Until<T>(Func<IWebDriver, T?> condition, string what, int seconds = 15)
    {
        var wait = new OpenQA.Selenium.Support.UI.DefaultWait<IWebDriver>(Driver) { Timeout = TimeSpan.FromSeconds(seconds), PollingInterval = TimeSpan.FromMilliseconds(100) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        try
        {
            return wait.Until(d => condition(d) is { } value && value is not false ? value : default)!;
        }
        catch (WebDriverTimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"After {seconds} s, still waiting for {what}.");
        }
    }

    /// <summary>Runs a test's steps; when one fails, saves a screenshot named after <paramref name="test"/> and says where.</summary>
    public async Task RunAsync(string test, Func<Task> steps)
    {
        try
        {
            await steps();
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"{failure.Message}{Environment.NewLine}Screenshot: {Screenshot(test)}", failure);
        }
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
