using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Issue 13, feedback: after a session ends, a participant rates it on a phone with one tap from My evening, adds the
/// time verdict and a comment on the session page, and the organizer's retrospective shows it (without a name).
/// </summary>
public sealed class FeedbackTests(ChromiumFixture chromium) : FreshAppTest(chromium, "ra_e2e_feedback")
{
    [Fact]
    public async Task Participant_RatesFromMyEveningAndSessionPage_OrganizerSeesItInTheRetro()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(App, ct);
        var claim = await DemoClaims.FindAsync(App.Services, ct);
        var sessions = App.GetRequiredService<SessionService>();
        await sessions.ClaimAsync(claim, ct);
        var sessionId = await SessionIdAsync(claim.CardId, ct);

        // A participant joins on a phone and takes a seat; the moderator runs the timer and ends it.
        await using var phone = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        var participant = await phone.NewPageAsync();
        var name = MarketplacePages.UniqueName("Hana");
        await participant.JoinDemoAsync(code, name);
        var hana = await PersonIdAsync(name, ct);
        (await App.GetRequiredService<SeatService>().ReserveSeatAsync(hana, claim.EventId, sessionId, ct)).Succeeded.Should().BeTrue();
        var timers = App.GetRequiredService<SessionTimerService>();
        (await timers.StartAsync(claim.ModeratorId, claim.EventId, sessionId, ct)).Succeeded.Should().BeTrue();
        (await timers.EndAsync(claim.ModeratorId, claim.EventId, sessionId, ct)).Succeeded.Should().BeTrue();

        // One tap on My evening.
        await participant.OpenAsync(MarketplacePages.MyEvening);
        var compact = participant.Locator($"[data-testid=feedback][data-session='{sessionId}']");
        await Expect(compact).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await compact.Locator("[data-testid=feedback-star][data-value='4']").ClickAsync();
        await Expect(compact.Locator("[data-testid=feedback-status]")).ToHaveAttributeAsync("data-state", "saved", BoardPages.Attribute());
        await Expect(compact).ToHaveAttributeAsync("data-rating", "4", BoardPages.Attribute());
        await participant.ScreenshotToAsync("feedback-my-evening-phone.png");
        (await StoredAsync(sessionId, hana, ct))!.Rating.Should().Be(4);

        // The session page: the time was too short, and a comment in Korean and English.
        await participant.OpenAsync($"{BoardPages.DemoBoard}/sessions/{sessionId}");
        var form = participant.Locator("[data-testid=feedback]");
        await Expect(form).ToHaveAttributeAsync("data-rating", "4", BoardPages.Attribute());
        await form.Locator("[data-testid=feedback-length][data-value=TooShort]").ClickAsync();
        await Expect(form.Locator("[data-testid=feedback-status]")).ToHaveAttributeAsync("data-state", "saved", BoardPages.Attribute());
        const string comment = "45분은 너무 짧았어요 — we need a follow-up <b>soon</b>";
        await form.Locator("[data-testid=feedback-comment]").FillAsync(comment);
        await form.Locator("[data-testid=feedback-save]").ClickAsync();
        await Expect(form.Locator("[data-testid=feedback-status]")).ToHaveAttributeAsync("data-state", "saved", BoardPages.Attribute());
        await participant.ScreenshotToAsync("feedback-session-page-phone.png");
        var stored = (await StoredAsync(sessionId, hana, ct))!;
        stored.Length.Should().Be(SessionLength.TooShort);
        stored.Comment.Should().Be(comment);

        // The organizer's retrospective: the cell ran short, the comment is there as text, no name.
        await using var laptop = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        var organizer = await laptop.NewPageAsync();
        var organizerName = MarketplacePages.UniqueName("Organizer");
        await organizer.JoinDemoAsync(code, organizerName);
        await SetRoleAsync(claim.EventId, await PersonIdAsync(organizerName, ct), EventRole.Organizer, ct);
        await organizer.OpenAsync($"{BoardPages.DemoBoard}/retro");
        await Expect(organizer.Locator("[data-testid=retro]")).ToHaveAttributeAsync("data-answers", "1", BoardPages.Attribute());
        var cell = organizer.Locator($"[data-testid=retro-cell][data-room='{claim.RoomName}'][data-round='{claim.RoundNumber}']");
        await Expect(cell).ToHaveAttributeAsync("data-short", "100", BoardPages.Attribute());
        var row = organizer.Locator($"[data-testid=retro-session][data-session='{sessionId}']");
        await Expect(row.Locator("[data-testid=retro-comment]")).ToHaveTextAsync(comment);
        await Expect(row.Locator("b")).ToHaveCountAsync(0);
        await Expect(organizer.Locator("[data-testid=retro]")).Not.ToContainTextAsync(name);
        await organizer.ScreenshotToAsync("retro-laptop.png");
        await organizer.SetViewportSizeAsync(390, 844);
        await organizer.ScreenshotToAsync("retro-phone.png");

        // An attendee who asks for the retrospective is told it is for organizers.
        await participant.OpenAsync($"{BoardPages.DemoBoard}/retro");
        await Expect(participant.Locator("[data-testid=retro-denied]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
    }

    private async Task<Guid> SessionIdAsync(Guid cardId, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.ActiveSessionsOf(await db.Cards.Where(c => c.Id == cardId).Select(c => c.EventId).SingleAsync(ct))
            .Where(s => s.CardId == cardId).Select(s => s.Id).SingleAsync(ct);
    }

    private async Task<SessionFeedback?> StoredAsync(Guid sessionId, Guid personId, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Set<SessionFeedback>().AsNoTracking().SingleOrDefaultAsync(f => f.SessionId == sessionId && f.PersonId == personId, ct);
    }
}
