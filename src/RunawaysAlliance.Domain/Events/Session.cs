using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>Whether a session still holds its slot.</summary>
public enum SessionStatus
{
    /// <summary>The session holds its slot.</summary>
    Active = 0,

    /// <summary>The moderator or an organizer gave the slot back; kept for history.</summary>
    Released = 1,
}

/// <summary>A problem card placed in a slot (room x round) with a moderator.</summary>
public sealed class Session
{
    private readonly List<Reservation> _reservations = [];

    private Session()
    {
    }

    internal Session(Guid id, Guid eventId, Guid cardId, Guid haverId, Guid roomId, Guid roundId, Guid moderatorId, DateTimeOffset now)
    {
        Id = id;
        EventId = eventId;
        CardId = cardId;
        HaverId = haverId;
        RoomId = roomId;
        RoundId = roundId;
        ModeratorId = moderatorId;
        ClaimedAt = now;
        Status = SessionStatus.Active;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid CardId { get; private set; }

    /// <summary>The card's author, kept here so the store can enforce one session per haver per round.</summary>
    public Guid HaverId { get; private set; }

    public Guid RoomId { get; private set; }

    public Guid RoundId { get; private set; }

    public Guid ModeratorId { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    public SessionStatus Status { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    public bool IsActive => Status == SessionStatus.Active;

    /// <summary>Seat reservations and the waitlist, in the order they were made.</summary>
    public IReadOnlyCollection<Reservation> Reservations => _reservations.AsReadOnly();

    /// <summary>Reservations that hold a seat (not on the waitlist).</summary>
    public int SeatsTaken => _reservations.Count(r => !r.IsWaitlisted);

    /// <summary>Reserves a seat for a person, or puts them on the waitlist when the room is full.</summary>
    public Reservation ReserveSeat(Guid personId, int roomCapacity, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new RuleViolationException(RuleCode.SessionNotHoldingSlot, "This session no longer holds its slot, so seats cannot be reserved.");
        }

        if (_reservations.Any(r => r.PersonId == personId))
        {
            throw new RuleViolationException(RuleCode.AlreadyReserved, "You already have a seat or a waitlist place in this session.");
        }

        var reservation = new Reservation(Guid.NewGuid(), Id, personId, waitlisted: SeatsTaken >= roomCapacity, now);
        _reservations.Add(reservation);
        return reservation;
    }

    internal void Release(DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new RuleViolationException(RuleCode.AlreadyReleased, "This session has already given its slot back.");
        }

        Status = SessionStatus.Released;
        ReleasedAt = now;
    }
}

/// <summary>A person's seat in a session, or their place on its waitlist.</summary>
public sealed class Reservation
{
    private Reservation()
    {
    }

    internal Reservation(Guid id, Guid sessionId, Guid personId, bool waitlisted, DateTimeOffset now)
    {
        Id = id;
        SessionId = sessionId;
        PersonId = personId;
        IsWaitlisted = waitlisted;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public Guid PersonId { get; private set; }

    public bool IsWaitlisted { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
