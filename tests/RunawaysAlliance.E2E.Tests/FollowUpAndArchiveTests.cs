using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Issue 13, follow-ups and the archive: the moderator continues a session from its record and an invitee accepts on
/// a phone; the organizer archives the event, makes one record public, and an anonymous visitor finds it by a Korean
/// word while a private record's word finds nothing.
/// </summary>
public sealed class FollowUpAndArchiveTests(ChromiumFixture chromium) : FreshAppTest(chromium, "ra_e2e_followup")
{
    [Fact]
    public async Task Moderator_ContinuesTheSession_InviteeAcceptsOnAPhone()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(App, ct);
        var slot = await DemoClaims.FindAsync(App.Services, ct);

        // The moderator joins on a laptop and is made a moderator; the haver's card goes into the free slot.
        await using var laptop = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        var moderatorPage = await laptop.NewPageAsync();
        var moderatorName = MarketplacePages.UniqueName("Moderator");
        await moderatorPage.JoinDemoAsync(code, moderatorName);
        var moderator = await PersonIdAsync(moderatorName, ct);
        await SetRoleAsync(slot.EventId, moderator, EventRole.Moderator, ct);
        var haver = await AddMemberAsync(slot.EventId, "Haver FollowUp", ct);
        var posted = await App.GetRequiredService<CardService>().PostAsync(haver, slot.EventId,
            new CardContent("자원봉사자 번아웃 — volunteers burn out", "Our volunteers quit after two months.", "Anyone who kept volunteers", CardKind.NonCommercial, ["volunteers"], "ko"), ct);
        posted.Succeeded.Should().BeTrue(posted.Error);
        var claim = await App.GetRequiredService<SessionService>().ClaimSlotAsync(moderator, slot.EventId, posted.CreatedId!.Value, slot.RoomId, slot.RoundId, ct: ct);
        claim.Succeeded.Should().BeTrue(claim.Error);
        var sessionId = claim.CreatedId!.Value;

        // The invitee joins on a phone and takes a seat.
        await using var phone = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        var inviteePage = await phone.NewPageAsync();
        var inviteeName = MarketplacePages.UniqueName("Jiwon");
        await inviteePage.JoinDemoAsync(code, inviteeName);
        var invitee = await PersonIdAsync(inviteeName, ct);
        (await App.GetRequiredService<SeatService>().ReserveSeatAsync(invitee, slot.EventId, sessionId, ct)).Succeeded.Should().BeTrue();

        // From the session page (its record), the moderator continues it: a place, the suggested time, both invited.
        await moderatorPage.OpenAsync($"{BoardPages.DemoBoard}/sessions/{sessionId}");
        var start = moderatorPage.Locator("[data-testid=follow-up-start]");
        await Expect(start).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await start.ClickAsync();
        var form = moderatorPage.Locator("[data-testid=follow-up-form]");
        await Expect(form.Locator("[data-testid=follow-up-invitee]")).ToHaveCountAsync(2, new LocatorAssertionsToHaveCountOptions { Timeout = BoardPages.Timeout });
        await moderatorPage.WaitForInteractiveAsync();
        await form.Locator("input[data-testid=follow-up-place], [data-testid=follow-up-place] input").First.FillAsync("성수동 카페 2층");
        await form.Locator("[data-testid=follow-up-create]").ClickAsync();
        await Expect(moderatorPage.Locator("[data-testid=follow-up]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(moderatorPage.Locator("[data-testid=follow-up-place]")).ToHaveTextAsync("성수동 카페 2층", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(moderatorPage.Locator("[data-testid=follow-up]")).ToHaveAttributeAsync("data-chosen", "true", BoardPages.Attribute());
        var followUpUrl = moderatorPage.Url;

        // The invitee finds it on My evening and accepts.
        await inviteePage.OpenAsync($"{BoardPages.DemoBoard}/me");
        var item = inviteePage.Locator("[data-testid=my-follow-ups] [data-testid=follow-up-item]");
        await Expect(item).ToHaveAttributeAsync("data-answer", "Pending", BoardPages.Attribute());
        await item.Locator("a").ClickAsync();
        var accept = inviteePage.Locator("[data-testid=follow-up-accept]");
        await Expect(accept).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(inviteePage.Locator("[data-testid=follow-up-record]")).ToBeVisibleAsync();
        await accept.ClickAsync();
        await Expect(inviteePage.Locator("[data-testid=follow-up-my-answer]")).ToHaveAttributeAsync("data-answer", "Accepted", BoardPages.Attribute());
        await inviteePage.ScreenshotToAsync("follow-up-accepted-phone.png");

        // The moderator sees the answer, and the invite file is there for both.
        await moderatorPage.GotoAsync(followUpUrl);
        await Expect(moderatorPage.Locator($"[data-testid=follow-up-invitee-answer][data-answer=Accepted]")).ToContainTextAsync(inviteeName, BoardPages.Text());
        await moderatorPage.ScreenshotToAsync("follow-up-laptop.png");
        var ics = await inviteePage.APIRequest.GetAsync($"{followUpUrl}.ics");
        ics.Status.Should().Be(200);
        (await ics.TextAsync()).Should().Contain("LOCATION:성수동 카페 2층").And.Contain("STATUS:CONFIRMED");
    }

    [Fact]
    public async Task Organizer_ArchivesTheEvent_AnonymousVisitorFindsThePublicRecordByAKoreanWord_NotThePrivateOne()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(App, ct);

        await using var laptop = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        var organizer = await laptop.NewPageAsync();
        var organizerName = MarketplacePages.UniqueName("Organizer");
        await organizer.JoinDemoAsync(code, organizerName);
        var organizerId = await PersonIdAsync(organizerName, ct);
        var (eventId, sessions) = await DemoSessionsAsync(ct);
        await SetRoleAsync(eventId, organizerId, EventRole.Organizer, ct);
        var records = App.GetRequiredService<SessionRecordService>();
        await WriteRecordAsync(records, organizerId, eventId, sessions[0], "봉사자 교대표를 새로 짰다: 두 시간씩, 매달 바꾸기.", ct);
        await WriteRecordAsync(records, organizerId, eventId, sessions[1], "내부 예산 협상 내용 — 공개하지 않음.", ct);

        // The organizer takes the event live, then archives it, from the set-up page.
        await organizer.OpenAsync($"{BoardPages.DemoBoard}/setup");
        foreach (var (next, button) in new[] { ("Live", "Go live"), ("Archived", "Archive the event") })
        {
            var advance = organizer.Locator($"[data-testid=advance-phase][data-next={next}]");
            await Expect(advance).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
            await advance.ClickAsync();
            await organizer.Locator(".mud-dialog .mud-button-root", new PageLocatorOptions { HasTextString = button }).ClickAsync();
            await Expect(organizer.Locator("[data-testid=setup-phase]")).ToHaveAttributeAsync("data-phase", next, BoardPages.Attribute());
        }

        // In the archive, one record goes public; the other stays private.
        await organizer.OpenAsync($"{BoardPages.DemoBoard}/archive");
        var publicEntry = organizer.Locator("[data-testid=archive-entry]", new PageLocatorOptions { HasTextString = "교대표" });
        await Expect(publicEntry).ToHaveAttributeAsync("data-visibility", "Private", BoardPages.Attribute());
        await publicEntry.Locator("[data-testid=record-visibility]").SelectOptionAsync("Public");
        await Expect(organizer.Locator("[data-testid=archive-entry]", new PageLocatorOptions { HasTextString = "교대표" }))
            .ToHaveAttributeAsync("data-visibility", "Public", BoardPages.Attribute());
        await organizer.ScreenshotToAsync("archive-organizer-1440x900.png");
        await organizer.SetViewportSizeAsync(390, 844);
        await organizer.ScreenshotToAsync("archive-organizer-390x844.png");

        // An anonymous visitor (no account, another browser) searches it.
        await using var visitorContext = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        var visitor = await visitorContext.NewPageAsync();
        await visitor.OpenAsync($"{BoardPages.DemoBoard}/archive");
        var search = visitor.Locator("[data-testid=archive-search]");
        await Expect(visitor.Locator("[data-testid=archive-entry]")).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = BoardPages.Timeout });
        await search.PressSequentiallyAsync("교대표");
        await Expect(visitor.Locator("[data-testid=archive-count]")).ToHaveAttributeAsync("data-count", "1", BoardPages.Attribute());
        await Expect(visitor.Locator("[data-testid=archive-entry]")).ToContainTextAsync("두 시간씩", BoardPages.Text());
        await visitor.ScreenshotToAsync("archive-public-390x844.png");
        await search.FillAsync(string.Empty);
        await search.PressSequentiallyAsync("예산");
        await Expect(visitor.Locator("[data-testid=archive-count]")).ToHaveAttributeAsync("data-count", "0", BoardPages.Attribute());
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync("협상");
        await visitor.SetViewportSizeAsync(1440, 900);
        await search.FillAsync(string.Empty);
        await visitor.ScreenshotToAsync("archive-public-1440x900.png");
    }

    private static async Task WriteRecordAsync(SessionRecordService records, Guid organizerId, Guid eventId, Guid sessionId, string outcomes, CancellationToken ct)
    {
        var current = await records.GetAsync(organizerId, eventId, sessionId, ct);
        var saved = await records.SaveAsync(organizerId, eventId, sessionId, new RecordInput(string.Empty, outcomes, string.Empty, false), current!.Revision, ct);
        saved.Result.Succeeded.Should().BeTrue(saved.Result.Error);
    }

    private async Task<(Guid EventId, IReadOnlyList<Guid> Sessions)> DemoSessionsAsync(CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Slug == DemoEvent.Slug, ct);
        var sessions = await db.Sessions.AsNoTracking().Where(s => s.EventId == evt.Id && s.Status == SessionStatus.Active)
            .OrderBy(s => s.ClaimedAt).Select(s => s.Id).Take(2).ToListAsync(ct);
        sessions.Should().HaveCount(2, "the demo event has sessions");
        return (evt.Id, sessions);
    }

    private async Task<Guid> AddMemberAsync(Guid eventId, string name, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var person = new Domain.People.Person(Guid.NewGuid(), name, DateTimeOffset.UtcNow);
        db.People.Add(person);
        var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == eventId, ct);
        evt.AddMember(person.Id, EventRole.Attendee, DateTimeOffset.UtcNow);
        await db.SaveChangesAsync(ct);
        return person.Id;
    }
}
