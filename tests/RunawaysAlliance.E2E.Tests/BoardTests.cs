using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>The live board in a real Chromium at phone and laptop sizes, served by Kestrel over PostgreSQL.</summary>
public sealed class BoardTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task Board_OnPhone_ShowsOneRoundAtATimeAndSwitchesRoundsByTap()
    {
        await using var context = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.OpenDemoBoardAsync();

        await Expect(page.Slots()).ToHaveCountAsync(21, BoardPages.Count());
        await Expect(page.Locator("[data-testid=slot][data-state=taken]")).ToHaveCountAsync(5, BoardPages.Count());
        await Expect(page.VisibleSlots()).ToHaveCountAsync(7, BoardPages.Count());
        await Expect(page.VisibleSlots().And(page.Locator("[data-round='1']"))).ToHaveCountAsync(7, BoardPages.Count());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("board-phone-round1.png"), FullPage = true });
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1], "the phone layout must not scroll sideways");

        await page.Locator(".round-tab[data-round='2']").TapAsync();

        await Expect(page.Locator(".round-tab[data-round='2']")).ToHaveAttributeAsync("aria-pressed", "true", BoardPages.Attribute());
        await Expect(page.VisibleSlots().And(page.Locator("[data-round='2']"))).ToHaveCountAsync(7, BoardPages.Count());
        await Expect(page.VisibleSlots()).ToHaveCountAsync(7, BoardPages.Count());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("board-phone-round2.png"), FullPage = true });
        widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        widths[0].Should().BeLessThanOrEqualTo(widths[1], "the phone layout must not scroll sideways");
    }

    [Fact]
    public async Task Board_OnLaptop_ShowsAllTwentyOneSlots()
    {
        await using var context = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.OpenDemoBoardAsync();

        await Expect(page.Slots()).ToHaveCountAsync(21, BoardPages.Count());
        await Expect(page.VisibleSlots()).ToHaveCountAsync(21, BoardPages.Count());
        await Expect(page.Locator("[data-testid=slot][data-state=taken]")).ToHaveCountAsync(5, BoardPages.Count());
        await Expect(page.Locator(".round-picker")).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = BoardPages.Timeout });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("board-laptop.png"), FullPage = true });
    }

    [Fact]
    [ExpectsConsoleError("status of 404", "the test opens an event that does not exist, on purpose")]
    public async Task Board_UnknownSlug_Returns404()
    {
        await using var context = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("events/no-such-event-here", new PageGotoOptions { Timeout = BoardPages.Timeout });

        response.Should().NotBeNull();
        response!.Status.Should().Be(404);
        await Expect(page.Slots()).ToHaveCountAsync(0, BoardPages.Count());
    }

    [Fact]
    public async Task LanguageSwitch_Korean_TranslatesBoardAndPersistsAcrossReload()
    {
        await using var context = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.OpenDemoBoardAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en", BoardPages.Attribute());

        await page.Locator("[data-lang=ko]").ClickAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko", BoardPages.Attribute());
        await page.WaitForInteractiveAsync();
        await Expect(page.Locator(".slot-open-label").First).ToHaveTextAsync("비어 있음", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        page.Url.Should().EndWith("/" + BoardPages.DemoBoard, "the switch returns to the page it was made on");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("board-laptop-ko.png") });

        await page.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
        await page.WaitForInteractiveAsync();

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko", BoardPages.Attribute());
        await Expect(page.Locator(".slot-open-label").First).ToHaveTextAsync("비어 있음", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(page.Locator("[data-lang=ko]")).ToHaveAttributeAsync("aria-pressed", "true", BoardPages.Attribute());
    }
}
