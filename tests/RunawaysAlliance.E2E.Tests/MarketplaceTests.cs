using System.Diagnostics;
using FluentAssertions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>
/// The attendee marketplace in real browsers: a card posted on a phone reaches an open board, an offer reaches
/// the author's open card page, the author's pick reaches the helper; bad input and edit conflicts are explained.
/// </summary>
public sealed class MarketplaceTests(DemoBoardFixture app, ChromiumFixture chromium) : IClassFixture<DemoBoardFixture>
{
    /// <summary>The promise for a new card on an open board: within a second.</summary>
    private const float WithinASecond = 1_000;

    private const string Script = "<script>alert(1)</script>";

    private readonly DemoBoardFixture _app = app;
    private readonly ChromiumFixture _chromium = chromium;

    [Fact]
    public async Task KoreanCard_PostedOnPhone_ReachesOpenBoard_OfferAndPickGoLiveBothWays()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        var nameA = MarketplacePages.UniqueName("지수");
        var nameB = MarketplacePages.UniqueName("Ben");
        var card = new CardInput(
            Title: $"동네 농산물 온라인 판매를 어떻게 시작할까요? {nameA[^6..]}",
            Problem: $"우리 마을 농부들이 직접 키운 채소를 온라인으로 팔고 싶어요. 스마트스토어가 좋을까요? {Script} 배송은 어떻게 하죠?",
            Tags: "농업, 이커머스",
            Language: "ko",
            Kind: "Commercial");

        await using var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        await using var laptop = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var a = await phone.NewPageAsync();
        var b = await laptop.NewPageAsync();
        var dialogsA = a.CollectDialogs();
        var dialogsB = b.CollectDialogs();

        await a.JoinDemoAsync(code, nameA);
        await b.JoinDemoAsync(code, nameB);

        // B has the board open before A posts.
        await b.OpenDemoBoardAsync();
        await b.MarkWindowAsync();
        var tileOnBoard = b.Locator("[data-testid=unplaced-cards] [data-testid=card]").Filter(new LocatorFilterOptions { HasText = card.Title });
        await Expect(tileOnBoard).ToHaveCountAsync(0, BoardPages.Count());

        // A writes the card on the phone.
        await a.OpenCardFormAsync();
        await a.FillCardAsync(card);
        await a.ExpectCardFieldsAsync(card);
        await a.ScreenshotToAsync("marketplace-form-phone.png");

        await b.WatchAsync("card", "[data-testid=unplaced-cards] [data-testid=card]", card.Title);
        await a.RecordClickAsync("post", "[data-testid=card-submit]");
        await a.CardField("submit").TapAsync();
        var clock = Stopwatch.StartNew();

        await Expect(tileOnBoard).ToHaveCountAsync(1, BoardPages.Count(WithinASecond));
        var untilBoard = clock.Elapsed;
        (await b.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the board must show the new card in place");
        await MarketplacePages.LogLatencyAsync("A's post -> B's open board", a, "post", b, "card", untilBoard);
        await Expect(tileOnBoard.Locator(".card-title")).ToHaveAttributeAsync("lang", "ko", BoardPages.Attribute());

        // A lands on the card page; the script is text, shown as typed.
        await a.WaitForCardPageAsync();
        var cardId = MarketplacePages.CardIdOf(a.Url);
        await Expect(a.Locator("[data-testid=card-title]")).ToHaveTextAsync(card.Title, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(a.Locator("[data-testid=card-problem]")).ToHaveTextAsync(card.Problem, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(a.Locator("[data-testid=card-problem] script")).ToHaveCountAsync(0, BoardPages.Count());
        await Expect(a.Locator("[data-testid=card-page]")).ToContainTextAsync("#농업", BoardPages.Text());
        await Expect(a.Locator("[data-testid=card-page]")).ToContainTextAsync("#이커머스", BoardPages.Text());
        await Expect(a.Locator("[data-testid=no-offers]")).ToHaveCountAsync(1, BoardPages.Count());
        await a.MarkWindowAsync();

        // B opens the card from the board and offers help.
        await tileOnBoard.Locator("[data-testid=card-link]").ClickAsync();
        await b.WaitForCardPageAsync();
        MarketplacePages.CardIdOf(b.Url).Should().Be(cardId);
        await Expect(b.Locator("[data-testid=card-problem]")).ToHaveTextAsync(card.Problem, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(b.Locator("[data-testid=card-problem] script")).ToHaveCountAsync(0, BoardPages.Count());
        await b.Locator("[data-testid=offer-can-help]").ClickAsync();
        await b.Locator("[data-testid=offer-note]").FillAsync("I ran a farm shop on Naver for two years — happy to share.");

        await a.WatchAsync("offer", "[data-testid=offer]", nameB);
        await b.RecordClickAsync("offer", "[data-testid=offer-submit]");
        await b.Locator("[data-testid=offer-submit]").ClickAsync();
        clock.Restart();

        var offerOfB = a.Locator("[data-testid=offer]").Filter(new LocatorFilterOptions { HasText = nameB });
        await Expect(offerOfB).ToHaveCountAsync(1, BoardPages.Count(BoardPages.LiveTimeout));
        var untilOffer = clock.Elapsed;
        await MarketplacePages.LogLatencyAsync("B's offer -> A's open card page", b, "offer", a, "offer", untilOffer);
        await Expect(offerOfB).ToHaveAttributeAsync("data-kind", "CanHelp", BoardPages.Attribute());
        await Expect(offerOfB).ToContainTextAsync("happy to share", BoardPages.Text());
        await Expect(a.Locator("[data-testid=card-offer-counts]")).ToHaveTextAsync("1 can help · 0 curious", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.LiveTimeout });
        (await a.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the author's card page must show the offer in place");
        await a.ScreenshotToAsync("marketplace-card-offers-phone.png");
        await Expect(b.Locator(".mud-snackbar")).ToContainTextAsync("Saved", BoardPages.Text());
        await Expect(b.Locator("[data-testid=picked-banner]")).ToHaveCountAsync(0, BoardPages.Count());

        // A picks B; B's open card page shows the banner without a reload.
        await b.MarkWindowAsync();
        await b.WatchAsync("picked", "[data-testid=picked-banner]", nameA);
        await a.RecordClickAsync("pick", "[data-testid=pick-solver]");
        await offerOfB.Locator("[data-testid=pick-solver]").TapAsync();
        clock.Restart();

        await Expect(b.Locator("[data-testid=picked-banner]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.LiveTimeout });
        var untilPicked = clock.Elapsed;
        await MarketplacePages.LogLatencyAsync("A's pick -> B's open card page", a, "pick", b, "picked", untilPicked);
        await Expect(b.Locator("[data-testid=picked-banner]")).ToContainTextAsync(nameA, BoardPages.Text());
        (await b.ReadWindowMarkAsync()).Should().Be("not-reloaded", "the helper's card page must show the pick in place");
        await Expect(offerOfB).ToHaveAttributeAsync("data-core", "true", BoardPages.Attribute());
        await Expect(offerOfB.Locator("[data-testid=core-badge]")).ToHaveCountAsync(1, BoardPages.Count());

        // B's evening lists the offer as a core solver's.
        await b.OpenAsync(MarketplacePages.MyEvening);
        var myOffer = b.Locator($"[data-testid=my-offer][data-card='{cardId}']");
        await Expect(myOffer).ToHaveAttributeAsync("data-core", "true", BoardPages.Attribute());
        await Expect(myOffer).ToContainTextAsync(card.Title, BoardPages.Text());
        await b.SetViewportSizeAsync(390, 844);
        await b.ScreenshotToAsync("marketplace-my-evening-helper-390.png");

        // A's evening lists the card with one helper picked.
        await a.OpenAsync(MarketplacePages.MyEvening);
        await Expect(a.Locator($"[data-testid=my-card][data-card='{cardId}']")).ToContainTextAsync(card.Title, BoardPages.Text());
        await a.ScreenshotToAsync("marketplace-my-evening-author-phone.png");

        dialogsA.Concat(dialogsB).Should().BeEmpty("text in a card is never run as script");
    }

    [Fact]
    public async Task PostCard_EmptyTitle_ShowsMessageKeepsFields_AndSaysItInKorean()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        var card = new CardInput(
            Title: string.Empty,
            Problem: "제목 없이 올리면 어떻게 되나요? What happens without a title 🤔",
            Tags: "테스트, forms",
            Language: "ko",
            Kind: "Commercial");

        await using var phone = await _chromium.NewPhoneContextAsync(_app.BaseAddress);
        var a = await phone.NewPageAsync();
        await a.JoinDemoAsync(code, MarketplacePages.UniqueName("Mina"));
        await a.OpenCardFormAsync();
        await a.FillCardAsync(card);

        await a.CardField("submit").TapAsync();

        var error = a.Locator("[data-testid=error-title]");
        await Expect(error).ToHaveTextAsync("Give the card a title.", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await Expect(a.CardField("title")).ToHaveAttributeAsync("aria-invalid", "true", BoardPages.Attribute());
        await a.ExpectCardFieldsAsync(card);
        a.Url.Should().EndWith("/" + MarketplacePages.NewCard, "a refused card stays on the form");
        await a.ScreenshotToAsync("marketplace-form-empty-title-phone.png");

        // The same in Korean: the switch reloads the page; the form brings back what was typed.
        await a.Locator("[data-lang=ko]").TapAsync();
        await Expect(a.Locator("html")).ToHaveAttributeAsync("lang", "ko", BoardPages.Attribute());
        await a.WaitForInteractiveAsync();
        await a.ExpectCardFieldsAsync(card);
        await a.CardField("submit").TapAsync();

        await Expect(error).ToHaveTextAsync("제목을 적어 주세요.", new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await a.ExpectCardFieldsAsync(card);
        await a.ScreenshotToAsync("marketplace-form-empty-title-ko-phone.png");
    }

    [Fact]
    public async Task EditCard_InTwoTabs_SecondSaveShowsConflict_KeepMineSavesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var code = await MarketplacePages.JoinCodeAsync(_app.App, ct);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var card = new CardInput($"Pricing a community workshop {suffix}", "We run weekend repair cafés and do not know what to charge.", "pricing", "en", "NonCommercial");

        await using var laptop = await _chromium.NewLaptopContextAsync(_app.BaseAddress);
        var tab1 = await laptop.NewPageAsync();
        await tab1.JoinDemoAsync(code, MarketplacePages.UniqueName("Hana"));
        await tab1.OpenCardFormAsync();
        await tab1.FillCardAsync(card);
        await tab1.CardField("submit").ClickAsync();
        await tab1.WaitForCardPageAsync();
        var cardId = MarketplacePages.CardIdOf(tab1.Url);
        var edit = $"{MarketplacePages.Cards}/{cardId}/edit";

        await tab1.OpenCardFormAsync(edit);
        var tab2 = await laptop.NewPageAsync();
        await tab2.OpenCardFormAsync(edit);
        await Expect(tab1.CardField("title")).ToHaveValueAsync(card.Title, new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });
        await Expect(tab2.CardField("title")).ToHaveValueAsync(card.Title, new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });

        var fromTab1 = $"Pricing a community workshop (tab one) {suffix}";
        var fromTab2 = $"Pricing a community workshop (tab two) {suffix}";
        await tab1.CardField("title").FillAsync(fromTab1);
        await tab1.CardField("submit").ClickAsync();
        await tab1.WaitForCardPageAsync();
        await Expect(tab1.Locator("[data-testid=card-title]")).ToHaveTextAsync(fromTab1, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });

        await tab2.CardField("title").FillAsync(fromTab2);
        await tab2.CardField("submit").ClickAsync();

        await Expect(tab2.Locator("[data-testid=edit-conflict]")).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = BoardPages.Timeout });
        await Expect(tab2.CardField("title")).ToHaveValueAsync(fromTab2, new LocatorAssertionsToHaveValueOptions { Timeout = BoardPages.Timeout });
        tab2.Url.Should().EndWith(edit, "a conflict keeps the person on the form");
        await tab2.ScreenshotToAsync("marketplace-edit-conflict-laptop.png");

        await tab2.Locator("[data-testid=keep-mine]").ClickAsync();

        await tab2.WaitForCardPageAsync();
        await Expect(tab2.Locator("[data-testid=card-title]")).ToHaveTextAsync(fromTab2, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
        await tab1.ReloadAsync(new PageReloadOptions { Timeout = BoardPages.Timeout });
        await tab1.WaitForInteractiveAsync();
        await Expect(tab1.Locator("[data-testid=card-title]")).ToHaveTextAsync(fromTab2, new LocatorAssertionsToHaveTextOptions { Timeout = BoardPages.Timeout });
    }
}
