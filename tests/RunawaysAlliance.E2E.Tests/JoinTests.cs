using System.Diagnostics;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>A newcomer at the venue: opens the join link on a phone, picks a name, and is on the board.</summary>
public sealed class JoinTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task JoinLink_OnPhone_NameThenBoardWithinThirtySeconds()
    {
        var code = await JoinCodeAsync();
        await using var context = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();
        // The promise to people at the door: under 30 s from opening the link to seeing the board.
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = Stopwatch.StartNew();

        await page.GotoAsync($"join/{code}", new PageGotoOptions { Timeout = 30_000 });
        await page.Locator("#display-name").FillAsync("하늘 🌱");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("join-phone.png"), FullPage = true });
        await page.Locator("[data-testid=join-submit]").TapAsync();
        await page.WaitForURLAsync("**/" + BoardPages.DemoBoard, new PageWaitForURLOptions { Timeout = 30_000 });
        await page.WaitForInteractiveAsync();
        await Expect(page.Slots()).ToHaveCountAsync(21, BoardPages.Count());

        clock.Stop();
        budget.IsCancellationRequested.Should().BeFalse($"joining took {clock.Elapsed.TotalSeconds:0.0} s");
        E2EEnvironment.Log($"Join: link to interactive board in {clock.ElapsedMilliseconds} ms on a 390x844 phone.");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("join-phone-board.png"), FullPage = true });
        var cookies = await context.CookiesAsync();
        cookies.Should().Contain(c => c.Name == "ra.auth" && c.HttpOnly && c.SameSite == SameSiteAttribute.Lax);
        (await PersonExistsAsync("하늘 🌱")).Should().BeTrue();
    }

    [Fact]
    public async Task JoinLink_EmptyName_StaysOnFormWithMessage()
    {
        var code = await JoinCodeAsync();
        await using var context = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var page = await context.NewPageAsync();

        await page.GotoAsync($"join/{code}", new PageGotoOptions { Timeout = 30_000 });
        await page.Locator("#display-name").FillAsync("   ");
        await page.Locator("[data-testid=join-submit]").TapAsync();

        await Expect(page.Locator("[data-testid=join-error]")).ToContainTextAsync("required", BoardPages.Text());
        page.Url.Should().Contain("/join/");
    }

    private async Task<string> JoinCodeAsync()
    {
        await using var db = _app.App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == "runaways-2025").Select(e => e.JoinCode).SingleAsync(TestContext.Current.CancellationToken);
    }

    private async Task<bool> PersonExistsAsync(string name)
    {
        await using var db = _app.App.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.People.AnyAsync(p => p.DisplayName == name, TestContext.Current.CancellationToken);
    }
}
