using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Tests;

/// <summary>Board snapshots for component tests: a grid (rooms, rounds, sessions) and the waiting cards.</summary>
internal static class BoardViews
{
    public static readonly RoomView Hall = new(Guid.NewGuid(), "Hall", 35);

    public static readonly RoomView RoomOne = new(Guid.NewGuid(), "Room 1", 18);

    public static readonly RoundView FirstRound = new(Guid.NewGuid(), 1,
        new DateTimeOffset(2025, 12, 11, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2025, 12, 11, 10, 45, 0, TimeSpan.Zero));

    private static readonly Guid EventId = Guid.NewGuid();

    public static LiveBoardView Of(params CardView[] cards) => new(Snapshot(cards));

    public static BoardSnapshot Snapshot(IReadOnlyList<CardView> cards, params SessionView[] sessions) =>
        new(new EventSchedule(EventId, "demo", "Demo", "Venue", "Asia/Seoul", EventPhase.Live, [Hall, RoomOne], [FirstRound], sessions),
            cards, new CardBook([], [], []), DateTimeOffset.UtcNow);
}
