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

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
