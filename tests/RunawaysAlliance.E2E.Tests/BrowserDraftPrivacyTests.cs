using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>Drafts the browser keeps (localStorage) do not stay on a shared phone once the person signs out.</summary>
public sealed class BrowserDraftPrivacyTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task SignOut_WithADraftKeptInTheBrowser_ClearsTheBrowserCopy()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        await using var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var page = await phone.NewPageAsync();
        await page.JoinDemoAsync(code, MarketplacePages.UniqueName("Mina"));
        await page.OpenCardFormAsync();
        var title = MarketplacePages.UniqueName("공유 폰에서 쓴 초안");
        await page.CardField("title").FillAsync(title);
        await page.CardField("problem").FillAsync("다음 사람이 보면 안 되는 글입니다.");
        await page.WaitForDraftSavedAsync(title, "다음 사람이 보면 안 되는 글입니다.");
        (await page.LocalDraftsAsync()).Should().Contain(title, "the browser keeps its copy while the person is signed in");

        await page.Locator("[data-testid=sign-out]").ClickAsync();
        // Back to the card form, which now asks to sign in.
        await page.WaitForURLAsync("**/account/sign-in**", new PageWaitForURLOptions { Timeout = BoardPages.Timeout });
        await Expect(page.Locator("[data-testid=sign-out]")).ToHaveCountAsync(0, BoardPages.Count());

        (await page.LocalDraftsAsync()).Should().Be("[]", "sign-out answers with Clear-Site-Data: \"storage\"");
        (await page.EvaluateAsync<int>("() => localStorage.length")).Should().Be(0);
    }
}
