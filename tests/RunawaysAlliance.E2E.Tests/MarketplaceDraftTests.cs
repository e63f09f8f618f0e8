using System.Diagnostics;
using System.Text;
using FluentAssertions;
using Microsoft.Playwright;
using RunawaysAlliance.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// A long card draft survives what happens at a venue: the phone loses the network for half a minute, the
/// page is reloaded, the app restarts. The text comes back exactly as typed.
/// </summary>
public sealed class MarketplaceDraftTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    /// <summary>The scenario: half a minute without network (the one fixed wait in these tests).</summary>
    private static readonly TimeSpan Offline = TimeSpan.FromSeconds(30);

    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    [ExpectsConsoleError(BrowserConsole.ConnectionLost, "the test takes the phone offline")]
    public async Task Draft_ThirtySecondsOfflineThenReload_KeepsExactText()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        await using var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var a = await phone.NewPageAsync();
        await a.JoinDemoAsync(code, MarketplacePages.UniqueName("Yuna"));
        var draft = LongDraft();

        await a.OpenCardFormAsync();
        await a.FillCardAsync(draft);
        await a.WaitForDraftSavedAsync(draft.Title, draft.Problem);
        await a.ScreenshotToAsync("marketplace-draft-saved-phone.png");

        await phone.SetOfflineAsync(true);
        await WaitOutAsync(a, Stopwatch.StartNew(), "marketplace-draft-offline-phone.png", ct);
        await BackOnlineAsync(phone, a);

        await a.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
        await a.WaitForInteractiveAsync();

        await a.ExpectCardFieldsAsync(draft);
        await Expect(a.Locator("[data-testid=draft-restored]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        (await a.CardField("problem").InputValueAsync()).Should().Be(draft.Problem);
    }

    [Fact]
    [ExpectsConsoleError(BrowserConsole.ConnectionLost, "the test takes the phone offline")]
    public async Task Draft_TypedMoreWhileOffline_IsThereAfterReconnectAndReload()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        await using var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var a = await phone.NewPageAsync();
        await a.JoinDemoAsync(code, MarketplacePages.UniqueName("Jun"));
        var draft = LongDraft();

        await a.OpenCardFormAsync();
        await a.FillCardAsync(draft);
        await a.WaitForDraftSavedAsync(draft.Title, draft.Problem);

        await phone.SetOfflineAsync(true);
        var offlineClock = Stopwatch.StartNew();
        // Typed in the first seconds without network, before the page notices (a silently dropped Wi-Fi looks the
        // same): the server cannot hear it, only the browser keeps it.
        var more = draft with { Problem = draft.Problem + "\n추가: 오프라인에서 쓴 문장입니다. Typed on the train 🚆" };
        await a.CardField("problem").FillAsync(more.Problem);
        await Expect(a.CardField("problem")).ToHaveValueAsync(more.Problem, new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });
        E2EEnvironment.Log(
            $"Typed offline {offlineClock.ElapsedMilliseconds} ms after the network went; draft status then: " +
            $"'{await a.DraftStatus().GetAttributeAsync("data-state")}' \"{await a.DraftStatus().TextContentAsync()}\"; browser copy: {Shorten(await a.LocalDraftsAsync())}");
        await WaitOutAsync(a, offlineClock, "marketplace-draft-offline-banner-phone.png", ct);

        // The page knows it is offline now: the reconnect notice is a banner, not a modal, so the person keeps typing,
        // and the form says the text is kept on the device instead of showing the last server save.
        more = more with { Problem = more.Problem + "\n배너가 뜬 뒤에도 계속 씁니다. Still typing after the banner." };
        await a.CardField("problem").FillAsync(more.Problem, new LocatorFillOptions { Timeout = 5_000 });
        await Expect(a.CardField("problem")).ToHaveValueAsync(more.Problem, new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });
        await Expect(a.Locator("[data-testid=draft-local]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(a.DraftStatus()).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = BoardPages.Timeout });
        await a.ScreenshotToAsync("marketplace-draft-typed-offline-phone.png");
        (await MarketplacePages.ServerDraftProblemAsync(_app.App, draft.Title, ct)).Should().Be(draft.Problem, "the server cannot have heard what was typed offline");
        await BackOnlineAsync(phone, a);
        var serverAfterReconnect = await MarketplacePages.ServerDraftProblemAsync(_app.App, draft.Title, ct);
        E2EEnvironment.Log($"Server draft right after the reconnect (before the reload) has the offline text: {serverAfterReconnect == more.Problem}.");

        await a.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
        await a.WaitForInteractiveAsync();

        await a.ExpectCardFieldsAsync(more);
        await Expect(a.Locator("[data-testid=draft-restored]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        // The restored browser copy goes to the server too: a reload in another browser would find it.
        await a.WaitForDraftSavedAsync(more.Title, more.Problem);
        (await MarketplacePages.ServerDraftProblemAsync(_app.App, draft.Title, ct)).Should().Be(more.Problem);
    }

    [Fact]
    [ExpectsConsoleError(BrowserConsole.ConnectionLost, "the test restarts the app under the open form")]
    public async Task Draft_AppRestartsOnSameDatabase_FormShowsItRestored()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestPostgres.CreateDatabaseAsync("ra_e2e_restart", ct);
        RunawaysApp? first = await RunawaysApp.StartAsync(database.ConnectionString, ct);
        RunawaysApp? second = null;
        try
        {
            var code = await MarketplacePages.JoinCodeAsync(first, ct);
            await using var phone = await _chromium.NewPhoneContextAsync(first.BaseAddress);
            var a = await phone.NewPageAsync();
            await a.JoinDemoAsync(code, MarketplacePages.UniqueName("Seo"));
            var draft = LongDraft();

            await a.OpenCardFormAsync();
            await a.FillCardAsync(draft);
            await a.WaitForDraftSavedAsync(draft.Title, draft.Problem);

            var clock = Stopwatch.StartNew();
            var oldAddress = first.BaseAddress;
            await first.DisposeAsync();
            var stoppedIn = clock.Elapsed;
            first = null;
            await ExpectStoppedAsync(oldAddress, ct);
            clock.Restart();
            second = await RunawaysApp.StartAsync(database.ConnectionString, ct);
            E2EEnvironment.Log(
                $"Restart: stopped in {stoppedIn.TotalMilliseconds:0} ms, started again in {clock.ElapsedMilliseconds} ms at {second.BaseAddress} ({a.Url} before).");

            // Cookies belong to the host, not the port: the sign-in cookie goes along; localStorage (per origin) does not,
            // so whatever the form shows now came from the server's draft.
            var response = await a.GotoAsync(new Uri(second.BaseAddress, MarketplacePages.NewCard).ToString(), new PageGotoOptions { Timeout = BoardPages.Timeout });
            response?.Status.Should().Be(200);
            a.Url.Should().EndWith("/" + MarketplacePages.NewCard, "the sign-in cookie must still be valid after the restart (data-protection keys are in the database)");
            await a.WaitForInteractiveAsync();
            (await a.LocalDraftsAsync()).Should().Be("[]", "the new origin has no browser copy");

            await a.ExpectCardFieldsAsync(draft);
            await Expect(a.Locator("[data-testid=draft-restored]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
            await Expect(a.DraftStatus()).ToHaveAttributeAsync("data-state", "saved", BoardPages.Attribute());
            await a.ScreenshotToAsync("marketplace-draft-restored-after-restart-phone.png");
        }
        finally
        {
            if (second is not null)
            {
                await second.DisposeAsync();
            }

            if (first is not null)
            {
                await first.DisposeAsync();
            }
        }
    }

    /// <summary>A card draft of about 1,500 characters mixing Hangul, English and emoji, over several lines.</summary>
    private static CardInput LongDraft()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var problem = new StringBuilder();
        var line = 0;
        while (problem.Length < 1_480)
        {
            line++;
            problem.Append(line % 2 == 1
                ? $"{line}. 우리 협동조합은 동네 어르신들의 손뜨개 제품을 팔고 있어요 🧶 "
                : $"{line}. We need a simple way to take orders online without a big platform fee 💸 ");
            if (line % 4 == 0)
            {
                problem.Append('\n');
            }
        }

        return new CardInput(
            Title: $"손뜨개 협동조합 온라인 주문 받기 — knitting co-op orders 🧶 {suffix}",
            Problem: problem.ToString().TrimEnd(),
            Tags: "협동조합, ecommerce",
            Language: "ko",
            Kind: "NonCommercial");
    }

    /// <summary>Stays offline until <see cref="Offline"/> has passed since <paramref name="offlineSince"/> started.</summary>
    private static async Task WaitOutAsync(IPage page, Stopwatch offlineSince, string screenshot, CancellationToken ct)
    {
        var left = Offline - offlineSince.Elapsed;
        if (left > TimeSpan.Zero)
        {
            await Task.Delay(left, ct);
        }

        E2EEnvironment.Log($"Offline for {offlineSince.Elapsed.TotalSeconds:0.0} s; reconnect modal: {await ReconnectStateAsync(page)}.");
        // The page must have noticed the lost connection (Blazor's client gives up on a silent socket after 30 s),
        // so that coming back online goes through a real reconnect.
        await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        E2EEnvironment.Log($"Reconnect modal open {offlineSince.Elapsed.TotalSeconds:0.0} s after the network went.");
        await page.ScreenshotToAsync(screenshot);
    }

    /// <summary>Back online: waits until the reconnect modal has closed and the circuit is interactive again.</summary>
    private static async Task BackOnlineAsync(IBrowserContext context, IPage page)
    {
        await context.SetOfflineAsync(false);
        var clock = Stopwatch.StartNew();
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync(new LocatorAssertionsToBeHiddenOptions { Timeout = BoardPages.Timeout });
        await page.WaitForInteractiveAsync();
        E2EEnvironment.Log($"Back online: reconnect modal closed {clock.ElapsedMilliseconds} ms after the network came back; modal now: {await ReconnectStateAsync(page)}.");
    }

    /// <summary>Nothing answers at the old address any more: the first instance is really gone.</summary>
    private static async Task ExpectStoppedAsync(Uri address, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        var probe = () => client.GetAsync("health", ct);
        await probe.Should().ThrowAsync<HttpRequestException>($"the stopped instance at {address} must not answer");
    }

    private static Task<string> ReconnectStateAsync(IPage page) =>
        page.EvaluateAsync<string>(
            "() => { const m = document.getElementById('components-reconnect-modal'); return m ? `open=${m.open} class='${m.className}'` : 'absent'; }");

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..150] + " … " + text[^150..];
}
