using System.Diagnostics;
using FluentAssertions;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// A change written by another writer (here the test, through the same SessionService the UI uses)
/// reaches every open board through the feed, without a reload.
/// </summary>
public sealed class LiveUpdateTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task ClaimSlotAsync_ByAnotherWriter_AppearsOnEveryOpenBoardWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        await using var second = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var pages = new[] { await first.NewPageAsync(), await second.NewPageAsync() };
        foreach (var page in pages)
        {
            await page.OpenDemoBoardAsync();
            await page.MarkWindowAsync();
        }

        var services = _app.App.Services;
        var sessions = _app.App.GetRequiredService<SessionService>();
        var claim = await DemoClaims.FindAsync(services, ct);
        foreach (var page in pages)
        {
            await Expect(page.Slot(claim.RoomName, claim.RoundNumber)).ToHaveAttributeAsync("data-state", "open", BoardPages.Attribute());
            await Expect(page.UnplacedCard(claim.CardId)).ToHaveCountAsync(1, BoardPages.Count());
        }

        try
        {
            var stopwatch = Stopwatch.StartNew();
            await sessions.ClaimAsync(claim, ct);

            foreach (var (page, n) in pages.Select((p, n) => (p, n + 1)))
            {
                var cell = page.Slot(claim.RoomName, claim.RoundNumber);
                await Expect(cell).ToHaveAttributeAsync("data-state", "taken", BoardPages.Attribute(BoardPages.LiveTimeout));
                // Logged, never asserted: machines vary, and the Expect timeout is the bound.
                E2EEnvironment.Log($"Single instance claim -> board {n}: {stopwatch.ElapsedMilliseconds} ms until Expect succeeded (polling).");
                await Expect(cell.Locator("[data-testid=slot-title]")).ToContainTextAsync(claim.CardTitle, BoardPages.Text(BoardPages.LiveTimeout));
                await Expect(page.UnplacedCard(claim.CardId)).ToHaveCountAsync(0, BoardPages.Count(BoardPages.LiveTimeout));
                await Expect(page.Locator("[data-testid=slot][data-state=taken]")).ToHaveCountAsync(6, BoardPages.Count(BoardPages.LiveTimeout));
                (await page.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the board must update in place");
            }
        }
        finally
        {
            await sessions.ReleaseIfPlacedAsync(services, claim);
        }
    }

    [Fact]
    public async Task ReleaseAsync_ByAnotherWriter_ReopensSlotOnEveryOpenBoardWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        var services = _app.App.Services;
        var sessions = _app.App.GetRequiredService<SessionService>();
        var claim = await DemoClaims.FindAsync(services, ct);
        await sessions.ClaimAsync(claim, ct);
        try
        {
            await using var first = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
            await using var second = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
            var pages = new[] { await first.NewPageAsync(), await second.NewPageAsync() };
            foreach (var page in pages)
            {
                await page.OpenDemoBoardAsync();
                await Expect(page.Slot(claim.RoomName, claim.RoundNumber)).ToHaveAttributeAsync("data-state", "taken", BoardPages.Attribute());
                await page.MarkWindowAsync();
            }

            var stopwatch = Stopwatch.StartNew();
            await sessions.ReleaseAsync(services, claim, ct);

            foreach (var (page, n) in pages.Select((p, n) => (p, n + 1)))
            {
                var cell = page.Slot(claim.RoomName, claim.RoundNumber);
                await Expect(cell).ToHaveAttributeAsync("data-state", "open", BoardPages.Attribute(BoardPages.LiveTimeout));
                E2EEnvironment.Log($"Single instance release -> board {n}: {stopwatch.ElapsedMilliseconds} ms until Expect succeeded (polling).");
                await Expect(cell.Locator("[data-testid=slot-title]")).ToHaveCountAsync(0, BoardPages.Count(BoardPages.LiveTimeout));
                await Expect(page.UnplacedCard(claim.CardId)).ToHaveCountAsync(1, BoardPages.Count(BoardPages.LiveTimeout));
                await Expect(page.Locator("[data-testid=slot][data-state=taken]")).ToHaveCountAsync(5, BoardPages.Count(BoardPages.LiveTimeout));
                (await page.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the board must update in place");
            }
        }
        finally
        {
            await sessions.ReleaseIfPlacedAsync(services, claim);
        }
    }
}
