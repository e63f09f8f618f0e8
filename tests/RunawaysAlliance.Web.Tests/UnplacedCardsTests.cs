using Bunit;
using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests;

public sealed class UnplacedCardsTests
{
    [Fact]
    public void Render_Cards_ShowsOfferCountsPerCard()
    {
        using var ctx = ComponentContext.Create();
        var helped = Card("Pricing a B2B SaaS for small clinics", canHelp: 3, curious: 2);
        var lonely = Card("A repair café for the neighbourhood", canHelp: 0, curious: 0);

        var cut = Render(ctx, helped, lonely);

        var cards = cut.FindAll("[data-testid=card]");
        cards.Should().HaveCount(2);
        cards[0].GetAttribute("data-card").Should().Be(helped.Id.ToString());
        cards[0].QuerySelector("[data-testid=card-offers]")!.TextContent.Should().Be("3 can help · 2 curious");
        cards[0].QuerySelector(".card-tags")!.TextContent.Should().Be("#saas #pricing");
        cards[1].QuerySelector("[data-testid=card-offers]")!.TextContent.Should().Be("0 can help · 0 curious");
    }

    [Fact]
    public void Render_NoCards_SaysEveryCardHasASlot()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx);

        cut.FindAll("[data-testid=card]").Should().BeEmpty();
        cut.Markup.Should().Contain("Every card has a slot.");
    }

    [Fact]
    public void Render_TitleWithMarkup_RendersItAsText()
    {
        const string title = "<script>alert(1)</script><img src=x onerror=alert(1)>";
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Card(title, canHelp: 1, curious: 0));

        cut.Markup.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        cut.Find(".card-title").TextContent.Should().Be(title);
        cut.FindAll("script").Should().BeEmpty();
        cut.FindAll("img").Should().BeEmpty();
        cut.FindAll("[onerror]").Should().BeEmpty();
    }

    [Fact]
    public void Render_HangulAndEmojiTitle_RendersIntact()
    {
        const string title = "지역 농산물 🥔 온라인 판매 시작하기";
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Card(title, canHelp: 1, curious: 1) with { Language = "ko" });

        var rendered = cut.Find(".card-title");
        rendered.TextContent.Should().Be(title);
        rendered.GetAttribute("lang").Should().Be("ko");
    }

    [Fact]
    public async Task Show_OnlyTheGridChanged_DoesNotRenderTheList()
    {
        using var ctx = ComponentContext.Create();
        var card = Card("Pricing a B2B SaaS for small clinics", canHelp: 3, curious: 2);
        var view = BoardViews.Of(card);
        var cut = ctx.Render<UnplacedCards>(p => p.Add(c => c.View, view));
        var renders = cut.RenderCount;

        // A new snapshot (a claim elsewhere on the board): the same cards, as new, equal objects.
        await cut.InvokeAsync(() => view.Show(BoardViews.Snapshot([card with { }])));

        cut.RenderCount.Should().Be(renders);
    }

    [Fact]
    public async Task Show_ACardsTitleChanged_RendersTheNewTitle()
    {
        using var ctx = ComponentContext.Create();
        var card = Card("Pricing a B2B SaaS for small clinics", canHelp: 3, curious: 2);
        var view = BoardViews.Of(card);
        var cut = ctx.Render<UnplacedCards>(p => p.Add(c => c.View, view));

        await cut.InvokeAsync(() => view.Show(BoardViews.Snapshot([card with { Title = "Pricing for clinics", UpdatedAt = card.UpdatedAt.AddSeconds(1) }])));

        cut.Find(".card-title").TextContent.Should().Be("Pricing for clinics");
    }

    private static IRenderedComponent<UnplacedCards> Render(BunitContext ctx, params CardView[] cards) =>
        ctx.Render<UnplacedCards>(p => p.Add(c => c.View, BoardViews.Of(cards)));

    private static CardView Card(string title, int canHelp, int curious) =>
        new(Guid.NewGuid(), title, "How do we price it?", CardKind.Commercial, "en", ["saas", "pricing"], "Mina",
            canHelp, curious, 0, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, SearchText.Of(title));
}
