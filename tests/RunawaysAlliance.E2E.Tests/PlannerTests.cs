using System.Diagnostics;
using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// "Suggest an arrangement": an organizer previews the planner's suggestion and applies it, and an open board on a
/// phone shows the new sessions live; a preview that the board outran applies nothing and says what changed;
/// attendees get neither the page nor the link. A database of its own: applying a plan changes the demo board.
/// Every test gives back what it placed, so the tests do not depend on their order.
/// </summary>
public sealed class PlannerTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private const int TimeLimitSeconds = 5;

    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Organizer_SuggestsProvenBestAndApplies_BoardAndOpenPhoneShowTheNewSessions()
    {
        var code = await MarketplacePages.JoinCodeAsync(_app.App, Ct);
        var organizerName = MarketplacePages.UniqueName("Olga");
        await using var laptopContext = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        await using var phoneContext = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var organizer = await laptopContext.NewPageAsync();
        var phone = await phoneContext.NewPageAsync();
        var dialogs = organizer.CollectDialogs();

        await organizer.JoinDemoAsync(code, organizerName);
        await PlannerPages.PromoteToOrganizerAsync(_app.App, organizerName, Ct);

        // The board offers the plan page to the organizer; it opens from there.
        await organizer.OpenDemoBoardAsync();
        await Expect(organizer.PlanLink()).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await organizer.PlanLink().ClickAsync();
        await organizer.WaitForURLAsync("**/" + PlannerPages.Plan, new PageWaitForURLOptions { Timeout = BoardPages.Timeout });
        await organizer.WaitForInteractiveAsync();

        var thinking = Stopwatch.StartNew();
        await organizer.SuggestAsync(TimeLimitSeconds);
        thinking.Stop();
        var preview = organizer.PlanPreview();
        await Expect(preview).ToHaveAttributeAsync("data-status", "Optimal", BoardPages.Attribute());
        var changes = await organizer.ReadPreviewAsync();
        changes.Should().NotBeEmpty("the demo board has waiting cards, open slots and free moderators");
        await Expect(preview).ToHaveAttributeAsync("data-changes", changes.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), BoardPages.Attribute());
        changes.Select(c => c.SlotLabel).Should().OnlyHaveUniqueItems();
        E2EEnvironment.Log($"Planner: suggestion with a {TimeLimitSeconds} s limit shown {thinking.ElapsedMilliseconds} ms after the click: " +
                           $"{changes.Count} changes, quality line '{await organizer.Locator("[data-testid=plan-quality]").TextContentAsync()}'.");
        await organizer.ScreenshotToAsync("planner-preview-laptop.png");

        try
        {
            // A second person has the board open on a phone; its slots for the previewed cards are still open.
            await phone.JoinDemoAsync(code, MarketplacePages.UniqueName("Pablo"));
            await Expect(phone.Slots()).ToHaveCountAsync(21, BoardPages.Count());
            foreach (var c in changes)
            {
                await Expect(phone.Slot(c.RoomName, c.RoundNumber)).ToHaveAttributeAsync("data-state", "open", BoardPages.Attribute());
            }

            await phone.MarkWindowAsync();
            var last = changes[^1];
            await phone.WatchAsync("planned", $"[data-testid=slot][data-room='{last.RoomName}'][data-round='{last.RoundNumber}'] [data-testid=slot-title]", last.CardTitle);
            await organizer.RecordClickAsync("apply", "[data-testid=plan-apply]");

            await Expect(organizer.PlanApply()).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = BoardPages.Timeout });
            var applied = Stopwatch.StartNew();
            await organizer.PlanApply().ClickAsync();

            // The organizer lands on the board, with every previewed card in the slot the preview named.
            await organizer.WaitForURLAsync(u => u.EndsWith("/" + BoardPages.DemoBoard, StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = BoardPages.Timeout });
            await Expect(organizer.Slots()).ToHaveCountAsync(21, BoardPages.Count());
            foreach (var c in changes)
            {
                await Expect(organizer.SlotTitle(c.RoomName, c.RoundNumber)).ToHaveTextAsync(c.CardTitle, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
            }

            var onBoard = applied.Elapsed;

            // The phone's board, open all along and never reloaded, shows them too.
            foreach (var c in changes)
            {
                await Expect(phone.SlotTitle(c.RoomName, c.RoundNumber)).ToHaveTextAsync(c.CardTitle, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.LiveTimeout });
            }

            var onPhone = applied.Elapsed;
            (await phone.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the phone's board updates live, without a reload");
            E2EEnvironment.Log($"Planner: apply of {changes.Count} sessions: organizer's board showed them all {onBoard.TotalMilliseconds:0} ms after the click returned.");
            var clickedAt = await organizer.ClickedAtAsync("apply");
            var seenAt = await phone.SeenAtAsync("planned");
            var inPage = clickedAt is { } c0 && seenAt is { } s0 ? $"{s0 - c0:0} ms from the click to the DOM change (MutationObserver)" : $"not recorded (click {clickedAt}, seen {seenAt})";
            E2EEnvironment.Log($"Planner: apply → open phone board ({last.SlotLabel}): {inPage}; every previewed card was on the phone {onPhone.TotalMilliseconds:0} ms after the click returned.");
            await phone.ScreenshotToAsync("planner-phone-board-after.png");

            (await PlannerPages.PlacedAsync(_app.App, changes.Select(c => c.CardId), Ct)).Should().HaveCount(changes.Count);
            dialogs.Should().BeEmpty();
        }
        finally
        {
            await PlannerPages.ReleaseCardsAsync(_app.App, changes.Select(c => c.CardId));
        }
    }

    [Fact]
    public async Task StalePreview_ModeratorClaimedAPreviewedSlot_ApplyNamesSlotAndModeratorAndPlacesNothing()
    {
        var code = await MarketplacePages.JoinCodeAsync(_app.App, Ct);
        var organizerName = MarketplacePages.UniqueName("Olga");
        await using var laptopContext = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var organizer = await laptopContext.NewPageAsync();

        await organizer.JoinDemoAsync(code, organizerName);
        await PlannerPages.PromoteToOrganizerAsync(_app.App, organizerName, Ct);
        await organizer.OpenAsync(PlannerPages.Plan);
        await organizer.SuggestAsync(TimeLimitSeconds);
        var changes = await organizer.ReadPreviewAsync();
        changes.Should().NotBeEmpty("the demo board has waiting cards, open slots and free moderators");

        try
        {
            // The moderator the planner picked for the first change claims that slot for that card by hand.
            var taken = changes[0];
            await PlannerPages.ClaimAsModeratorAsync(_app.App, taken, Ct);

            await organizer.PlanApply().ClickAsync();

            var message = organizer.PlanMessage();
            await Expect(message).ToContainTextAsync("The board changed since the preview, so nothing was applied", BoardPages.Text());
            await Expect(message).ToContainTextAsync($"{taken.SlotLabel} was just claimed by {taken.ModeratorName}", BoardPages.Text());
            E2EEnvironment.Log($"Planner: stale apply said '{await message.TextContentAsync()}'.");
            await organizer.ScreenshotToAsync("planner-stale-laptop.png");

            organizer.Url.Should().EndWith("/" + PlannerPages.Plan, "the organizer stays on the plan page");
            await Expect(organizer.PlanApply()).ToHaveCountAsync(0, BoardPages.Count());
            (await PlannerPages.PlacedAsync(_app.App, changes.Skip(1).Select(c => c.CardId), Ct))
                .Should().BeEmpty("nothing of a stale preview is applied");
            (await PlannerPages.PlacedAsync(_app.App, [taken.CardId], Ct))
                .Should().Equal($"{taken.CardId} in {taken.SlotLabel}");
        }
        finally
        {
            await PlannerPages.ReleaseCardsAsync(_app.App, changes.Select(c => c.CardId));
        }
    }

    [Fact]
    public async Task Attendee_PlanPageDeniedAndNoPlanLinkOnTheBoard()
    {
        var code = await MarketplacePages.JoinCodeAsync(_app.App, Ct);
        await using var context = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();
        await page.JoinDemoAsync(code, MarketplacePages.UniqueName("Ana"));

        await page.OpenAsync(PlannerPages.Plan);
        await Expect(page.Locator("[data-testid=plan-denied]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(page.PlanSuggest()).ToHaveCountAsync(0, BoardPages.Count());
        await Expect(page.PlanApply()).ToHaveCountAsync(0, BoardPages.Count());
        await page.ScreenshotToAsync("planner-denied-phone.png");

        await page.OpenDemoBoardAsync();
        await Expect(page.PlanLink()).ToHaveCountAsync(0, BoardPages.Count());
    }
}
