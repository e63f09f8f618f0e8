using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>The printable poster in Chromium's print rendering at A3 landscape (what print preview shows).</summary>
public sealed class PosterTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

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
}
