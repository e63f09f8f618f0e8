using System.Diagnostics;
using FluentAssertions;
using Microsoft.Playwright;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Organize;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Issue 17, what a newcomer tripped over: the primary action below the first screen of a phone, a search that did not
/// narrow while Hangul was typed through an input method, and the organizer's console that needed a reload to show a
/// newcomer. (Every journey here, like every other, also ends with a clean browser console: BrowserConsole.)
/// </summary>
public sealed class NewcomerJourneyTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private const float WithinASecond = 1_000;
    private const string CafeCard = "작은 카페의 단골 손님을 늘리고 싶어요";
    private const string MaintainersCard = "Open-source maintainers are burning out";

    // Records the composition events the search box receives, to prove the typing below went through an input method.
    private const string CompositionScript = """
        () => {
            window.__e2eComposition = [];
            const box = document.querySelector('[data-testid=card-search]');
            for (const type of ['compositionstart', 'compositionend']) {
                box.addEventListener(type, e => window.__e2eComposition.push(`${type}:${e.data ?? ''}`));
            }
        }
        """;

    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("en-US")]
    [InlineData("ko-KR")]
    public async Task PhoneBoardAndCardList_PostACard_IsOnTheFirstScreen(string locale)
    {
        var code = await MarketplacePages.JoinCodeAsync(_app.App, Ct);
        await using var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress, locale);
        var page = await phone.NewPageAsync();
        await page.JoinDemoAsync(code, MarketplacePages.UniqueName("Thumb"));

        foreach (var path in new[] { BoardPages.DemoBoard, MarketplacePages.Cards })
        {
            await page.OpenAsync(path);
            await page.WaitForInteractiveAsync();
            var action = page.Locator("[data-testid=post-card]");
            await Expect(action).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
            var box = await action.BoundingBoxAsync();
            box.Should().NotBeNull();
            (box!.Y + box.Height).Should().BeLessThanOrEqualTo(844, $"{path} ({locale}): the primary action is on the first screen of a 390x844 phone");
            box.Y.Should().BeGreaterThanOrEqualTo(0);
            (box.X + box.Width).Should().BeLessThanOrEqualTo(390, "and not cut off at the right edge");
            (await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight")).Should().BeGreaterThan(844, $"{path}: the page is longer than one screen, so the test means something");

            // Still there after scrolling to the end, and it covers nothing: the page keeps room below its last line.
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            await Expect(action).ToBeInViewportAsync();
            await page.ScreenshotToAsync($"first-screen-{locale}-{(path == BoardPages.DemoBoard ? "board" : "cards")}-phone.png");
            await action.TapAsync();
            await page.WaitForURLAsync("**/cards/new", new PageWaitForURLOptions { Timeout = BoardPages.Timeout });
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task CardSearch_HangulThroughAnInputMethodAndEnglish_NarrowsWhileTyping(bool phone)
    {
        await using var context = phone
            ? await _chromium.NewPhoneContextAsync(_app.BaseAddress, "ko-KR")
            : await _chromium.NewLaptopContextAsync(_app.BaseAddress, "ko-KR");
        var page = await context.NewPageAsync();
        await page.OpenAsync(MarketplacePages.Cards);
        await page.WaitForInteractiveAsync();
        var tiles = page.Locator("[data-testid=card]");
        await Expect(tiles.Filter(new LocatorFilterOptions { HasText = MaintainersCard })).ToHaveCountAsync(1, BoardPages.Count());
        var all = await tiles.CountAsync();
        all.Should().BeGreaterThan(2);
        var search = page.Locator("[data-testid=card-search]");
        await search.FocusAsync();
        await page.EvaluateAsync(CompositionScript);

        // 카페 as a Korean input method types it: ㅋ, 카 (composing), committed; ㅍ, 페, committed.
        var cdp = await context.NewCDPSessionAsync(page);
        foreach (var (composing, committed) in new[] { (new[] { "ㅋ", "카" }, "카"), (new[] { "ㅍ", "페" }, "페") })
        {
            foreach (var text in composing)
            {
                await cdp.SendAsync("Input.imeSetComposition", new Dictionary<string, object> { ["text"] = text, ["selectionStart"] = text.Length, ["selectionEnd"] = text.Length });
                await Task.Delay(60, Ct);
            }

            await cdp.SendAsync("Input.insertText", new Dictionary<string, object> { ["text"] = committed });
            await Task.Delay(60, Ct);
        }

        (await page.EvaluateAsync<string[]>("() => window.__e2eComposition")).Should().Equal("compositionstart:", "compositionend:카", "compositionstart:", "compositionend:페");
        await Expect(search).ToHaveValueAsync("카페");
        await Expect(tiles.Filter(new LocatorFilterOptions { HasText = CafeCard })).ToHaveCountAsync(1, BoardPages.Count(BoardPages.LiveTimeout));
        await Expect(tiles.Filter(new LocatorFilterOptions { HasText = MaintainersCard })).ToHaveCountAsync(0, BoardPages.Count(BoardPages.LiveTimeout));
        (await tiles.CountAsync()).Should().BeLessThan(all);
        await page.ScreenshotToAsync($"search-hangul-{(phone ? "phone" : "laptop")}.png");

        // English, key by key: the list follows.
        await search.FillAsync(string.Empty);
        await Expect(tiles).ToHaveCountAsync(all, BoardPages.Count(BoardPages.LiveTimeout));
        await search.PressSequentiallyAsync("burning", new LocatorPressSequentiallyOptions { Delay = 40 });
        await Expect(tiles.Filter(new LocatorFilterOptions { HasText = MaintainersCard })).ToHaveCountAsync(1, BoardPages.Count(BoardPages.LiveTimeout));
        await Expect(tiles.Filter(new LocatorFilterOptions { HasText = CafeCard })).ToHaveCountAsync(0, BoardPages.Count(BoardPages.LiveTimeout));
    }

    [Fact]
    public async Task OrganizerConsole_SomeoneJoinsOrGetsARole_ShowsItLiveWithinASecond()
    {
        var code = await MarketplacePages.JoinCodeAsync(_app.App, Ct);
        var organizerName = MarketplacePages.UniqueName("Ona");
        // Sorted first among the attendees, so the newcomer is on the console's first page of members.
        var newcomerName = "Aaa " + MarketplacePages.UniqueName("Newcomer");
        await using var organizerContext = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var organizer = await organizerContext.NewPageAsync();
        await organizer.JoinDemoAsync(code, organizerName);
        await PlannerPages.PromoteToOrganizerAsync(_app.App, organizerName, Ct);
        await organizer.OpenAsync($"{BoardPages.DemoBoard}/organize");
        await organizer.WaitForInteractiveAsync();
        var members = organizer.Locator("[data-testid=members] li");
        await Expect(members.First).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        var countBefore = await organizer.Locator("[data-testid=members-count]").GetAttributeAsync("data-count");
        await organizer.MarkWindowAsync();
        var row = members.Filter(new LocatorFilterOptions { HasText = newcomerName });
        await Expect(row).ToHaveCountAsync(0, BoardPages.Count());

        await using var newcomerContext = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var newcomer = await newcomerContext.NewPageAsync();
        await newcomer.GotoAsync($"join/{code}");
        await newcomer.Locator("#display-name").FillAsync(newcomerName);
        await newcomer.Locator("[data-testid=join-submit]").ClickAsync();
        await newcomer.WaitForURLAsync("**/" + BoardPages.DemoBoard, new PageWaitForURLOptions { Timeout = 30_000 });
        var clock = Stopwatch.StartNew();

        await Expect(row).ToHaveCountAsync(1, BoardPages.Count(WithinASecond));
        E2EEnvironment.Log($"Join -> organizer console: {clock.ElapsedMilliseconds} ms until Expect succeeded (polling).");
        await Expect(organizer.Locator("[data-testid=members-count]")).ToHaveAttributeAsync("data-count", (int.Parse(countBefore!, System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), BoardPages.Attribute());
        (await organizer.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the console shows the newcomer in place");

        // Another organizer (here the app's own service, as their console would call it) makes the newcomer a moderator.
        var organizerId = await PlannerPages.PersonIdAsync(_app.App, organizerName, Ct);
        var newcomerId = await PlannerPages.PersonIdAsync(_app.App, newcomerName, Ct);
        var eventId = await PlannerPages.DemoEventIdAsync(_app.App, Ct);
        var changed = await _app.App.GetRequiredService<OrganizeService>().SetRoleAsync(organizerId, eventId, newcomerId, EventRole.Moderator, Ct);
        changed.Succeeded.Should().BeTrue(changed.Error);

        await Expect(row).ToHaveAttributeAsync("data-role", nameof(EventRole.Moderator), BoardPages.Attribute(WithinASecond * 2));
        (await organizer.ReadWindowMarkAsync()).Should().Be("not-reloaded");
        await organizer.ScreenshotToAsync("organize-live-newcomer-laptop.png");
    }
}
