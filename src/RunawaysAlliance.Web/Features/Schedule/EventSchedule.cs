using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Schedule;

/// <summary>
/// An event's schedule as the event publishes it: rooms, rounds as UTC instants, and the sessions placed in the
/// slots with their seat counts. Public data only (titles, rooms, times, moderator display names): the board, the
/// wall and the exports all read this one model, and nothing in it may be private. Immutable and shared.
/// </summary>
public sealed record EventSchedule(
    Guid EventId,
    string Slug,
    string Name,
    string Venue,
    string TimeZoneId,
    EventPhase Phase,
    IReadOnlyList<RoomView> Rooms,
    IReadOnlyList<RoundView> Rounds,
    IReadOnlyList<SessionView> Sessions)
{
    private readonly Dictionary<(Guid, Guid), SessionView> _bySlot = Sessions.ToDictionary(s => (s.RoomId, s.RoundId));
    private readonly Dictionary<Guid, SessionView> _byCard = Sessions.ToDictionary(s => s.CardId);
    private readonly Dictionary<Guid, RoomView> _rooms = Rooms.ToDictionary(r => r.Id);
    private readonly Dictionary<Guid, RoundView> _rounds = Rounds.ToDictionary(r => r.Id);

    /// <summary>Turns the instants of this schedule into the event's local times.</summary>
    public EventClock Clock => EventClock.For(TimeZoneId);

    public int SlotCount => Rooms.Count * Rounds.Count;

    public int OpenSlotCount => SlotCount - Sessions.Count;

    public SessionView? SessionIn(Guid roomId, Guid roundId) => _bySlot.GetValueOrDefault((roomId, roundId));

    /// <summary>The slots no session holds, round by round in room order: what a claim or a move can pick.</summary>
    public IEnumerable<(RoomView Room, RoundView Round)> OpenSlots() =>
        from round in Rounds
        from room in Rooms
        where SessionIn(room.Id, round.Id) is null
        select (room, round);

    /// <summary>The session a card is placed in, if any.</summary>
    public SessionView? SessionOf(Guid cardId) => _byCard.GetValueOrDefault(cardId);

    public RoomView? Room(Guid roomId) => _rooms.GetValueOrDefault(roomId);

    public RoundView? Round(Guid roundId) => _rounds.GetValueOrDefault(roundId);

    /// <summary>The round happening now or next; the first one before the evening and once it is over.</summary>
    public RoundView? CurrentRound(DateTimeOffset now) =>
        Rounds.FirstOrDefault(r => r.EndsAt > now) ?? Rounds.FirstOrDefault();
}

/// <summary>A room of the board, in board order.</summary>
public sealed record RoomView(Guid Id, string Name, int Capacity);

/// <summary>A round as UTC instants; pages show it in the event's time zone through <see cref="EventClock"/>.</summary>
public sealed record RoundView(Guid Id, int Number, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>A placed session as the schedule publishes it.</summary>
public sealed record SessionView(
    Guid Id,
    Guid RoomId,
    Guid RoundId,
    Guid CardId,
    string CardTitle,
    CardKind Kind,
    string Language,
    string ModeratorName,
    int SeatsTaken,
    int Waitlisted,
    int Capacity)
{
    /// <summary>Who moderates (an id, never a contact detail): "My evening" finds a moderator's sessions by it.</summary>
    public Guid ModeratorId { get; init; }

    /// <summary>Where the session's timer is; pages count down in the browser from <see cref="TimerEndsAt"/>.</summary>
    public TimerState TimerState { get; init; }

    /// <summary>When the countdown reaches zero, while it runs (an instant).</summary>
    public DateTimeOffset? TimerEndsAt { get; init; }

    /// <summary>The time left while the timer is not running (not started: the round's length; paused: what was left).</summary>
    public TimeSpan TimerRemaining { get; init; }

    public bool IsFull => SeatsTaken >= Capacity;
}

/// <summary>
/// A seat (or a waitlist place) someone holds in an active session. Not part of the published schedule: the live
/// snapshot keeps it so that "My evening" can show each person their own seats.
/// </summary>
public sealed record SeatHolder(Guid SessionId, Guid PersonId, bool IsWaitlisted)
{
    /// <summary>When the seat or waitlist place was taken: the waitlist moves up in this order.</summary>
    public DateTimeOffset TakenAt { get; init; }
}
