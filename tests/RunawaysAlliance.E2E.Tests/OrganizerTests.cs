using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Organize;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Issue 11 in Chromium against the real app on PostgreSQL: the first administrator creates an event from the
/// generative-conference template and opens its marketplace; the projector wall (1920x1080, opened by its secret link
/// with no sign-in) shows a session claimed in another browser within a second; the dashboard counts it.
/// </summary>
public sealed class OrganizerTests(ChromiumFixture chromium) : FreshAppTest(chromium, "ra_e2e_organizer")
{
    private const float WithinASecond = 1_000;

    [Fact]
    [ExpectsConsoleError("status of 404.*/wall", "the test checks that the wall without its secret link is a 404")]
    public async Task Organizer_CreatesFromTemplate_OpensMarketplace_WallShowsAClaimWithinASecond()
    {
        var ct = TestContext.Current.CancellationToken;
        var slug = "winter-" + Guid.NewGuid().ToString("N")[..6];
        var organizerName = MarketplacePages.UniqueName("Organizer");
        var token = await App.GetRequiredService<FirstOrganizerSetup>().PrepareAsync(ct);
        token.Should().NotBeNull("a fresh database has no administrator");

        await using var laptop = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        var organizer = await laptop.NewPageAsync();
        await organizer.GotoAsync($"/setup/{token}");
        await organizer.Locator("#setup-name").FillAsync(organizerName);
        await organizer.Locator("button[type=submit]").ClickAsync();
        await organizer.WaitForURLAsync(url => !url.Contains("/setup/", StringComparison.Ordinal), new PageWaitForURLOptions { Timeout = BoardPages.Timeout });

        // Create the event from the template.
        await organizer.OpenAsync("/events/new");
        await Expect(organizer.Locator("[data-testid=create-event]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Field(organizer, "event-name").FillAsync("겨울 런어웨이즈 Winter");
        await Field(organizer, "event-slug").FillAsync(slug);
        await Field(organizer, "event-venue").FillAsync("성수동 Seongsu");
        // Tomorrow in Seoul: round 1 is then the wall's current round whatever the hour the test runs at.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul")).DateTime).AddDays(1);
        await organizer.Locator("[data-testid=event-date]").FillAsync(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await organizer.Locator("[data-testid=event-zone]").FillAsync("Asia/Seoul");
        await Expect(organizer.Locator("[data-testid=event-template]")).ToBeCheckedAsync();
        await organizer.Locator("[data-testid=create-event]").ClickAsync();
        await organizer.WaitForURLAsync($"**/events/{slug}/setup", new PageWaitForURLOptions { Timeout = BoardPages.Timeout });
        await Expect(organizer.Locator("[data-testid=room-row]")).ToHaveCountAsync(7, BoardPages.Count());
        await Expect(organizer.Locator("[data-testid=round-row]")).ToHaveCountAsync(3, BoardPages.Count());
        await Expect(organizer.Locator("[data-testid=room-row][data-room=Hall] input[type=number]")).ToHaveValueAsync("35");
        await organizer.ScreenshotToAsync("setup-laptop.png");

        // Open the marketplace (a confirmation first: phases only move forward).
        await organizer.Locator("[data-testid=advance-phase]").ClickAsync();
        await organizer.Locator(".mud-dialog .mud-button-root", new PageLocatorOptions { HasTextString = "Open the marketplace" }).ClickAsync();
        await Expect(organizer.Locator("[data-testid=setup-phase]")).ToHaveAttributeAsync("data-phase", "Marketplace", BoardPages.Attribute());
        var wallLink = (await organizer.Locator("[data-testid=wall-link]").TextContentAsync())!.Trim();

        // The projector: not signed in, 1920x1080, opened by the secret link.
        await using var projector = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1920, Height = 1080 },
        });
        var wall = await projector.NewPageAsync();
        (await wall.GotoAsync($"/events/{slug}/wall"))!.Status.Should().Be(404, "the wall is secret until the organizer makes it public");
        await wall.GotoAsync(wallLink);
        await wall.WaitForInteractiveAsync();
        await Expect(wall.Locator("[data-testid=wall-cell]")).ToHaveCountAsync(21, BoardPages.Count());
        await Expect(wall.Locator("[data-testid=wall-qr]")).ToBeVisibleAsync();

        // A card posted meanwhile reaches the wall's newest cards; the organizer claims a slot for it from the board.
        var eventId = await EventIdAsync(slug, ct);
        var me = await PlannerPages.PersonIdAsync(App, organizerName, ct);
        var title = "동네 수리 카페 Repair café " + Guid.NewGuid().ToString("N")[..4];
        var posted = await App.GetRequiredService<CardService>().PostAsync(me, eventId,
            new CardContent(title, "We want a monthly repair evening.", "Fixers and a space", CardKind.NonCommercial, ["repair"], "ko"), ct);
        posted.Succeeded.Should().BeTrue(posted.Error);
        await Expect(wall.Locator("[data-testid=wall-cards]")).ToContainTextAsync(title, BoardPages.Text(BoardPages.LiveTimeout));

        await organizer.OpenAsync($"/events/{slug}");
        await organizer.WaitForInteractiveAsync();
        var cell = wall.Locator("[data-testid=wall-cell][data-room='Room 2'][data-round='1']");
        await wall.WatchAsync("claimed", "[data-testid=wall-cell][data-room='Room 2'][data-round='1']", title);
        await organizer.Slot("Room 2", 1).Locator("[data-testid=slot-claim]").ClickAsync();
        var panel = organizer.Locator("[data-testid=claim-panel]");
        await Expect(panel).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await panel.Locator("[data-testid=claim-card]").SelectOptionAsync(posted.CreatedId!.Value.ToString());
        var submit = panel.Locator("[data-testid=claim-submit]");
        await Expect(submit).ToBeEnabledAsync(new LocatorAssertionsToBeEnabledOptions { Timeout = BoardPages.Timeout });
        await organizer.RecordClickAsync("claim", "[data-testid=claim-submit]");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await submit.ClickAsync();

        await Expect(cell.Locator("[data-testid=wall-session]")).ToContainTextAsync(title, BoardPages.Text(WithinASecond));
        var latency = await MarketplacePages.LogLatencyAsync("organizer claim -> projector wall", organizer, "claim", wall, "claimed", clock.Elapsed);
        latency.Should().NotBeNull().And.BeLessThan(WithinASecond, "the wall shows a claim within a second");
        await Expect(cell.Locator("[data-testid=countdown]")).ToBeVisibleAsync();
        await Expect(wall.Locator("[data-testid=wall-cards]")).Not.ToContainTextAsync(title, BoardPages.Text(BoardPages.LiveTimeout));
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("wall-1920x1080.png") });

        // A five-minute round whose timer starts: the wall's countdown is in its warning colours at once.
        var roundOne = await RoundOneAsync(eventId, ct);
        var session = await SessionPages.SessionOfCardAsync(App, posted.CreatedId.Value, ct);
        (await App.GetRequiredService<SetupService>().ChangeRoundAsync(me, eventId, roundOne.Id, today, new TimeOnly(19, 0), 5, ct)).Succeeded.Should().BeTrue();
        (await App.GetRequiredService<RunawaysAlliance.Web.Features.Sessions.SessionTimerService>().StartAsync(me, eventId, session.Id, ct)).Succeeded.Should().BeTrue();
        await Expect(cell.Locator("[data-testid=countdown]")).ToHaveAttributeAsync("data-state", "running", BoardPages.Attribute(BoardPages.LiveTimeout));
        await Expect(cell.Locator("[data-testid=countdown]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("warning"), new LocatorAssertionsToHaveClassOptions { Timeout = BoardPages.LiveTimeout });
        await wall.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("wall-warning-1920x1080.png") });

        // The dashboard counts the claim and names the organizer as the one moderating it.
        await organizer.OpenAsync($"/events/{slug}/dashboard");
        await Expect(organizer.Locator("[data-testid=dashboard-rounds] [data-round='1'] [data-testid=round-filled]")).ToContainTextAsync("1 / 7", BoardPages.Text());
        await Expect(organizer.Locator("[data-testid=dashboard-moderators]")).ToContainTextAsync(organizerName, BoardPages.Text());
        await organizer.ScreenshotToAsync("dashboard-laptop.png");

        // The dashboard is live: the slot given back elsewhere shows here without a reload.
        await organizer.MarkWindowAsync();
        (await App.GetRequiredService<RunawaysAlliance.Web.Features.Sessions.SessionService>().ReleaseAsync(me, eventId, session.Id, ct)).Succeeded.Should().BeTrue();
        await Expect(organizer.Locator("[data-testid=dashboard-rounds] [data-round='1'] [data-testid=round-filled]")).ToContainTextAsync("0 / 7", BoardPages.Text(BoardPages.LiveTimeout));
        await Expect(organizer.Locator("[data-testid=dashboard-unplaced]")).ToContainTextAsync(title, BoardPages.Text(BoardPages.LiveTimeout));
        (await organizer.ReadWindowMarkAsync()).Should().Be("not-reloaded");
        // The same organizer on a phone (the laptop's sign-in cookie).
        await using var phone = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 2,
            StorageState = await laptop.StorageStateAsync(),
        });
        var phonePage = await phone.NewPageAsync();
        await phonePage.OpenAsync($"/events/{slug}/dashboard");
        await Expect(phonePage.Locator("[data-testid=dashboard]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await phonePage.ScreenshotToAsync("dashboard-phone.png");
        await phonePage.OpenAsync($"/events/{slug}/setup");
        await Expect(phonePage.Locator("[data-testid=setup-page]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await phonePage.ScreenshotToAsync("setup-phone.png");
    }

    private async Task<RunawaysAlliance.Domain.Events.Round> RoundOneAsync(Guid eventId, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Rounds).SingleAsync(e => e.Id == eventId, ct);
        return evt.Rounds[0];
    }

    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    private async Task<Guid> EventIdAsync(string slug, CancellationToken ct)
    {
        await using var db = App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == slug).Select(e => e.Id).SingleAsync(ct);
    }
}
