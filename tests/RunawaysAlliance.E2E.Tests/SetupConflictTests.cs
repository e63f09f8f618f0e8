using FluentAssertions;
using Microsoft.Playwright;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Changing rooms after sessions exist, in Chromium on PostgreSQL: the organizer removes a room and is asked what
/// happens to its session (moved, seats kept), then removes another and releases its session; an attendee holding a
/// seat in both is told on their phone, live, each time.
/// </summary>
public sealed class SetupConflictTests(ChromiumFixture chromium) : FreshAppTest(chromium, "ra_e2e_setup")
{

    [Fact]
    public async Task RemoveRooms_MoveOneSessionReleaseAnother_TheSeatedAttendeeIsToldLive()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(App, ct);
        var organizerName = MarketplacePages.UniqueName("Olga");
        var attendeeName = MarketplacePages.UniqueName("Sena");
        await using var laptop = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        await using var phone = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        var organizer = await laptop.NewPageAsync();
        var attendee = await phone.NewPageAsync();
        await organizer.JoinDemoAsync(code, organizerName);
        await PlannerPages.PromoteToOrganizerAsync(App, organizerName, ct);
        await attendee.JoinDemoAsync(code, attendeeName);

        // The attendee holds a seat in the demo's Room 1 (round 1) and Room 3 (round 2) sessions.
        var me = await PlannerPages.PersonIdAsync(App, attendeeName, ct);
        var eventId = await PlannerPages.DemoEventIdAsync(App, ct);
        var seats = App.GetRequiredService<SeatService>();
        var moved = await SessionPages.SessionInAsync(App, "Room 1", 1, ct);
        var released = await SessionPages.SessionInAsync(App, "Room 3", 2, ct);
        (await seats.ReserveSeatAsync(me, eventId, moved.Id, ct)).Succeeded.Should().BeTrue();
        (await seats.ReserveSeatAsync(me, eventId, released.Id, ct)).Succeeded.Should().BeTrue();
        await attendee.ReloadAsync();
        await attendee.WaitForInteractiveAsync();

        await organizer.OpenAsync(BoardPages.DemoBoard + "/setup");
        await organizer.Locator("[data-testid=room-row][data-room='Room 1'] [data-testid=room-remove]").ClickAsync();
        var conflict = organizer.Locator("[data-testid=grid-conflict]");
        await Expect(conflict).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(conflict.Locator("[data-testid=conflict-session]")).ToHaveCountAsync(1);
        var target = await conflict.Locator("[data-testid=conflict-choice] option").First.TextContentAsync();
        target.Should().StartWith("Move to", "a free slot is offered first");
        await organizer.ScreenshotToAsync("setup-conflict-laptop.png");
        await conflict.Locator("[data-testid=conflict-apply]").ClickAsync();

        await Expect(organizer.Locator("[data-testid=room-row][data-room='Room 1']")).ToHaveCountAsync(0, BoardPages.Count());
        var notices = attendee.Locator(".mud-snackbar");
        await Expect(notices.Filter(new LocatorFilterOptions { HasTextString = moved.CardTitle })).ToContainTextAsync("moved to", BoardPages.Text(BoardPages.LiveTimeout));
        await attendee.ScreenshotToAsync("session-moved-notice-phone.png");

        await organizer.Locator("[data-testid=room-row][data-room='Room 3'] [data-testid=room-remove]").ClickAsync();
        await Expect(conflict).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        // Room 3 now also holds the session just moved there (the first free slot of round 1): release both.
        foreach (var choice in await conflict.Locator("[data-testid=conflict-choice]").AllAsync())
        {
            await choice.SelectOptionAsync("release");
        }

        await conflict.Locator("[data-testid=conflict-apply]").ClickAsync();

        await Expect(organizer.Locator("[data-testid=room-row][data-room='Room 3']")).ToHaveCountAsync(0, BoardPages.Count());
        await Expect(notices.Filter(new LocatorFilterOptions { HasTextString = released.CardTitle })).ToContainTextAsync("no longer takes place", BoardPages.Text(BoardPages.LiveTimeout));
        await Expect(attendee.UnplacedCard(released.CardId)).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.LiveTimeout });
    }
}
