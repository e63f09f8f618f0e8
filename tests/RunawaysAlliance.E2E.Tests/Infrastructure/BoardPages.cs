using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>Navigation and waiting that every board test needs.</summary>
internal static class BoardPages
{
    public const string DemoBoard = "events/runaways-2025";

    /// <summary>The generous bound for anything the server pushes or the page loads.</summary>
    public static readonly float Timeout = 15_000;

    /// <summary>The bound for a change to reach an open board (the product promise is well under this).</summary>
    public static readonly float LiveTimeout = 5_000;

    public static LocatorAssertionsToHaveCountOptions Count(float? timeout = null) => new() { Timeout = timeout ?? Timeout };

    public static LocatorAssertionsToHaveAttributeOptions Attribute(float? timeout = null) => new() { Timeout = timeout ?? Timeout };

    public static LocatorAssertionsToContainTextOptions Text(float? timeout = null) => new() { Timeout = timeout ?? Timeout };

    public static ILocator Slots(this IPage page) => page.Locator("[data-testid=slot]");

    public static ILocator VisibleSlots(this IPage page) => page.Slots().Filter(new LocatorFilterOptions { Visible = true });

    public static ILocator Slot(this IPage page, string room, int round) =>
        page.Locator($"[data-testid=slot][data-room='{room}'][data-round='{round}']");

    public static ILocator UnplacedCard(this IPage page, Guid cardId) =>
        page.Locator($"[data-testid=unplaced-cards] [data-card='{cardId}']");

    /// <summary>Opens a page and waits until the Blazor circuit is interactive (clicks before that are lost).</summary>
    public static async Task<IResponse?> OpenAsync(this IPage page, string path)
    {
        var response = await page.GotoAsync(path, new PageGotoOptions { Timeout = Timeout });
        await page.WaitForInteractiveAsync();
        return response;
    }

    /// <summary>Opens the demo board, waits for interactivity and for all 21 cells of the live board.</summary>
    public static async Task OpenDemoBoardAsync(this IPage page)
    {
        var response = await page.OpenAsync(DemoBoard);
        if (response?.Status != 200)
        {
            throw new InvalidOperationException($"GET /{DemoBoard} answered {response?.Status.ToString() ?? "nothing"}.");
        }

        await Expect(page.Slots()).ToHaveCountAsync(21, Count());
    }

    /// <summary>The layout marks the circuit interactive in OnAfterRender; the marker is hidden, so wait for it attached.</summary>
    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator("#circuit-state[data-interactive='true']")
            .WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = Timeout });

    /// <summary>Marks the window; if the marker is still there later, the page was not reloaded in between.</summary>
    public static Task MarkWindowAsync(this IPage page) => page.EvaluateAsync("() => { window.__e2eMarker = 'not-reloaded'; }");

    public static Task<string?> ReadWindowMarkAsync(this IPage page) => page.EvaluateAsync<string?>("() => window.__e2eMarker ?? null");
}
