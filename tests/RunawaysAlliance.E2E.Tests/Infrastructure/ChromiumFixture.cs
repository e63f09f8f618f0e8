using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(RunawaysAlliance.E2E.Tests.ChromiumFixture))]

namespace RunawaysAlliance.E2E.Tests;

/// <summary>One headless system Chromium for the whole test run; every test opens its own contexts.</summary>
public sealed class ChromiumFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("Chromium is not started.");

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = E2EEnvironment.ChromiumPath,
            Headless = true,
            // Chromium as root needs --no-sandbox; the rest keeps it quiet and off the network.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    /// <summary>A laptop-sized context (1440x900) pointed at <paramref name="baseAddress"/>, in the browser language <paramref name="locale"/> (Chromium's own when null).</summary>
    public Task<IBrowserContext> NewLaptopContextAsync(Uri baseAddress, string? locale = null) =>
        NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 1440, Height = 900 },
        });

    /// <summary>A phone-sized context (390x844, touch, 2x pixels) pointed at <paramref name="baseAddress"/>, in the browser language <paramref name="locale"/>.</summary>
    public Task<IBrowserContext> NewPhoneContextAsync(Uri baseAddress, string? locale = null) =>
        NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
        });

    /// <summary>A context with these options; its console is watched (<see cref="BrowserConsole"/>): the test fails on an error it logs.</summary>
    public async Task<IBrowserContext> NewContextAsync(BrowserNewContextOptions options) =>
        BrowserConsole.Watch(await Browser.NewContextAsync(options));

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
