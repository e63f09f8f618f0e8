using Bunit;
using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>The live card list: what changed flashes once, what did not stays still, and order is the person's choice.</summary>
public sealed class CardListTests
{
    private static readonly DateTimeOffset Start = new(2025, 12, 11, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Render_FirstList_NothingFlashes()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Card("a"), Card("b"));

        cut.FindAll("[data-testid=card]").Should().HaveCount(2);
        cut.FindAll(".flash-a, .flash-b").Should().BeEmpty();
    }

    [Fact]
    public void Render_NewCardArrives_OnlyItFlashes()
    {
        using var ctx = ComponentContext.Create();
        var a = Card("a");
        var cut = Render(ctx, a);

        var b = Card("b");
        cut.Render(p => p.Add(c => c.Cards, new[] { b, a with { } }));

        cut.Find($"[data-card='{b.Id}']").ClassList.Should().Contain("flash-a");
        cut.Find($"[data-card='{a.Id}']").ClassList.Should().NotContain("flash-a").And.NotContain("flash-b");
    }

    [Fact]
    public void Render_OfferCountChanges_CountUpdatesInPlaceAndTheAnimationRestartsEachTime()
    {
        using var ctx = ComponentContext.Create();
        var a = Card("a");
        var cut = Render(ctx, a);

        cut.Render(p => p.Add(c => c.Cards, new[] { a with { CanHelpCount = 1 } }));
        cut.Find($"[data-card='{a.Id}']").ClassList.Should().Contain("flash-a");
        cut.Render(p => p.Add(c => c.Cards, new[] { a with { CanHelpCount = 2 } }));

        var updated = cut.Find($"[data-card='{a.Id}']");
        updated.ClassList.Should().Contain("flash-b", "a new animation name restarts the highlight");
        updated.QuerySelector("[data-testid=card-offers]")!.TextContent.Should().Be("2 can help · 0 curious");
    }

    [Fact]
    public void Render_SameCardFromANewSnapshot_DoesNotRenderOrFlash()
    {
        using var ctx = ComponentContext.Create();
        var a = Card("a");
        var cut = Render(ctx, a);
        var tiles = cut.FindComponents<CardTile>();
        var renders = tiles[0].RenderCount;

        cut.Render(p => p.Add(c => c.Cards, new[] { a with { Tags = [.. a.Tags], Search = SearchText.Of(a.Title) } }));

        tiles[0].RenderCount.Should().Be(renders);
        cut.FindAll(".flash-a, .flash-b").Should().BeEmpty();
    }

    [Fact]
    public void Render_ScriptInTitleAndExcerpt_ShownAsText()
    {
        const string script = "<script>alert(1)</script>";
        using var ctx = ComponentContext.Create();

        var cut = ctx.Render<CardList>(p => p
            .Add(c => c.Cards, new[] { Card(script) with { Excerpt = script } })
            .Add(c => c.ShowExcerpt, true));

        cut.FindAll("script").Should().BeEmpty();
        cut.Find(".card-title").TextContent.Should().Be(script);
        cut.Find(".card-excerpt").TextContent.Should().Be(script);
    }

    [Fact]
    public void Sort_FewestOffers_PutsWhoNeedsHelpFirstAndTheLongestWaitingOfThose()
    {
        var busy = Card("busy", created: 1) with { CanHelpCount = 3, CuriousCount = 1 };
        var lonelyOld = Card("lonely old", created: 0);
        var lonelyNew = Card("lonely new", created: 5);
        var one = Card("one", created: 2) with { CuriousCount = 1 };
        var cards = new[] { busy, lonelyNew, one, lonelyOld };

        CardOrder.Sort(cards, CardSort.FewestOffers).Select(c => c.Title).Should().Equal("lonely old", "lonely new", "one", "busy");
        CardOrder.Sort(cards, CardSort.MostOffers).Select(c => c.Title).Should().Equal("busy", "one", "lonely new", "lonely old");
        CardOrder.Sort(cards, CardSort.Newest).Select(c => c.Title).Should().Equal("lonely new", "one", "busy", "lonely old");
    }

    [Theory]
    [InlineData("ux, 디자인", new[] { "ux", "디자인" })]
    [InlineData("#ux #machine learning", new[] { "ux", "machine learning" })]
    [InlineData("농업，이커머스、교육", new[] { "농업", "이커머스", "교육" })]
    [InlineData(" , ,# ", new string[0])]
    public void Split_TagField_SeparatesOnCommasAndHashes(string typed, string[] expected) =>
        CardTags.Split(typed).Should().Equal(expected);

    private static IRenderedComponent<CardList> Render(BunitContext ctx, params CardView[] cards) =>
        ctx.Render<CardList>(p => p.Add(c => c.Cards, cards).Add(c => c.Slug, "runaways-2025"));

    private static CardView Card(string title, int created = 0) =>
        new(Guid.NewGuid(), title, "excerpt", CardKind.NonCommercial, "en", ["tag"], "Mina", 0, 0, 0,
            Start.AddMinutes(created), Start.AddMinutes(created), null, SearchText.Of(title));
}
