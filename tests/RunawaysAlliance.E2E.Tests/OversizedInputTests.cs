using System.Text;
using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Issue 15: a very long paste. It must not drop the connection (the hub's receive limit fits every field at its
/// browser limit), the person must see "too long" in their language, and nothing pasted may be lost.
/// </summary>
public sealed class OversizedInputTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    // Counts, per page load, the WebSockets Blazor opens (one per connection: any more is a reconnect), the reconnect
    // banner's "show" states, and the pushes the page announces after a reconnect.
    private const string ConnectionCounter = """
        (() => {
            window.__e2eSockets = 0;
            window.__e2eReconnectShows = 0;
            window.__e2eReconnected = 0;
            const Native = window.WebSocket;
            window.WebSocket = class extends Native {
                constructor(...args) {
                    super(...args);
                    window.__e2eSockets++;
                }
            };
            document.addEventListener("components-reconnect-state-changed", e => {
                if (e.detail?.state === "show") window.__e2eReconnectShows++;
            }, true);
            document.addEventListener("runaways:reconnected", () => window.__e2eReconnected++);
        })();
        """;

    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task Paste_TwelveThousandHangulIntoProblemOnPhone_SaysTooLongKeepsTextAndStaysConnected()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        await using var phone = await KoreanPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.JoinDemoAsync(code, MarketplacePages.UniqueName("하늘"));
        await page.OpenCardFormAsync();
        var title = MarketplacePages.UniqueName("아주 긴 붙여넣기");
        await page.CardField("title").FillAsync(title);
        var pasted = Hangul(12_000);

        await PasteAsync(page, page.CardField("problem"), pasted);

        // Localized "too long", said while typing (not only on posting), with the count over the limit.
        await Expect(page.Locator("[data-testid=error-problem]")).ToHaveTextAsync("문제는 2000자까지 쓸 수 있습니다.", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(page.Locator("#card-problem-foot .field-counter.over")).ToHaveTextAsync("12000 / 2000", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        // Nothing lost: the whole paste is in the field, and the server saved it as the draft (so the message arrived).
        (await page.CardField("problem").InputValueAsync()).Should().Be(pasted);
        await page.WaitForDraftSavedAsync(title, pasted);
        (await MarketplacePages.ServerDraftProblemAsync(_app.App, title, ct)).Should().Be(pasted);

        await page.Locator("[data-testid=error-problem]").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("oversized-paste-too-long-phone.png") });
        await ExpectNeverReconnectedAsync(page);
    }

    [Fact]
    public async Task Paste_LongerThanTheFieldHolds_InsertsWhatFitsAndKeepsTheRestBesideIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        await using var phone = await KoreanPhoneAsync();
        var page = await phone.NewPageAsync();
        await page.JoinDemoAsync(code, MarketplacePages.UniqueName("바다"));
        await page.OpenCardFormAsync();
        var titleField = page.CardField("title");
        var maxLength = int.Parse(await titleField.GetAttributeAsync("maxlength") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        maxLength.Should().BePositive();
        // Emoji (two UTF-16 units each) mixed in, so the cut must not split one.
        var pasted = Hangul(maxLength + 500).Replace("다", "🧶", StringComparison.Ordinal);

        await PasteAsync(page, titleField, pasted);

        var overflow = page.Locator("[data-testid=text-overflow]");
        await Expect(overflow.Locator("[data-testid=text-overflow-message]")).ToContainTextAsync("너무 깁니다", new LocatorAssertionsToContainTextOptions { Timeout = BoardPages.Timeout });
        var kept = await titleField.InputValueAsync();
        var rest = await overflow.Locator("[data-testid=text-overflow-rest]").InputValueAsync();
        kept.Length.Should().BeLessThanOrEqualTo(maxLength);
        (kept + rest).Should().Be(pasted, "what fits is in the field and the rest is beside it: nothing is lost");
        char.IsHighSurrogate(kept[^1]).Should().BeFalse("the cut never splits an emoji");
        // The server heard what fits and says the title is too long, in Korean.
        await Expect(page.Locator("[data-testid=error-title]")).ToHaveTextAsync("제목은 120자까지 쓸 수 있습니다.", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = E2EEnvironment.ScreenshotPath("oversized-paste-overflow-phone.png") });
        await ExpectNeverReconnectedAsync(page);
    }

    [Fact]
    public async Task Reconnected_ManyTimesWhilePushHangs_PushesTheBrowserCopyOnce()
    {
        await using var laptop = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var page = await laptop.NewPageAsync();
        await page.GotoAsync("/", new PageGotoOptions { Timeout = BoardPages.Timeout });

        // The card form's module on its own: a form with an unsynced browser copy, and a .NET side whose call never
        // comes back (as when the push itself drops the connection). Ten reconnects in a row push once; the rest
        // wait for the back-off (a timer cannot run inside this one script, so this counts no time).
        var pushes = await page.EvaluateAsync<int>(
            """
            async () => {
                const drafts = await import("/Features/Cards/CardFormPage.razor.js");
                const form = document.createElement("form");
                form.innerHTML = '<textarea data-draft="problem" maxlength="32000"></textarea>';
                document.body.append(form);
                form.querySelector("textarea").value = "오프라인에서 쓴 글";
                form.dispatchEvent(new Event("input"));
                let calls = 0;
                const dotnet = { invokeMethodAsync: () => { calls++; return new Promise(() => { }); } };
                drafts.attach(form, "e2e-storm", dotnet, 100000);
                form.dispatchEvent(new Event("input"));
                for (let i = 0; i < 10; i++) document.dispatchEvent(new CustomEvent("runaways:reconnected"));
                drafts.detach(form);
                drafts.clear("e2e-storm");
                return calls;
            }
            """);

        pushes.Should().Be(1);
    }

    private async Task<IBrowserContext> KoreanPhoneAsync()
    {
        var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        await phone.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=ko|uic=ko", Url = _app.BaseAddress.ToString() }]);
        await phone.AddInitScriptAsync(ConnectionCounter);
        return phone;
    }

    /// <summary>A real paste (Ctrl+V from the clipboard), so the browser and the page handle it as they would a person's.</summary>
    private static async Task PasteAsync(IPage page, ILocator field, string text)
    {
        await page.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await page.EvaluateAsync("text => navigator.clipboard.writeText(text)", text);
        await field.FocusAsync();
        await page.Keyboard.PressAsync("Control+V");
    }

    private static async Task ExpectNeverReconnectedAsync(IPage page)
    {
        var counts = await page.EvaluateAsync<int[]>("() => [window.__e2eSockets, window.__e2eReconnectShows, window.__e2eReconnected]");
        E2EEnvironment.Log($"Oversized paste: {counts[0]} WebSocket(s), {counts[1]} reconnect banner(s), {counts[2]} reconnect push(es).");
        counts.Should().Equal([1, 0, 0], "one connection for the page's whole life: no reconnect, no banner, no push");
        await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
    }

    /// <summary>Hangul syllables in words and sentences, exactly <paramref name="length"/> characters long.</summary>
    private static string Hangul(int length)
    {
        const string sentence = "우리 동네 협동조합은 어르신들이 만든 손뜨개 제품을 온라인으로 팔고 싶습니다. 주문과 배송을 어떻게 시작하면 좋을까요? ";
        var text = new StringBuilder(length + sentence.Length);
        while (text.Length < length)
        {
            text.Append(sentence);
        }

        // No space at the end: the domain counts the trimmed text.
        return text.ToString(0, length - 1) + "요";
    }
}
