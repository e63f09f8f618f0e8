using System.Diagnostics;
using FluentAssertions;
using Microsoft.Playwright;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// The evening run by the people in the room (issue 10), in Chromium against the real app on PostgreSQL: a moderator
/// claims a slot from the board, attendees take the last seat and the waitlist, the moderator runs the timer that
/// every phone counts down alike, the app restarts mid-session, and the record survives a lost connection.
/// </summary>
public sealed class ModeratorTests(ChromiumFixture chromium) : FreshAppTest(chromium, "ra_e2e_moderate")
{
    private static readonly TimeSpan Offline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Claim_LastSeat_Waitlist_Promotion_AndOneTimerOnEveryScreen()
    {
        var ct = TestContext.Current.CancellationToken;
        var invite = await SessionPages.ModeratorInviteAsync(App, ct);
        var code = await MarketplacePages.JoinCodeAsync(App, ct);
        await using var laptop = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        await using var phoneA = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        await using var phoneB = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        var mod = await laptop.NewPageAsync();
        var a = await phoneA.NewPageAsync();
        var b = await phoneB.NewPageAsync();
        await mod.JoinDemoAsync(invite, MarketplacePages.UniqueName("Moderator"));
        var nameA = MarketplacePages.UniqueName("Ara");
        var nameB = MarketplacePages.UniqueName("Bomi");
        await a.JoinDemoAsync(code, nameA);
        await b.JoinDemoAsync(code, nameB);

        // The moderator claims a free slot from the board; the attendee's phone board shows it without a reload.
        var claim = await DemoClaims.FindAsync(App.Services, ct);
        var cellOnPhone = a.Slot(claim.RoomName, claim.RoundNumber);
        await Expect(cellOnPhone).ToHaveAttributeAsync("data-state", "open", BoardPages.Attribute());
        await a.MarkWindowAsync();
        await a.WatchAsync("claimed", $"[data-testid=slot][data-room='{claim.RoomName}'][data-round='{claim.RoundNumber}']", claim.CardTitle);
        await Expect(a.Locator("[data-testid=slot-claim]")).ToHaveCountAsync(0, BoardPages.Count());

        await mod.Slot(claim.RoomName, claim.RoundNumber).Locator("[data-testid=slot-claim]").ClickAsync();
        var panel = mod.Locator("[data-testid=claim-panel]");
        await Expect(panel).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await panel.Locator("[data-testid=claim-card]").SelectOptionAsync(claim.CardId.ToString());
        var submit = panel.Locator("[data-testid=claim-submit]");
        await Expect(submit).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = BoardPages.Timeout });
        await mod.RecordClickAsync("claim", "[data-testid=claim-submit]");
        var clock = Stopwatch.StartNew();
        await submit.ClickAsync();

        await Expect(cellOnPhone).ToHaveAttributeAsync("data-state", "taken", BoardPages.Attribute(BoardPages.LiveTimeout));
        await Expect(cellOnPhone.Locator("[data-testid=slot-title]")).ToContainTextAsync(claim.CardTitle, BoardPages.Text(BoardPages.LiveTimeout));
        await MarketplacePages.LogLatencyAsync("moderator claim -> attendee board (phone)", mod, "claim", a, "claimed", clock.Elapsed);
        (await a.ReadWindowMarkAsync()).Should().Be("not-reloaded");
        await mod.WaitForURLAsync("**/sessions/*", new PageWaitForURLOptions { Timeout = BoardPages.Timeout });
        await Expect(mod.Locator("[data-testid=session-page]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        var session = await SessionPages.SessionOfCardAsync(App, claim.CardId, ct);

        // Everyone else fills the room but one seat; the first attendee takes it, the second joins the waitlist.
        var ara = await PlannerPages.PersonIdAsync(App, nameA, ct);
        var bomi = await PlannerPages.PersonIdAsync(App, nameB, ct);
        await SessionPages.FillSeatsAsync(App, session.Id, left: 1, keepOut: [ara, bomi], ct);
        await a.OpenSessionAsync(session.Id);
        await b.OpenSessionAsync(session.Id);
        await Expect(a.Locator("[data-testid=seat-reserve]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await a.Locator("[data-testid=seat-reserve]").ClickAsync();
        await Expect(a.SeatStatus()).ToHaveAttributeAsync("data-seat", "seated", BoardPages.Attribute());
        await Expect(a.Locator("[data-testid=session-seats]")).ToContainTextAsync($"{session.Capacity} / {session.Capacity}", BoardPages.Text());
        await Expect(a.Locator("[data-testid=seat-badge]")).ToHaveAttributeAsync("data-level", "full", BoardPages.Attribute());

        await Expect(b.Locator("[data-testid=seat-reserve]")).ToContainTextAsync("waitlist", BoardPages.Text(BoardPages.LiveTimeout));
        await b.Locator("[data-testid=seat-reserve]").ClickAsync();
        await Expect(b.SeatStatus()).ToHaveAttributeAsync("data-seat", "waitlisted", BoardPages.Attribute());
        await Expect(b.SeatStatus()).ToContainTextAsync("number 1", BoardPages.Text());

        // The first attendee gives the seat back: the waiting one is promoted, and told live on the open page.
        await a.Locator("[data-testid=seat-cancel]").ClickAsync();
        await a.Locator("[data-testid=seat-cancel-yes]").ClickAsync();
        await Expect(a.SeatStatus()).ToHaveAttributeAsync("data-seat", "none", BoardPages.Attribute());
        await Expect(b.SeatStatus()).ToHaveAttributeAsync("data-seat", "seated", BoardPages.Attribute(BoardPages.LiveTimeout));
        await Expect(b.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "A seat freed up" }))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.LiveTimeout });
        await Expect(b.Locator(".mud-snackbar").Filter(new LocatorFilterOptions { HasText = "on the waitlist" }))
            .ToHaveCountAsync(0, BoardPages.Count());
        await Expect(b.Locator("[data-testid=record-empty]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(b.Locator("[data-testid=record-private]")).ToHaveCountAsync(0, BoardPages.Count());
        await b.ScreenshotToAsync("session-promoted-phone.png");

        // The promoted attendee agrees to be named in records; the moderator's list shows it live.
        await b.Locator("[data-testid=agree-to-be-named]").CheckAsync();
        await Expect(mod.Locator("[data-testid=participant]").Filter(new LocatorFilterOptions { HasText = nameB }).Locator("[data-testid=participant-may-be-named]"))
            .ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.LiveTimeout });

        // The moderator starts the timer; the attendee's phone counts down from the same stored end.
        await mod.Locator("[data-testid=timer-start]").ClickAsync();
        await Expect(mod.Timer()).ToHaveAttributeAsync("data-timer-state", "running", BoardPages.Attribute());
        await Expect(b.Timer()).ToHaveAttributeAsync("data-timer-state", "running", BoardPages.Attribute(BoardPages.LiveTimeout));
        var endsOnMod = await mod.Countdown().GetAttributeAsync("data-ends-at");
        var endsOnPhone = await b.Countdown().GetAttributeAsync("data-ends-at");
        endsOnPhone.Should().Be(endsOnMod, "every screen counts down to the one stored end instant");
        await Task.Delay(600, ct);
        var (modLeft, phoneLeft, readGap) = await ReadBothAsync(mod, b);
        E2EEnvironment.Log($"Timer: moderator {modLeft} ms left, attendee phone {phoneLeft} ms left, read {readGap} ms apart.");
        Math.Abs(modLeft - phoneLeft).Should().BeLessThan(1000 + readGap, "all screens agree within a second");
        modLeft.Should().BeInRange(44 * 60_000, 45 * 60_000);
        await Expect(b.Countdown().Locator("[data-countdown-time]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^4[45]:[0-5][0-9]$"), new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });

        // Pause and extend reach the phone too (the server renders them; the browser stops counting).
        await mod.Locator("[data-testid=timer-pause]").ClickAsync();
        await Expect(b.Timer()).ToHaveAttributeAsync("data-timer-state", "paused", BoardPages.Attribute(BoardPages.LiveTimeout));
        await mod.Locator("[data-testid=timer-extend]").ClickAsync();
        await Expect(b.Countdown().Locator("[data-countdown-time]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(49:[0-5][0-9]|50:00)$"), new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.LiveTimeout });
        await mod.Locator("[data-testid=timer-resume]").ClickAsync();
        await Expect(b.Timer()).ToHaveAttributeAsync("data-timer-state", "running", BoardPages.Attribute(BoardPages.LiveTimeout));

        // The board shows the countdown in the cell; screenshots of the board (laptop) and the moderator's page (phone size).
        await mod.OpenDemoBoardAsync();
        await Expect(mod.Slot(claim.RoomName, claim.RoundNumber).Locator("[data-testid=slot-timer] [data-countdown]"))
            .ToHaveAttributeAsync("data-state", "running", BoardPages.Attribute());
        // The cell counts down to the same end as the session page (the board's first render carries the server's clock).
        await Expect(mod.Slot(claim.RoomName, claim.RoundNumber).Locator("[data-testid=slot-timer] [data-countdown-time]"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(4[0-9]|50):[0-5][0-9]$"), new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await mod.ScreenshotToAsync("board-with-timers-1440x900.png");
        await mod.SetViewportSizeAsync(390, 844);
        await mod.OpenSessionAsync(session.Id);
        await mod.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("moderator-page-390x844.png") });
        await mod.ScreenshotToAsync("moderator-page-390x844-full.png");
    }

    [Fact]
    [ExpectsConsoleError(BrowserConsole.ConnectionLost, "the test restarts the app under the open session page")]
    public async Task Timer_AppRestartsMidSession_GoesOnFromTheStoredEnd()
    {
        var ct = TestContext.Current.CancellationToken;
        var (page, context, session) = await ModeratorWithSessionAsync(ct);
        await using (context)
        {
            await page.Locator("[data-testid=timer-start]").ClickAsync();
            await Expect(page.Timer()).ToHaveAttributeAsync("data-timer-state", "running", BoardPages.Attribute());
            var endsAt = await page.Countdown().GetAttributeAsync("data-ends-at");

            var clock = Stopwatch.StartNew();
            await RestartAppAsync(ct);
            E2EEnvironment.Log($"App restarted in {clock.ElapsedMilliseconds} ms.");

            await page.GotoAsync(new Uri(App.BaseAddress, SessionPages.SessionPath(session)).ToString(), new PageGotoOptions { Timeout = 30_000 });
            await page.WaitForInteractiveAsync();
            await Expect(page.Timer()).ToHaveAttributeAsync("data-timer-state", "running", BoardPages.Attribute());
            (await page.Countdown().GetAttributeAsync("data-ends-at")).Should().Be(endsAt, "the end instant is stored, not ticked");
            await Task.Delay(600, ct);
            var left = double.Parse(await page.Countdown().GetAttributeAsync("data-left-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var expected = await page.EvaluateAsync<double>("end => Number(end) - Date.now()", endsAt);
            E2EEnvironment.Log($"After the restart: {left} ms left on the page, {expected} ms to the stored end by the browser's clock.");
            Math.Abs(left - expected).Should().BeLessThan(1500);
            left.Should().BeLessThan(45 * 60_000 - clock.ElapsedMilliseconds + 1000, "the time spent restarting counts");
        }
    }

    [Fact]
    [ExpectsConsoleError(BrowserConsole.ConnectionLost, "the test takes the moderator offline")]
    public async Task Record_ThirtySecondsOfflineThenReload_KeepsWhatWasTyped()
    {
        var ct = TestContext.Current.CancellationToken;
        var (page, context, session) = await ModeratorWithSessionAsync(ct);
        await using (context)
        {
            var notes = page.Locator("[data-testid=record-notes-input]");
            const string First = "- 첫 번째 의견: 가격을 두 단계로 나누자";
            await notes.FillAsync(First);
            await Expect(page.RecordStatus()).ToHaveAttributeAsync("data-state", "saved", BoardPages.Attribute());

            await context.SetOfflineAsync(true);
            var offline = Stopwatch.StartNew();
            const string More = First + "\n- Offline: ask the clinic owners directly 🚆";
            await notes.FillAsync(More);
            await Task.Delay(Offline, ct);
            await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
            E2EEnvironment.Log($"Record offline for {offline.Elapsed.TotalSeconds:0.0} s.");
            (await SessionPages.SessionOfCardAsync(App, await CardOfAsync(session, ct), ct)).Record.Notes.Should().Be(First, "the server cannot have heard the offline text");

            await context.SetOfflineAsync(false);
            await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = BoardPages.Timeout });
            await page.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
            await page.WaitForInteractiveAsync();
            await Expect(page.Locator("[data-testid=record-notes-input]")).ToHaveValueAsync(More, new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });
            // Saved either when the connection came back or from the browser's copy on reload: the store has it either way,
            // and the page says when it was saved rather than that something is still waiting.
            var card = await CardOfAsync(session, ct);
            var waited = Stopwatch.StartNew();
            string? stored;
            while ((stored = (await SessionPages.SessionOfCardAsync(App, card, ct)).Record.Notes) != More && waited.Elapsed < TimeSpan.FromSeconds(15))
            {
                await Task.Delay(200, ct);
            }

            stored.Should().Be(More);
            await Expect(page.RecordStatus()).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(saved|idle)$"), BoardPages.Attribute());
            await Expect(page.RecordStatus()).ToContainTextAsync("saved", new LocatorAssertionsToContainTextOptions { IgnoreCase = true, Timeout = BoardPages.Timeout });
        }
    }

    // A moderator who joined by the invite, with a session claimed through the service and its page open (laptop).
    private async Task<(IPage Page, IBrowserContext Context, Guid Session)> ModeratorWithSessionAsync(CancellationToken ct)
    {
        var invite = await SessionPages.ModeratorInviteAsync(App, ct);
        var context = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        var page = await context.NewPageAsync();
        var name = MarketplacePages.UniqueName("Moderator");
        await page.JoinDemoAsync(invite, name);
        var me = await PlannerPages.PersonIdAsync(App, name, ct);
        var claim = await DemoClaims.FindAsync(App.Services, ct);
        var result = await App.GetRequiredService<SessionService>().ClaimSlotAsync(me, claim.EventId, claim.CardId, claim.RoomId, claim.RoundId, ct: ct);
        result.Succeeded.Should().BeTrue(result.Error);
        var session = result.CreatedId!.Value;
        await page.OpenSessionAsync(session);
        return (page, context, session);
    }

    private async Task<Guid> CardOfAsync(Guid sessionId, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RunawaysAlliance.Data.AppDbContext>>().CreateDbContext();
        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Sessions.Where(s => s.Id == sessionId).Select(s => s.CardId), ct);
    }

    private static async Task<(double Mod, double Phone, double Gap)> ReadBothAsync(IPage mod, IPage phone)
    {
        var clock = Stopwatch.StartNew();
        var m = double.Parse(await mod.Countdown().GetAttributeAsync("data-left-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var p = double.Parse(await phone.Countdown().GetAttributeAsync("data-left-ms") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        return (m, p, clock.ElapsedMilliseconds);
    }
}
