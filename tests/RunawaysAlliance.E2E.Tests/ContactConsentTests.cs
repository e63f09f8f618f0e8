using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Two people on phones at the same event: a channel is revealed only once the other side says yes,
/// and withdrawing the exchange hides both sides' channels again.
/// </summary>
public sealed class ContactConsentTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private const string PeoplePage = "events/runaways-2025/people";
    private const string ContactsPage = "me/contacts";

    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task TwoPhones_ExchangeContactsOnlyByConsent_WithdrawalHidesThemAgain()
    {
        var code = await JoinCodeAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var nameA = $"Ana {suffix}";
        var nameB = $"Bora {suffix}";
        var emailA = $"ana.{suffix}@example.org";
        var phoneB = "+82 10 5555 " + Random.Shared.Next(1000, 9999);

        await using var contextA = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        await using var contextB = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var a = await contextA.NewPageAsync();
        var b = await contextB.NewPageAsync();

        await JoinAsync(a, code, nameA);
        await JoinAsync(b, code, nameB);
        await SaveChannelAsync(a, "email", emailA);
        await SaveChannelAsync(b, "phone", phoneB);

        // A asks B, ticking the email (the only channel A has; nothing is ticked by default).
        await a.OpenAsync(PeoplePage);
        var rowB = a.Locator("[data-testid=people-list] li.person-row").Filter(new LocatorFilterOptions { HasText = nameB });
        await Expect(rowB).ToHaveCountAsync(1, BoardPages.Count());
        await rowB.Locator("[data-testid=ask-contacts]").TapAsync();
        var askConfirm = a.Locator("[data-testid=share-confirm]");
        await Expect(askConfirm).ToBeDisabledAsync(new LocatorAssertionsToBeDisabledOptions { Timeout = BoardPages.Timeout });
        await a.Locator("[data-testid=share-dialog] [data-channel=Email]").TapAsync();
        await Expect(askConfirm).ToContainTextAsync("Ask and share: Email", BoardPages.Text());
        await askConfirm.TapAsync();
        await Expect(a.Locator(".mud-snackbar")).ToContainTextAsync("Request sent", BoardPages.Text());
        await Expect(rowB.Locator("[data-testid=contact-state]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(a.Locator("body")).Not.ToContainTextAsync(phoneB, BoardPages.Text());

        // Before B says yes, A's contacts show the pending request and nothing of B's.
        await a.OpenAsync(ContactsPage);
        await Expect(a.Locator("[data-testid=outgoing]")).ToContainTextAsync(nameB, BoardPages.Text());
        await Expect(a.Locator("body")).Not.ToContainTextAsync(phoneB, BoardPages.Text());
        await Expect(a.Locator("[data-testid=exchanged]")).ToHaveCountAsync(0, BoardPages.Count());
        await a.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("contacts-a-pending.png"), FullPage = true });

        // B sees the request (and not yet A's email) and accepts, sharing the phone.
        await b.OpenAsync(ContactsPage);
        var request = b.Locator("[data-testid=incoming] li.contact-row").Filter(new LocatorFilterOptions { HasText = nameA });
        await Expect(request).ToHaveCountAsync(1, BoardPages.Count());
        await Expect(b.Locator("body")).Not.ToContainTextAsync(emailA, BoardPages.Text());
        await request.Locator("[data-testid=accept]").TapAsync();
        var acceptConfirm = b.Locator("[data-testid=share-confirm]");
        await Expect(acceptConfirm).ToBeDisabledAsync(new LocatorAssertionsToBeDisabledOptions { Timeout = BoardPages.Timeout });
        await b.Locator("[data-testid=share-dialog] [data-channel=Phone]").TapAsync();
        await Expect(acceptConfirm).ToContainTextAsync("Accept and share: Phone", BoardPages.Text());
        await acceptConfirm.TapAsync();
        await Expect(b.Locator(".mud-snackbar")).ToContainTextAsync("Contacts exchanged", BoardPages.Text());
        await Expect(b.Locator("[data-testid=exchanged] [data-channel=email]")).ToContainTextAsync(emailA, BoardPages.Text());
        await b.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("contacts-b-exchanged.png"), FullPage = true });

        // A now sees B's phone.
        await a.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
        await a.WaitForInteractiveAsync();
        var exchangedB = a.Locator("[data-testid=exchanged] li.contact-row").Filter(new LocatorFilterOptions { HasText = nameB });
        await Expect(exchangedB.Locator("[data-channel=phone]")).ToContainTextAsync(phoneB, BoardPages.Text());
        await a.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("contacts-a-exchanged.png"), FullPage = true });

        // A withdraws (with the confirmation box); after a reload neither side shows the other's channel.
        await exchangedB.Locator("[data-testid=withdraw]").TapAsync();
        var yes = a.Locator(".mud-dialog").GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Withdraw", Exact = true });
        await Expect(yes).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await yes.TapAsync();
        await Expect(a.Locator(".mud-snackbar")).ToContainTextAsync("Withdrawn", BoardPages.Text());

        await a.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
        await a.WaitForInteractiveAsync();
        await Expect(a.Locator(".contacts-heading")).ToHaveCountAsync(3, BoardPages.Count()); // the lists are loaded
        await Expect(a.Locator("[data-testid=exchanged] li.contact-row").Filter(new LocatorFilterOptions { HasText = nameB })).ToHaveCountAsync(0, BoardPages.Count());
        await Expect(a.Locator("body")).Not.ToContainTextAsync(phoneB, BoardPages.Text());

        await b.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
        await b.WaitForInteractiveAsync();
        await Expect(b.Locator(".contacts-heading")).ToHaveCountAsync(3, BoardPages.Count()); // the lists are loaded
        await Expect(b.Locator("[data-testid=exchanged] li.contact-row").Filter(new LocatorFilterOptions { HasText = nameA })).ToHaveCountAsync(0, BoardPages.Count());
        await Expect(b.Locator("body")).Not.ToContainTextAsync(emailA, BoardPages.Text());
        await b.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("contacts-b-withdrawn.png"), FullPage = true });
    }

    private static async Task JoinAsync(IPage page, string code, string name)
    {
        await page.GotoAsync($"join/{code}", new PageGotoOptions { Timeout = 30_000 });
        await page.Locator("#display-name").FillAsync(name);
        await page.Locator("[data-testid=join-submit]").TapAsync();
        await page.WaitForURLAsync("**/" + BoardPages.DemoBoard, new PageWaitForURLOptions { Timeout = 30_000 });
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Fills one contact channel on /me and saves it, waiting for the confirmation.</summary>
    private static async Task SaveChannelAsync(IPage page, string testId, string value)
    {
        await page.OpenAsync("me");
        var input = page.Locator($"input[data-testid={testId}], [data-testid={testId}] input");
        await Expect(input).ToBeEditableAsync(new LocatorAssertionsToBeEditableOptions { Timeout = BoardPages.Timeout });
        await input.FillAsync(value);
        await input.PressAsync("Tab");
        await page.Locator("[data-testid=profile-save]").TapAsync();
        await Expect(page.Locator(".mud-snackbar")).ToContainTextAsync("Profile saved", BoardPages.Text());
    }

    private async Task<string> JoinCodeAsync()
    {
        await using var db = _app.App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == "runaways-2025").Select(e => e.JoinCode).SingleAsync(TestContext.Current.CancellationToken);
    }
}
