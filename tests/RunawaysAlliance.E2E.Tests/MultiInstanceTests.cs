using System.Diagnostics;
using FluentAssertions;
using Microsoft.Playwright;
using RunawaysAlliance.Web.Features.Sessions;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Two instances on one PostgreSQL database: a change made on instance A reaches a board open on
/// instance B through LISTEN/NOTIFY, without a reload.
/// </summary>
public sealed class MultiInstanceTests(TwoInstancesFixture instances, ChromiumFixture chromium) : IClassFixture<TwoInstancesFixture>
{
    // Records, in the page, the wall-clock moment a cell first shows the wanted state (Date.now(), ms).
    private const string WatchScript = """
        ([selector, state]) => {
            window.__e2eSeenAt = null;
            const check = () => {
                if (window.__e2eSeenAt === null && document.querySelector(selector)?.getAttribute('data-state') === state) {
                    window.__e2eSeenAt = Date.now();
                }
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true });
        }
        """;

    private readonly TwoInstancesFixture _instances = instances;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task ClaimSlotAsync_OnInstanceA_ReachesBoardOnInstanceBWithoutReload()
    {
        var ct = TestContext.Current.CancellationToken;
        _instances.A.BaseAddress.Port.Should().NotBe(_instances.B.BaseAddress.Port);
        await using var context = await _chromium.NewLaptopContextAsync(_instances.B.BaseAddress);
        var page = await context.NewPageAsync();
        await page.OpenDemoBoardAsync();
        await page.MarkWindowAsync();

        var services = _instances.A.Services;
        var sessions = _instances.A.GetRequiredService<SessionService>();
        var claim = await DemoClaims.FindAsync(services, ct);
        var selector = $"[data-testid=slot][data-room='{claim.RoomName}'][data-round='{claim.RoundNumber}']";
        var cell = page.Locator(selector);
        await Expect(cell).ToHaveAttributeAsync("data-state", "open", BoardPages.Attribute());

        try
        {
            await page.EvaluateAsync(WatchScript, new[] { selector, "taken" });
            var claimedAt = DateTimeOffset.UtcNow;
            var stopwatch = Stopwatch.StartNew();
            await sessions.ClaimAsync(claim, ct);

            await Expect(cell).ToHaveAttributeAsync("data-state", "taken", BoardPages.Attribute(BoardPages.LiveTimeout));
            var observed = stopwatch.Elapsed;
            await Expect(cell.Locator("[data-testid=slot-title]")).ToContainTextAsync(claim.CardTitle, BoardPages.Text(BoardPages.LiveTimeout));
            await Expect(page.UnplacedCard(claim.CardId)).ToHaveCountAsync(0, BoardPages.Count(BoardPages.LiveTimeout));
            (await page.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the board on B must update in place");
            await LogLatencyAsync(page, "claim", claimedAt, observed);

            await page.EvaluateAsync(WatchScript, new[] { selector, "open" });
            var releasedAt = DateTimeOffset.UtcNow;
            stopwatch.Restart();
            await sessions.ReleaseAsync(services, claim, ct);

            await Expect(cell).ToHaveAttributeAsync("data-state", "open", BoardPages.Attribute(BoardPages.LiveTimeout));
            observed = stopwatch.Elapsed;
            await Expect(page.UnplacedCard(claim.CardId)).ToHaveCountAsync(1, BoardPages.Count(BoardPages.LiveTimeout));
            (await page.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the board on B must update in place");
            await LogLatencyAsync(page, "release", releasedAt, observed);
        }
        finally
        {
            await sessions.ReleaseIfPlacedAsync(services, claim);
        }
    }

    // Timing is logged, never asserted: machines vary, and the Expect timeout above is the bound.
    private static async Task LogLatencyAsync(IPage page, string change, DateTimeOffset writtenAt, TimeSpan observed)
    {
        var seenAt = await page.EvaluateAsync<double?>("() => window.__e2eSeenAt");
        var inPage = seenAt is { } ms ? $"{ms - writtenAt.ToUnixTimeMilliseconds():0} ms (DOM change seen by a MutationObserver)" : "not recorded";
        E2EEnvironment.Log(
            $"Multi-instance {change} A -> B: {observed.TotalMilliseconds:0} ms until Expect succeeded (polling); {inPage}.");
    }
}
