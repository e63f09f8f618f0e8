using FluentAssertions;
using Microsoft.Playwright;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Cards;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// The organizer's answers to a flood, from a phone: closing joining turns a newcomer away with the reason while
/// members still get in, and removing a spammer (after a confirmation) takes their cards off a board someone else
/// has open, live. A database of its own: the test closes joining and removes a person.
/// </summary>
public sealed class OrganizeFloodTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Organizer_ClosesJoiningAndRemovesASpammer_NewcomerTurnedAwayAndTheCardsLeaveAnOpenBoard()
    {
        var code = await MarketplacePages.JoinCodeAsync(_app.App, Ct);
        var organizerName = MarketplacePages.UniqueName("Olga");
        var spammerName = MarketplacePages.UniqueName("Spam");
        await using var organizerContext = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        await using var watcherContext = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        await using var newcomerContext = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var organizer = await organizerContext.NewPageAsync();
        var watcher = await watcherContext.NewPageAsync();
        var newcomer = await newcomerContext.NewPageAsync();

        await organizer.JoinDemoAsync(code, organizerName);
        await PlannerPages.PromoteToOrganizerAsync(_app.App, organizerName, Ct);
        var spammerPage = await (await _chromium.NewPhoneContextAsync(_app.BaseAddress)).NewPageAsync();
        await spammerPage.JoinDemoAsync(code, spammerName);
        var spammer = await PlannerPages.PersonIdAsync(_app.App, spammerName, Ct);
        var eventId = await PlannerPages.DemoEventIdAsync(_app.App, Ct);
        var cards = _app.App.GetRequiredService<CardService>();
        var spam = new List<Guid>();
        for (var i = 0; i < 2; i++)
        {
            var posted = await cards.PostAsync(spammer, eventId, new CardContent($"BUY NOW {i} {spammerName}", "cheap pills", null, CardKind.Commercial, [], "en"), Ct);
            posted.Succeeded.Should().BeTrue(posted.Error);
            spam.Add(posted.CreatedId!.Value);
        }

        await watcher.JoinDemoAsync(code, MarketplacePages.UniqueName("Wanda"));
        foreach (var card in spam)
        {
            await Expect(watcher.UnplacedCard(card)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        }

        await organizer.OpenAsync($"{BoardPages.DemoBoard}/organize");
        await Expect(organizer.Locator("[data-testid=flood-limits]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });

        // Close joining: the switch says so, and a newcomer is turned away with the reason, keeping what they typed.
        var joining = organizer.Locator("label.mud-switch:has([data-testid=joining-open])");
        await joining.ClickAsync();
        await Expect(joining).ToContainTextAsync("Joining is closed", BoardPages.Text());
        await Expect(organizer.Locator("[data-testid=joining-open]")).ToHaveAttributeAsync("aria-checked", "false", BoardPages.Attribute());
        await organizer.ScreenshotToAsync("organize-joining-closed-phone.png");
        await newcomer.GotoAsync($"join/{code}");
        await Expect(newcomer.Locator("[data-testid=join-error]")).ToContainTextAsync("is not taking new people right now", BoardPages.Text());
        await newcomer.Locator("#display-name").FillAsync("Nora Newcomer");
        await newcomer.Locator("[data-testid=join-submit]").ClickAsync();
        await Expect(newcomer.Locator("[data-testid=join-error]")).ToContainTextAsync("is not taking new people right now", BoardPages.Text());
        await Expect(newcomer.Locator("#display-name")).ToHaveValueAsync("Nora Newcomer");
        await newcomer.ScreenshotToAsync("join-closed-phone.png");

        // Remove the spammer: a confirmation first, then their cards leave the watcher's open board without a reload.
        await watcher.MarkWindowAsync();
        var row = organizer.Locator("[data-testid=members] li").Filter(new LocatorFilterOptions { HasText = spammerName });
        await row.Locator("[data-testid=remove-person]").ClickAsync();
        var dialog = organizer.Locator(".mud-dialog");
        await Expect(dialog).ToContainTextAsync(spammerName, BoardPages.Text());
        await dialog.Locator("button").Filter(new LocatorFilterOptions { HasText = "Remove" }).ClickAsync();

        await Expect(organizer.Locator("[data-testid=removals]")).ToContainTextAsync(spammerName, BoardPages.Text());
        foreach (var card in spam)
        {
            await Expect(watcher.UnplacedCard(card)).ToHaveCountAsync(0, BoardPages.Count(BoardPages.LiveTimeout));
        }

        (await watcher.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the cards left the open board live");
        await organizer.ScreenshotToAsync("organize-removed-phone.png");

        // Open again for the other tests of this database.
        await joining.ClickAsync();
        await Expect(joining).ToContainTextAsync("Joining is open", BoardPages.Text());
    }
}
