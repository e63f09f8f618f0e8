using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// The schedule leaving the app: the printable poster in Chromium's print rendering at A3 landscape (what print
/// preview shows), and the personal calendar feed as a phone asks for it and a calendar app polls it.
/// </summary>
public sealed class PosterTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task Wall_DemoEveningInKoreanAt1920x1080_TheWholeGridFitsTheScreen()
    {
        string code;
        await using (var db = _app.App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            code = await db.Events.Where(e => e.Slug == DemoEvent.Slug).Select(e => e.WallCode).SingleAsync(TestContext.Current.CancellationToken);
        }

        await using var projector = await _chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = _app.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
            Locale = "ko-KR",
        });
        var wall = await projector.NewPageAsync();

        await wall.GotoAsync($"events/runaways-2025/wall/{code}");
        await wall.WaitForInteractiveAsync();

        await Expect(wall.Locator("[data-testid=wall-cell]")).ToHaveCountAsync(21, BoardPages.Count());
        await Expect(wall.Locator("[data-testid=wall-session]")).ToHaveCountAsync(5, BoardPages.Count());
        await Expect(wall.Locator(".wall-round").First).ToContainTextAsync("1라운드");
        var size = await wall.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        size[0].Should().BeLessThanOrEqualTo(1920, "a projector cannot scroll");
        size[1].Should().BeLessThanOrEqualTo(1080, "a projector cannot scroll");
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("wall-demo-ko-1920x1080.png") });
    }

    [Fact]
    public async Task Poster_PrintedAtA3Landscape_TheWholeGridFitsOnOnePage()
    {
        await using var context = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();
        // A3 landscape at 96 dpi, less the 10 mm margins of the @page rule.
        await page.SetViewportSizeAsync(1512, 1047);
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        await page.GotoAsync("events/runaways-2025/poster");

        await Expect(page.Locator("[data-testid=poster-cell]")).ToHaveCountAsync(21, BoardPages.Count());
        await Expect(page.Locator(".poster-session")).ToHaveCountAsync(5, BoardPages.Count());
        var size = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        size[0].Should().BeLessThanOrEqualTo(1512, "the grid must not be cut at the right edge");
        size[1].Should().BeLessThanOrEqualTo(1047, "the whole grid fits on one A3 page");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("poster-a3-print.png"), FullPage = true });
        var pdf = await page.PdfAsync(new PagePdfOptions { Format = "A3", Landscape = true, PrintBackground = true, PreferCSSPageSize = true });
        System.Text.Encoding.ASCII.GetString(pdf, 0, 5).Should().Be("%PDF-", "Chromium prints it");
    }

    [Fact]
    public async Task CalendarFeed_FromMyEveningOnAPhone_PollsWithoutSignIn_AndARenewedAddressStopsTheOld()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        await using var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var page = await phone.NewPageAsync();
        await page.JoinDemoAsync(code, MarketplacePages.UniqueName("Calendar"));
        await page.OpenAsync(MarketplacePages.MyEvening);
        await page.WaitForInteractiveAsync();

        await page.Locator("[data-testid=calendar-feed-renew]").ClickAsync();

        var address = page.Locator("[data-testid=calendar-feed-address]");
        await Expect(address).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("/events/runaways-2025/calendar/[A-Za-z0-9_-]{40,}\\.ics$"), new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });
        await page.Locator("[data-testid=calendar-feed]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("calendar-feed-phone.png") });
        var first = await address.InputValueAsync();
        // A calendar app polls without the person's cookies.
        await using var calendarApp = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var poll = await calendarApp.APIRequest.GetAsync(first);
        poll.Status.Should().Be(200);
        poll.Headers["content-type"].Should().StartWith("text/calendar");
        (await poll.TextAsync()).Should().Contain("BEGIN:VCALENDAR");

        await page.Locator("[data-testid=calendar-feed-renew]").ClickAsync();
        await Expect(address).Not.ToHaveValueAsync(first, new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });

        (await calendarApp.APIRequest.GetAsync(first)).Status.Should().Be(404, "a renewed address stops the old one");
        (await calendarApp.APIRequest.GetAsync(await address.InputValueAsync())).Status.Should().Be(200);
    }
}
