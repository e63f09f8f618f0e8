using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RunawaysAlliance.Data;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>What a person types into the card form.</summary>
internal sealed record CardInput(string Title, string Problem, string Tags, string Language, string Kind);

/// <summary>Joining the demo event, the card form, and in-page timing for the marketplace journeys.</summary>
internal static partial class MarketplacePages
{
    public const string Cards = BoardPages.DemoBoard + "/cards";
    public const string NewCard = Cards + "/new";
    public const string MyEvening = BoardPages.DemoBoard + "/me";

    /// <summary>The localStorage prefix of the card form's browser copy (CardFormPage.razor.js).</summary>
    private const string DraftPrefix = "runaways-draft:";

    // Records, in the page, the wall-clock moment (Date.now(), ms) an element matching the selector first contains the text.
    private const string WatchScript = """
        ([name, selector, text]) => {
            window.__e2eSeen = window.__e2eSeen ?? {};
            window.__e2eSeen[name] = null;
            const check = () => {
                if (window.__e2eSeen[name] === null && [...document.querySelectorAll(selector)].some(e => e.textContent.includes(text))) {
                    window.__e2eSeen[name] = Date.now();
                }
            };
            new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
            check();
        }
        """;

    // Records the wall-clock moment of the first click (a tap synthesizes one) on an element matching the selector.
    private const string ClickScript = """
        ([name, selector]) => {
            window.__e2eClicked = window.__e2eClicked ?? {};
            window.__e2eClicked[name] = null;
            document.addEventListener('click', e => {
                if (window.__e2eClicked[name] === null && e.target instanceof Element && e.target.closest(selector)) {
                    window.__e2eClicked[name] = Date.now();
                }
            }, { capture: true });
        }
        """;

    /// <summary>A name nobody else in this run (or an earlier run on the same database) has.</summary>
    public static string UniqueName(string first) => $"{first} {Guid.NewGuid().ToString("N")[..6]}";

    public static async Task<string> JoinCodeAsync(RunawaysApp app, CancellationToken ct)
    {
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == "runaways-2025").Select(e => e.JoinCode).SingleAsync(ct);
    }

    /// <summary>The server's copy of a new-card draft with this title (titles carry a unique suffix), or null.</summary>
    public static async Task<string?> ServerDraftProblemAsync(RunawaysApp app, string title, CancellationToken ct)
    {
        await using var db = app.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        return await db.CardDrafts.AsNoTracking().Where(d => d.Title == title).Select(d => d.Problem).SingleOrDefaultAsync(ct);
    }

    /// <summary>Joins the demo event through its join link (as ContactConsentTests does) and waits for the interactive board.</summary>
    public static async Task JoinDemoAsync(this IPage page, string code, string name)
    {
        await page.GotoAsync($"join/{code}", new PageGotoOptions { Timeout = 30_000 });
        await page.Locator("#display-name").FillAsync(name);
        await page.Locator("[data-testid=join-submit]").ClickAsync();
        await page.WaitForURLAsync("**/" + BoardPages.DemoBoard, new PageWaitForURLOptions { Timeout = 30_000 });
        await page.WaitForInteractiveAsync();
    }

    /// <summary>Collects every alert/confirm/prompt the page opens (and dismisses it); the list must stay empty.</summary>
    public static List<string> CollectDialogs(this IPage page)
    {
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            _ = dialog.DismissAsync();
        };
        return dialogs;
    }

    /// <summary>Opens the new-card form and waits until its fields are there and the circuit is interactive.</summary>
    public static async Task OpenCardFormAsync(this IPage page, string path = NewCard)
    {
        await page.OpenAsync(path);
        await Expect(page.Locator("[data-testid=card-title]")).ToBeEditableAsync(new LocatorAssertionsToBeEditableOptions { Timeout = BoardPages.Timeout });
    }

    public static ILocator CardField(this IPage page, string name) => page.Locator($"[data-testid=card-{name}]");

    public static ILocator DraftStatus(this IPage page) => page.Locator("[data-testid=draft-status]");

    /// <summary>Fills every field of the card form (each fill is one input event, as a paste or an IME commit is).</summary>
    public static async Task FillCardAsync(this IPage page, CardInput card)
    {
        await page.CardField("title").FillAsync(card.Title);
        await page.CardField("problem").FillAsync(card.Problem);
        await page.CardField("tags").FillAsync(card.Tags);
        await page.CardField("language").SelectOptionAsync(card.Language);
        await page.Locator($"[data-testid=kind-{card.Kind}]").CheckAsync();
    }

    /// <summary>The fields hold exactly what was typed.</summary>
    public static async Task ExpectCardFieldsAsync(this IPage page, CardInput card)
    {
        var options = new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout };
        await Expect(page.CardField("title")).ToHaveValueAsync(card.Title, options);
        await Expect(page.CardField("problem")).ToHaveValueAsync(card.Problem, options);
        await Expect(page.CardField("tags")).ToHaveValueAsync(card.Tags, options);
        await Expect(page.CardField("language")).ToHaveValueAsync(card.Language, options);
        await Expect(page.Locator($"[data-testid=kind-{card.Kind}]")).ToBeCheckedAsync(new LocatorAssertionsToBeCheckedOptions { Timeout = BoardPages.Timeout });
    }

    /// <summary>
    /// Waits until the form says "saved" and the browser copy is marked in sync with exactly these title and
    /// problem texts: the form marks it only after the server saved the same values (markSynced).
    /// </summary>
    public static async Task WaitForDraftSavedAsync(this IPage page, string title, string problem)
    {
        await Expect(page.DraftStatus()).ToHaveAttributeAsync("data-state", "saved", BoardPages.Attribute());
        await page.WaitForFunctionAsync(
            """
            ([prefix, title, problem]) => Object.keys(localStorage)
                .filter(k => k.startsWith(prefix))
                .map(k => JSON.parse(localStorage.getItem(k)))
                .some(e => e && e.synced === true && e.values.title === title && e.values.problem === problem)
            """,
            new object[] { DraftPrefix, title, problem },
            new PageWaitForFunctionOptions { Timeout = BoardPages.Timeout, PollingInterval = 100 });
    }

    /// <summary>The browser copies of card drafts, as JSON, for messages.</summary>
    public static Task<string> LocalDraftsAsync(this IPage page) =>
        page.EvaluateAsync<string>(
            "prefix => JSON.stringify(Object.keys(localStorage).filter(k => k.startsWith(prefix)).map(k => JSON.parse(localStorage.getItem(k))))",
            DraftPrefix);

    /// <summary>The card id in a card page's address (/events/{slug}/cards/{id}).</summary>
    public static Guid CardIdOf(string url)
    {
        var match = CardAddress().Match(url);
        return match.Success ? Guid.Parse(match.Groups["id"].Value) : throw new InvalidOperationException($"{url} is not a card page.");
    }

    public static Task WaitForCardPageAsync(this IPage page) =>
        page.WaitForURLAsync(CardAddress(), new PageWaitForURLOptions { Timeout = BoardPages.Timeout });

    public static Task WatchAsync(this IPage page, string name, string selector, string text) =>
        page.EvaluateAsync(WatchScript, new[] { name, selector, text });

    public static Task<double?> SeenAtAsync(this IPage page, string name) =>
        page.EvaluateAsync<double?>("name => window.__e2eSeen?.[name] ?? null", name);

    public static Task RecordClickAsync(this IPage page, string name, string selector) =>
        page.EvaluateAsync(ClickScript, new[] { name, selector });

    public static Task<double?> ClickedAtAsync(this IPage page, string name) =>
        page.EvaluateAsync<double?>("name => window.__e2eClicked?.[name] ?? null", name);

    /// <summary>
    /// Logs the time from a click on one page to a DOM change on another (both pages run in the same Chromium,
    /// so their Date.now() clocks are the same). Logged, never asserted: the Expect timeout is the bound.
    /// </summary>
    public static async Task<double?> LogLatencyAsync(string what, IPage clicked, string clickName, IPage watched, string watchName, TimeSpan untilExpect)
    {
        var clickedAt = await clicked.ClickedAtAsync(clickName);
        var seenAt = await watched.SeenAtAsync(watchName);
        double? latency = clickedAt is { } c && seenAt is { } s ? s - c : null;
        var inPage = latency is { } ms ? $"{ms:0} ms from the click to the DOM change (MutationObserver)" : $"not recorded (click {clickedAt}, seen {seenAt})";
        E2EEnvironment.Log($"Marketplace {what}: {inPage}; the Expect succeeded {untilExpect.TotalMilliseconds:0} ms after the click returned.");
        return latency;
    }

    public static Task ScreenshotToAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath(name), FullPage = true });

    [GeneratedRegex("/cards/(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    private static partial Regex CardAddress();
}
