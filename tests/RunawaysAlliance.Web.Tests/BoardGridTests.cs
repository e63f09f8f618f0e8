using Bunit;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Tests;

/// <summary>The grid follows the board by itself: it renders for a session's change, not for a waiting card's.</summary>
public sealed class BoardGridTests
{
    [Fact]
    public async Task Show_OnlyAWaitingCardChanged_GridDoesNotRender()
    {
        using var ctx = ComponentContext.Create();
        ctx.Services.AddSingleton(TimeProvider.System);
        var view = new LiveBoardView(BoardViews.Snapshot([], Session(BoardViews.Hall)));
        var cut = ctx.Render<BoardGrid>(p => p.Add(c => c.View, view).Add(c => c.SelectedRound, BoardViews.FirstRound.Id));
        var renders = cut.RenderCount;

        await cut.InvokeAsync(() => view.Show(BoardViews.Snapshot([], view.Board.Sessions[0] with { })));

        cut.RenderCount.Should().Be(renders);
        cut.FindAll("[data-testid=slot]").Should().HaveCount(2);
    }

    [Fact]
    public async Task Show_ASlotClaimed_TheCellShowsTheSession()
    {
        using var ctx = ComponentContext.Create();
        ctx.Services.AddSingleton(TimeProvider.System);
        var view = new LiveBoardView(BoardViews.Snapshot([]));
        var cut = ctx.Render<BoardGrid>(p => p.Add(c => c.View, view).Add(c => c.SelectedRound, BoardViews.FirstRound.Id));
        var cell = "[data-testid=slot][data-room='Room 1']";
        cut.Find(cell).GetAttribute("data-state").Should().Be("open");

        await cut.InvokeAsync(() => view.Show(BoardViews.Snapshot([], Session(BoardViews.RoomOne))));

        cut.Find(cell).GetAttribute("data-state").Should().Be("taken");
        cut.Find($"{cell} [data-testid=slot-title]").TextContent.Should().Be("Pricing a B2B SaaS for small clinics");
        cut.Find("[data-testid=slot][data-room='Hall']").GetAttribute("data-state").Should().Be("open");
    }

    [Fact]
    public void SameGridAs_AnswersForEachEarlierSnapshot_NotJustTheLastOneAsked()
    {
        var session = Session(BoardViews.Hall);
        var earlierSame = BoardViews.Snapshot([], session);
        var earlierOther = BoardViews.Snapshot([], Session(BoardViews.RoomOne));
        var now = BoardViews.Snapshot([], session with { });

        now.SameGridAs(earlierSame).Should().BeTrue();
        now.SameGridAs(earlierOther).Should().BeFalse();
        now.SameGridAs(earlierSame).Should().BeTrue("a remembered answer is only for the snapshot it compared");
        now.SameGridAs(BoardViews.Snapshot([], session with { SeatsTaken = 4 })).Should().BeFalse("a seat taken is a change of the grid");
    }

    private static SessionView Session(RoomView room) =>
        new(Guid.NewGuid(), room.Id, BoardViews.FirstRound.Id, Guid.NewGuid(), "Pricing a B2B SaaS for small clinics", CardKind.Commercial, "en", "Mina", 3, 0, room.Capacity);
}
