using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// Issue 17: a live update re-rendered every open page in the language of the person who made the change (a Korean
/// card page showed English after an English speaker's offer, an English board showed Korean after a Korean post).
/// Two people, one browser in Korean and one in English, each with the board, a card page and "My evening" open:
/// every change made by one reaches the other's pages in the other's own language, both ways, on one instance and
/// across two instances on PostgreSQL.
/// </summary>
public sealed class LiveLanguageTests(ChromiumFixture chromium, DemoBoardFixture demo, TwoInstancesFixture two)
    : IClassFixture<DemoBoardFixture>, IClassFixture<TwoInstancesFixture>
{
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public Task KoreanAndEnglishViewers_OneInstance_EachSeesTheOthersChangesInOwnLanguage() =>
        RunAsync(demo.App, demo.App, "one");

    [Fact]
    public Task KoreanAndEnglishViewers_TwoInstances_EachSeesTheOthersChangesInOwnLanguage() =>
        RunAsync(two.A, two.B, "two");

    private async Task RunAsync(RunawaysApp appOfA, RunawaysApp appOfB, string label)
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(appOfA, ct);
        var nameA = MarketplacePages.UniqueName("지민");
        var nameB = MarketplacePages.UniqueName("Beth");
        var card = new CardInput(
            Title: $"발표 연습을 같이 할 사람 {nameA[^6..]}",
            Problem: "다음 주 발표가 있는데 연습 상대가 필요해요.",
            Tags: "발표",
            Language: "ko",
            Kind: "NonCommercial");

        await using var korean = await _chromium.NewPhoneContextAsync(appOfA.BaseAddress, "ko-KR");
        await using var english = await _chromium.NewLaptopContextAsync(appOfB.BaseAddress, "en-US");
        var aBoard = await korean.NewPageAsync();
        var bBoard = await english.NewPageAsync();
        await aBoard.JoinDemoAsync(code, nameA);
        await bBoard.JoinDemoAsync(code, nameB);
        await Expect(aBoard.Locator("#unplaced-title")).ToHaveTextAsync("슬롯을 기다리는 카드", Text());
        await Expect(bBoard.Locator("#unplaced-title")).ToHaveTextAsync("Cards looking for a slot", Text());
        var bEvening = await english.NewPageAsync();
        await bEvening.OpenAsync(MarketplacePages.MyEvening);
        await bEvening.WaitForInteractiveAsync();

        // 1. A (Korean) posts a card: B's English board shows it, in English.
        var aCard = await korean.NewPageAsync();
        await aCard.OpenCardFormAsync();
        await aCard.FillCardAsync(card);
        await aCard.CardField("submit").TapAsync();
        await aCard.WaitForCardPageAsync();
        var cardId = MarketplacePages.CardIdOf(aCard.Url);
        var tileOnB = bBoard.Locator($"[data-testid=unplaced-cards] [data-testid=card][data-card='{cardId}']");
        await Expect(tileOnB.Locator("[data-testid=card-offers]")).ToHaveTextAsync("0 can help · 0 curious", Text(BoardPages.LiveTimeout));
        await Expect(aCard.Locator("[data-testid=card-offer-counts]")).ToHaveTextAsync("도울 수 있음 0 · 관심 0", Text());
        var aEvening = await korean.NewPageAsync();
        await aEvening.OpenAsync(MarketplacePages.MyEvening);
        await aEvening.WaitForInteractiveAsync();
        var myCard = aEvening.Locator($"[data-testid=my-card][data-card='{cardId}']");
        await Expect(myCard.Locator(".card-offers")).ToHaveTextAsync("도울 수 있음 0 · 관심 0 · 0명 초대", Text());

        // 2. B (English) offers help: A's card page, evening and board show it, in Korean.
        var bCard = await english.NewPageAsync();
        await bCard.OpenAsync($"{MarketplacePages.Cards}/{cardId}");
        await bCard.WaitForCardPageAsync();
        await bCard.WaitForInteractiveAsync();
        await bCard.Locator("[data-testid=offer-can-help]").ClickAsync();
        await bCard.Locator("[data-testid=offer-note]").FillAsync("Happy to listen and time you.");
        await bCard.Locator("[data-testid=offer-submit]").ClickAsync();

        await Expect(aCard.Locator("[data-testid=offer]").Filter(new LocatorFilterOptions { HasText = nameB })).ToHaveCountAsync(1, BoardPages.Count(BoardPages.LiveTimeout));
        await Expect(aCard.Locator("[data-testid=card-offer-counts]")).ToHaveTextAsync("도울 수 있음 1 · 관심 0", Text(BoardPages.LiveTimeout));
        await Expect(aCard.Locator("[data-testid=card-page]")).ToContainTextAsync("도움 제안", BoardPages.Text());
        await Expect(myCard.Locator(".card-offers")).ToHaveTextAsync("도울 수 있음 1 · 관심 0 · 0명 초대", Text(BoardPages.LiveTimeout));
        var tileOnA = aBoard.Locator($"[data-testid=unplaced-cards] [data-testid=card][data-card='{cardId}']");
        await Expect(tileOnA.Locator("[data-testid=card-offers]")).ToHaveTextAsync("도울 수 있음 1 · 관심 0", Text(BoardPages.LiveTimeout));
        // B's own pages stay English too (the offer reached them through the same feed).
        await Expect(tileOnB.Locator("[data-testid=card-offers]")).ToHaveTextAsync("1 can help · 0 curious", Text(BoardPages.LiveTimeout));
        var myOffer = bEvening.Locator($"[data-testid=my-offer][data-card='{cardId}']");
        await Expect(myOffer.Locator(".offer-kind-label")).ToHaveTextAsync("I can help", Text(BoardPages.LiveTimeout));

        // 3. A (Korean) picks B: B's card page, evening and board show it, in English.
        await aCard.Locator("[data-testid=offer]").Filter(new LocatorFilterOptions { HasText = nameB }).Locator("[data-testid=pick-solver]").TapAsync();

        await Expect(bCard.Locator("[data-testid=picked-banner]")).ToHaveTextAsync($"{nameA} picked you as a core solver for this card.", Text(BoardPages.LiveTimeout));
        await Expect(bCard.Locator("[data-testid=card-offer-counts]")).ToHaveTextAsync("1 can help · 0 curious", Text());
        await Expect(myOffer).ToHaveAttributeAsync("data-core", "true", BoardPages.Attribute(BoardPages.LiveTimeout));
        await Expect(myOffer.Locator("[data-testid=core-badge]")).ToHaveTextAsync("Core solver", Text());
        await Expect(bBoard.Locator("#unplaced-title")).ToHaveTextAsync("Cards looking for a slot", Text());
        await Expect(tileOnB.Locator("[data-testid=card-offers]")).ToHaveTextAsync("1 can help · 0 curious", Text());
        // And A's pages, where the pick was made, stay Korean.
        await Expect(myCard.Locator(".card-offers")).ToHaveTextAsync("도울 수 있음 1 · 관심 0 · 1명 초대", Text(BoardPages.LiveTimeout));

        await aEvening.ScreenshotToAsync($"live-language-{label}-ko-evening-phone.png");
        await bCard.ScreenshotToAsync($"live-language-{label}-en-card-laptop.png");
        (await aBoard.EvaluateAsync<string>("() => document.documentElement.lang")).Should().Be("ko");
        (await bBoard.EvaluateAsync<string>("() => document.documentElement.lang")).Should().Be("en");
    }

    private static LocatorAssertionsToHaveTextOptions Text(float? timeout = null) => new() { Timeout = timeout ?? BoardPages.Timeout };
}
