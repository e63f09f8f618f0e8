using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Schedule;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Board;

/// <summary>
/// One event as its live pages show it, read once per change per instance and shared by every circuit that shows
/// the event: the board, the card list and form, each card page and every "My evening". It is the published
/// <see cref="EventSchedule"/> plus the marketplace (<see cref="CardBook"/>); each page derives its viewer's part
/// in memory. Immutable: circuits keep a reference, never a copy, and never an entity. Nothing in it is a contact detail.
/// </summary>
public sealed class BoardSnapshot(EventSchedule schedule, IReadOnlyList<CardView> cards, CardBook book, DateTimeOffset readAt)
{
    public EventSchedule Schedule { get; } = schedule;

    /// <summary>Open cards as the board and the card list show them, newest first.</summary>
    public IReadOnlyList<CardView> Cards { get; } = cards;

    /// <summary>Every card of the event (withdrawn ones too) with its offers, the members and the seat holders.</summary>
    public CardBook Book { get; } = book;

    public DateTimeOffset ReadAt { get; } = readAt;

    public Guid EventId => Schedule.EventId;

    public string Slug => Schedule.Slug;

    public string Name => Schedule.Name;

    public string Venue => Schedule.Venue;

    public string TimeZoneId => Schedule.TimeZoneId;

    public EventPhase Phase => Schedule.Phase;

    public EventClock Clock => Schedule.Clock;

    public IReadOnlyList<RoomView> Rooms => Schedule.Rooms;

    public IReadOnlyList<RoundView> Rounds => Schedule.Rounds;

    public IReadOnlyList<SessionView> Sessions => Schedule.Sessions;

    /// <summary>Open cards that have no slot yet, newest first.</summary>
    public IReadOnlyList<CardView> UnplacedCards { get; } = [.. cards.Where(c => c.Slot is null)];

    /// <summary>Tags on the open cards, most used first: for the filter and the card form's suggestions.</summary>
    public IReadOnlyList<string> TagsInUse { get; } = [.. cards.SelectMany(c => c.Tags)
        .GroupBy(t => t, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key)];

    public int SlotCount => Schedule.SlotCount;

    public int OpenSlotCount => Schedule.OpenSlotCount;

    public SessionView? SessionIn(Guid roomId, Guid roundId) => Schedule.SessionIn(roomId, roundId);

    /// <summary>
    /// Per room (in <see cref="Rooms"/> order), the session in each round (in <see cref="Rounds"/> order, null where the
    /// slot is open): made once per snapshot and shared by every circuit that shows it.
    /// </summary>
    public IReadOnlyList<SessionView?[]> RoomSessions => _roomSessions ??= [.. Rooms.Select(room => Rounds.Select(round => SessionIn(room.Id, round.Id)).ToArray())];

    // Made on first use; two threads may both make it, and either result is the same.
    private SessionView?[][]? _roomSessions;

    // The last comparisons with an earlier snapshot: every circuit showing this board asks the same question when it
    // arrives, and one answer serves them all. A reference is written atomically; a race only compares twice.
    private Comparison? _sameGrid;
    private Comparison? _sameWaitingCards;

    /// <summary>Whether <paramref name="earlier"/> shows the same grid: rooms, rounds, the time zone and every session alike.</summary>
    public bool SameGridAs(BoardSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (_sameGrid is { } memo && ReferenceEquals(memo.Earlier, earlier))
        {
            return memo.Same;
        }

        var same = ReferenceEquals(Schedule, earlier.Schedule)
            || (Rooms.SequenceEqual(earlier.Rooms) && Rounds.SequenceEqual(earlier.Rounds) && Sessions.SequenceEqual(earlier.Sessions)
                && Clock.Zone.Id == earlier.Clock.Zone.Id);
        _sameGrid = new Comparison(earlier, same);
        return same;
    }

    /// <summary>Whether <paramref name="earlier"/> waits with the same cards in the same order, each unchanged (its change stamp).</summary>
    public bool SameWaitingCardsAs(BoardSnapshot earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        if (_sameWaitingCards is { } memo && ReferenceEquals(memo.Earlier, earlier))
        {
            return memo.Same;
        }

        var same = UnplacedCards.Count == earlier.UnplacedCards.Count && Clock.Zone.Id == earlier.Clock.Zone.Id;
        for (var i = 0; same && i < UnplacedCards.Count; i++)
        {
            same = UnplacedCards[i].Id == earlier.UnplacedCards[i].Id && UnplacedCards[i].ChangeStamp == earlier.UnplacedCards[i].ChangeStamp;
        }

        _sameWaitingCards = new Comparison(earlier, same);
        return same;
    }

    private sealed record Comparison(BoardSnapshot Earlier, bool Same);

    /// <summary>The round happening now or next; the first one before the evening and once it is over.</summary>
    public RoundView? CurrentRound(DateTimeOffset now) => Schedule.CurrentRound(now);
}

/// <summary>An open card as the board and the card list show it, with how many people responded to it.</summary>
public sealed record CardView(
    Guid Id,
    string Title,
    string Excerpt,
    CardKind Kind,
    string Language,
    IReadOnlyList<string> Tags,
    string AuthorName,
    int CanHelpCount,
    int CuriousCount,
    int CoreSolverCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CardSlot? Slot,
    SearchText Search)
{
    /// <summary>How much of the problem a list shows.</summary>
    public const int ExcerptLength = 140;

    public int OfferCount => CanHelpCount + CuriousCount;

    public string TagList => string.Join(' ', Tags.Select(t => "#" + t));

    /// <summary>What changes when the card visibly changes; a tile highlights when it differs from the last one.</summary>
    public (DateTimeOffset, int, int, int, CardSlot?) ChangeStamp => (UpdatedAt, CanHelpCount, CuriousCount, CoreSolverCount, Slot);
}

/// <summary>Where a card is placed, for a list: the room, the round and its start (an instant).</summary>
public sealed record CardSlot(string Room, int Round, DateTimeOffset StartsAt);
