using Bunit;
using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Tests;

/// <summary>A room of the board and its cells (one component: the cells are markup in it).</summary>
public sealed class RoomRowTests
{
    private static readonly RoomView Hall = new(Guid.NewGuid(), "Hall", 35);

    private static readonly RoundView FirstRound = new(Guid.NewGuid(), 1,
        new DateTimeOffset(2025, 12, 11, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 11, 10, 45, 0, TimeSpan.Zero));

    [Fact]
    public void Render_OpenSlot_ShowsOpenWithoutSession()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, session: null);

        var slot = cut.Find("[data-testid=slot]");
        slot.GetAttribute("data-state").Should().Be("open");
        slot.GetAttribute("data-room").Should().Be("Hall");
        slot.GetAttribute("data-round").Should().Be("1");
        slot.ClassList.Should().Contain("slot-open");
        cut.Find(".slot-open-label").TextContent.Should().Be("Open");
        cut.Find(".slot-hint").TextContent.Should().Be("Free for a moderator to claim");
        cut.FindAll("[data-testid=slot-title]").Should().BeEmpty();
        cut.FindAll("[data-testid=slot-seats]").Should().BeEmpty();
    }

    [Fact]
    public void Render_OpenSlotForSomeoneWhoCanClaim_TheClaimButtonReplacesTheHint()
    {
        using var ctx = ComponentContext.Create();

        var cut = ctx.Render<RoomRow>(p => p
            .Add(c => c.Room, Hall)
            .Add(c => c.Rounds, [FirstRound])
            .Add(c => c.Sessions, [null])
            .Add(c => c.SelectedRound, FirstRound.Id)
            .Add(c => c.CanClaim, true));

        cut.Find("[data-testid=slot-claim]").TextContent.Trim().Should().NotBeEmpty();
        cut.FindAll(".slot-hint").Should().BeEmpty("the button is the action the hint would describe");
    }

    [Fact]
    public void Render_OpenSlotInKorean_ShowsKoreanLabel()
    {
        using var ctx = ComponentContext.Create("ko");

        var cut = Render(ctx, session: null);

        cut.Find(".slot-open-label").TextContent.Should().Be("비어 있음");
    }

    [Fact]
    public void Render_TakenSlot_ShowsTitleModeratorAndSeats()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session("Pricing a B2B SaaS for small clinics", seats: 12));

        var slot = cut.Find("[data-testid=slot]");
        slot.GetAttribute("data-state").Should().Be("taken");
        slot.ClassList.Should().Contain("slot-taken");
        var title = cut.Find("[data-testid=slot-title]");
        title.TextContent.Should().Be("Pricing a B2B SaaS for small clinics");
        title.GetAttribute("lang").Should().Be("en");
        cut.Find(".slot-moderator").TextContent.Should().Be("Moderator: Mina");
        cut.Find(".kind-chip").TextContent.Should().Be("Commercial");
        var seats = cut.Find("[data-testid=slot-seats]");
        seats.TextContent.Should().Contain("12 / 35 seats");
        seats.ClassList.Should().NotContain("full");
        cut.FindAll(".waitlist").Should().BeEmpty();
        seats.TextContent.Should().NotContain("waitlist");
    }

    [Fact]
    public void Render_WaitlistedSession_ShowsWaitlist()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session("Hiring our first engineer", seats: 35, waitlisted: 3));

        cut.Find(".waitlist").TextContent.Should().Be("· 3 on the waitlist");
    }

    [Fact]
    public void Render_SessionAtCapacity_MarksSeatsFull()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session("A repair café for the neighbourhood", seats: 35));

        var seats = cut.Find("[data-testid=slot-seats]");
        seats.ClassList.Should().Contain("full");
        seats.TextContent.Should().Contain("35 / 35 seats");
    }

    [Fact]
    public void Render_SessionOneBelowCapacity_NotFull()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session("A repair café for the neighbourhood", seats: 34));

        cut.Find("[data-testid=slot-seats]").ClassList.Should().NotContain("full");
    }

    [Theory]
    [InlineData(12, "tertiary", "translateX(-66%)", null)]
    [InlineData(27, "tertiary", "translateX(-23%)", "filling")]
    [InlineData(35, "error", "translateX(-0%)", "full")]
    public void Render_SeatBarAndBadge_ShowTheShareOfSeatsTaken(int seats, string colour, string transform, string? badge)
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session("Hiring our first engineer", seats: seats));

        var bar = cut.Find("[data-testid=slot-seats] [role=progressbar]");
        bar.ClassList.Should().Contain(["mud-progress-linear", $"mud-progress-linear-color-{colour}", "seat-bar"]);
        bar.GetAttribute("aria-valuenow").Should().Be((100.0 * seats / 35).ToString("0.#", System.Globalization.CultureInfo.InvariantCulture));
        cut.Find(".mud-progress-linear-bar").GetAttribute("style").Should().Contain(transform);
        var badges = cut.FindAll("[data-testid=seat-badge]");
        if (badge is null)
        {
            badges.Should().BeEmpty();
        }
        else
        {
            badges.Should().ContainSingle().Which.GetAttribute("data-level").Should().Be(badge);
        }
    }

    [Fact]
    public void Render_ThreeRounds_OneCellEachInRoundOrder()
    {
        using var ctx = ComponentContext.Create();
        var second = FirstRound with { Id = Guid.NewGuid(), Number = 2 };
        var third = FirstRound with { Id = Guid.NewGuid(), Number = 3 };

        var cut = ctx.Render<RoomRow>(p => p
            .Add(c => c.Room, Hall)
            .Add(c => c.Rounds, [FirstRound, second, third])
            .Add(c => c.Sessions, [null, Session("Pricing", seats: 3) with { RoundId = second.Id }, null])
            .Add(c => c.SelectedRound, second.Id));

        var cells = cut.FindAll("[data-testid=slot]");
        cells.Select(c => c.GetAttribute("data-round")).Should().Equal("1", "2", "3");
        cells.Select(c => c.GetAttribute("data-state")).Should().Equal("open", "taken", "open");
        cells.Select(c => c.ClassList.Contains("off-round")).Should().Equal(true, false, true);
    }

    [Fact]
    public void Render_TitleWithMarkup_RendersItAsText()
    {
        const string title = "<script>alert(1)</script><img src=x onerror=alert(1)>";
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session(title, seats: 1));

        cut.Markup.Should().Contain("&lt;script&gt;alert(1)&lt;/script&gt;");
        cut.Find("[data-testid=slot-title]").TextContent.Should().Be(title);
        cut.FindAll("script").Should().BeEmpty();
        cut.FindAll("img").Should().BeEmpty();
        cut.FindAll("[onerror]").Should().BeEmpty();
    }

    [Fact]
    public void Render_QuoteInLanguage_StaysInsideTheAttribute()
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session("Title", seats: 1) with { Language = "en\" onmouseover=\"alert(1)" });

        cut.FindAll("[onmouseover]").Should().BeEmpty();
        cut.Find("[data-testid=slot-title]").GetAttribute("lang").Should().Be("en\" onmouseover=\"alert(1)");
    }

    [Theory]
    [InlineData("번아웃 없이 사이드 프로젝트 지속하기")]
    [InlineData("🔥 Burnout? 👩‍💻 사이드 프로젝트 🇰🇷")]
    public void Render_HangulAndEmojiTitle_RendersIntact(string title)
    {
        using var ctx = ComponentContext.Create();

        var cut = Render(ctx, Session(title, seats: 2) with { ModeratorName = "하늘" });

        cut.Find("[data-testid=slot-title]").TextContent.Should().Be(title);
        cut.Find(".slot-moderator").TextContent.Should().Be("Moderator: 하늘");
    }

    [Fact]
    public void ShouldRender_EqualSessionRightAfterFirstRender_SkipsRender()
    {
        using var ctx = ComponentContext.Create();
        var session = Session("Open-source maintainers are burning out", seats: 12);
        var cut = Render(ctx, session);

        // A new snapshot holds new, equal objects: the cell must not render again.
        cut.Render(p => p.Add(c => c.Sessions, [session with { }]));

        cut.RenderCount.Should().Be(1);
    }

    [Fact]
    public void ShouldRender_EqualSessionAfterAnUpdate_SkipsRender()
    {
        using var ctx = ComponentContext.Create();
        var session = Session("Open-source maintainers are burning out", seats: 12);
        var cut = Render(ctx, session);
        var moreSeats = session with { SeatsTaken = 13 };
        cut.Render(p => p.Add(c => c.Sessions, [moreSeats]));
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Sessions, [moreSeats with { }]));
        cut.Render(p => p.Add(c => c.Sessions, [moreSeats with { }]));

        cut.RenderCount.Should().Be(renders);
        cut.Find("[data-testid=slot-seats]").TextContent.Should().Contain("13 / 35 seats");
    }

    [Fact]
    public void ShouldRender_SeatsChange_RendersNewSeats()
    {
        using var ctx = ComponentContext.Create();
        var session = Session("Open-source maintainers are burning out", seats: 12);
        var cut = Render(ctx, session);
        var renders = cut.RenderCount;

        cut.Render(p => p.Add(c => c.Sessions, [session with { SeatsTaken = 13 }]));

        cut.RenderCount.Should().Be(renders + 1);
        cut.Find("[data-testid=slot-seats]").TextContent.Should().Contain("13 / 35 seats");
    }

    [Fact]
    public void ShouldRender_SessionReleased_RendersOpenSlot()
    {
        using var ctx = ComponentContext.Create();
        var cut = Render(ctx, Session("Open-source maintainers are burning out", seats: 12));

        cut.Render(p => p.Add(c => c.Sessions, [null]));

        cut.Find("[data-testid=slot]").GetAttribute("data-state").Should().Be("open");
    }

    [Fact]
    public void ShouldRender_OffRoundChanges_RendersOffRoundClass()
    {
        using var ctx = ComponentContext.Create();
        var session = Session("Open-source maintainers are burning out", seats: 12);
        var cut = Render(ctx, session);

        cut.Render(p => p.Add(c => c.SelectedRound, Guid.NewGuid()));

        cut.Find("[data-testid=slot]").ClassList.Should().Contain("off-round");
    }

    private static IRenderedComponent<RoomRow> Render(BunitContext ctx, SessionView? session) =>
        ctx.Render<RoomRow>(p => p
            .Add(c => c.Room, Hall)
            .Add(c => c.Rounds, [FirstRound])
            .Add(c => c.Sessions, [session])
            .Add(c => c.SelectedRound, FirstRound.Id));

    private static SessionView Session(string title, int seats, int waitlisted = 0) =>
        new(Guid.NewGuid(), Hall.Id, FirstRound.Id, Guid.NewGuid(), title, CardKind.Commercial, "en", "Mina", seats, waitlisted, Hall.Capacity);
}
