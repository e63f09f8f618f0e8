using FluentAssertions;
using Microsoft.Playwright;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Issue 13, kudos: after the session, the haver thanks the solver who helped with a one-line note; the solver's
/// profile shows it; once the solver shares their credits, a visitor sees them on the public page.
/// </summary>
public sealed class KudosTests(ChromiumFixture chromium) : FreshAppTest(chromium, "ra_e2e_kudos")
{
    [Fact]
    public async Task Haver_ThanksTheSolver_SolversProfileShowsIt_PublicOnlyOnceShared()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(App, ct);

        // The haver joins on a laptop and brings a card; a moderator places it.
        await using var laptop = await Chromium.NewLaptopContextAsync(App.BaseAddress);
        var haverPage = await laptop.NewPageAsync();
        var haverName = MarketplacePages.UniqueName("Seo");
        await haverPage.JoinDemoAsync(code, haverName);
        var haver = await PersonIdAsync(haverName, ct);
        var slot = await DemoClaims.FindAsync(App.Services, ct);
        var posted = await App.GetRequiredService<CardService>().PostAsync(haver, slot.EventId,
            new CardContent("동네 공방 예약 시스템 — booking for a maker space", "We lose bookings written on paper.", "Someone who built a booking tool", CardKind.NonCommercial, ["booking"], "ko"), ct);
        posted.Succeeded.Should().BeTrue(posted.Error);
        var claim = await App.GetRequiredService<SessionService>().ClaimSlotAsync(slot.ModeratorId, slot.EventId, posted.CreatedId!.Value, slot.RoomId, slot.RoundId, ct: ct);
        claim.Succeeded.Should().BeTrue(claim.Error);
        var sessionId = claim.CreatedId!.Value;

        // The solver joins on a phone and takes a seat; the moderator runs the session and ends it.
        await using var phone = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        var solverPage = await phone.NewPageAsync();
        var solverName = MarketplacePages.UniqueName("Jiwon");
        await solverPage.JoinDemoAsync(code, solverName);
        var solver = await PersonIdAsync(solverName, ct);
        (await App.GetRequiredService<SeatService>().ReserveSeatAsync(solver, slot.EventId, sessionId, ct)).Succeeded.Should().BeTrue();
        var timers = App.GetRequiredService<SessionTimerService>();
        (await timers.StartAsync(slot.ModeratorId, slot.EventId, sessionId, ct)).Succeeded.Should().BeTrue();
        (await timers.EndAsync(slot.ModeratorId, slot.EventId, sessionId, ct)).Succeeded.Should().BeTrue();

        // The haver thanks the solver on the session page.
        await haverPage.OpenAsync($"{BoardPages.DemoBoard}/sessions/{sessionId}");
        var row = haverPage.Locator($"[data-testid=kudos-person][data-person='{solver}']");
        await Expect(row).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        const string note = "예약 도구 경험을 나눠 줘서 고마워요 — thank you!";
        await row.Locator("[data-testid=kudos-note]").FillAsync(note);
        await row.Locator("[data-testid=kudos-give]").ClickAsync();
        await Expect(row).ToHaveAttributeAsync("data-given", "true", BoardPages.Attribute());
        await haverPage.Locator("[data-testid=kudos]").ScreenshotAsync(new LocatorScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("kudos-panel-laptop.png") });

        // The solver's own profile shows it; the public page does not, until they share.
        await solverPage.OpenAsync("/me");
        var credits = solverPage.Locator("[data-testid=credits]");
        await Expect(credits.Locator("[data-testid=credit-line]")).ToContainTextAsync(note, BoardPages.Text());
        await Expect(credits.Locator("[data-testid=credits-summary]")).ToContainTextAsync("1", BoardPages.Text());
        await using var visitorContext = await Chromium.NewPhoneContextAsync(App.BaseAddress);
        var visitor = await visitorContext.NewPageAsync();
        await visitor.OpenAsync($"/people/{solver}");
        await Expect(visitor.Locator("[data-testid=credits-private]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(visitor.Locator("body")).Not.ToContainTextAsync(solverName);

        await credits.Locator("[data-testid=credits-share]").CheckAsync();
        await Expect(credits).ToHaveAttributeAsync("data-shared", "true", BoardPages.Attribute());
        await solverPage.ScreenshotToAsync("credits-profile-phone.png");
        await visitor.ReloadAsync();
        await visitor.WaitForInteractiveAsync();
        await Expect(visitor.Locator("[data-testid=person-name]")).ToHaveTextAsync(solverName, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(visitor.Locator("[data-testid=credit-line]")).ToContainTextAsync(note, BoardPages.Text());
        await visitor.ScreenshotToAsync("credits-public-phone.png");
    }
}
