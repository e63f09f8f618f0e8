using RunawaysAlliance.Domain.Cards;
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

/// <summary>
/// A problem card placed in a slot (room x round) with a moderator. A session is its own aggregate, loaded
/// through its own set: its slot (this row), its seats, its timer and its record each have their own row and
/// concurrency token, so that an attendee taking a seat never races the moderator pausing the timer (ADR 0010).
/// </summary>
public sealed class Session
{
    private readonly List<Reservation> _reservations = [];
    private readonly List<SessionFeedback> _feedback = [];
    private readonly List<Kudos> _kudos = [];

    private Session()
    {
        Seats = null!;
        Timer = null!;
        Record = null!;
    }

    internal Session(Guid id, Guid eventId, ProblemCard card, Room room, Round round, Guid moderatorId, DateTimeOffset now)
    {
        Id = id;
        EventId = eventId;
        CardId = card.Id;
        HaverId = card.AuthorId;
        RoomId = room.Id;
        RoundId = round.Id;
        ModeratorId = moderatorId;
        Capacity = room.Capacity;
        ClaimedAt = now;
        Status = SessionStatus.Active;
        Seats = new SessionSeats(id);
        Timer = new SessionTimer(id, round.Duration);
        Record = new SessionRecord(id);
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid CardId { get; private set; }

    /// <summary>The card's author, kept here so the store can enforce one session per haver per round.</summary>
    public Guid HaverId { get; private set; }

    public Guid RoomId { get; private set; }

    public Guid RoundId { get; private set; }

    public Guid ModeratorId { get; private set; }

    /// <summary>
    /// How many seats the session offers: the room's capacity when the slot was claimed. Kept here so that a
    /// seat booking needs nothing but the session, and a later change to the room is a decision, not a surprise.
    /// </summary>
    public int Capacity { get; private set; }

    public DateTimeOffset ClaimedAt { get; private set; }

    public SessionStatus Status { get; private set; }

    public DateTimeOffset? ReleasedAt { get; private set; }

    public bool IsActive => Status == SessionStatus.Active;

    /// <summary>The seat counts; the row every seat change goes through.</summary>
    public SessionSeats Seats { get; private set; }

    /// <summary>The moderator's 45-minute timer.</summary>
    public SessionTimer Timer { get; private set; }

    /// <summary>The moderator's notes, outcomes and next steps.</summary>
    public SessionRecord Record { get; private set; }

    /// <summary>Seat reservations and the waitlist, in the order they were made.</summary>
    public IReadOnlyCollection<Reservation> Reservations => _reservations.AsReadOnly();

    /// <summary>Reservations that hold a seat (not on the waitlist).</summary>
    public int SeatsTaken => Seats.Taken;

    /// <summary>Reserves a seat for a person, or puts them on the waitlist when the session is full.</summary>
    public Reservation ReserveSeat(Guid personId, DateTimeOffset now)
    {
        if (!IsActive)
        {
            throw new RuleViolationException(RuleCode.SessionNotHoldingSlot, "This session no longer holds its slot, so seats cannot be reserved.");
        }

        if (_reservations.Any(r => r.PersonId == personId))
        {
            throw new RuleViolationException(RuleCode.AlreadyReserved, "You already have a seat or a waitlist place in this session.");
        }

        var waitlisted = Seats.Taken >= Capacity;
        var reservation = new Reservation(Guid.NewGuid(), Id, personId, waitlisted, now);
        _reservations.Add(reservation);
        Seats.Recount(_reservations);
        return reservation;
    }

    /// <summary>
    /// Gives a person's seat or waitlist place back. A freed seat goes to whoever has waited longest;
    /// that reservation is returned so that they can be told.
    /// </summary>
    public Reservation? CancelSeat(Guid personId)
    {
        var reservation = _reservations.FirstOrDefault(r => r.PersonId == personId)
            ?? throw new RuleViolationException(RuleCode.NoSeatToCancel, "You have no seat or waitlist place in this session.");
        _reservations.Remove(reservation);
        var promoted = reservation.IsWaitlisted ? null : PromoteWaiting().FirstOrDefault();
        Seats.Recount(_reservations);
        return promoted;
    }

    /// <summary>
    /// Changes how many seats the session offers (chairs brought in, or a smaller room). People who already
    /// hold a seat keep it; when seats are added, the longest-waiting people get them, and are returned.
    /// </summary>
    public IReadOnlyList<Reservation> ChangeCapacity(int capacity)
    {
        Capacity = Room.CheckCapacity(capacity);
        var promoted = PromoteWaiting();
        Seats.Recount(_reservations);
        return promoted;
    }

    /// <summary>
    /// Moves the session to another slot (the event checks that it is free): the capacity becomes the new room's,
    /// seats are kept, the longest-waiting people take any extra seats (returned), and a timer not yet started gets
    /// the new round's length.
    /// </summary>
    internal IReadOnlyList<Reservation> MoveTo(Room room, Round round)
    {
        RoomId = room.Id;
        RoundId = round.Id;
        Timer.Replan(round.Duration);
        return ChangeCapacity(room.Capacity);
    }

    /// <summary>What the participants said about the session after it ended (one per person).</summary>
    public IReadOnlyCollection<SessionFeedback> Feedback => _feedback.AsReadOnly();

    /// <summary>The people who took part: the moderator, the haver and everyone who held a seat (not the waitlist).</summary>
    public bool TookPart(Guid personId) => personId == HaverId || Helpers.Contains(personId);

    /// <summary>The people who helped the haver: the moderator and everyone who held a seat (not the waitlist), once each.</summary>
    public IEnumerable<Guid> Helpers =>
        _reservations.Where(r => !r.IsWaitlisted).Select(r => r.PersonId).Prepend(ModeratorId).Where(id => id != HaverId).Distinct();

    /// <summary>Whether the session is over: its timer was ended, or its round's time is up.</summary>
    public bool HasEnded(Round round, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(round);
        return Timer.State == TimerState.Ended || now >= round.EndsAt;
    }

    /// <summary>
    /// A participant rates the session once it is over: 1 to 5, whether the time was too short, right or too long,
    /// and an optional comment. Giving feedback again replaces the earlier one. Needs the reservations and the
    /// feedback loaded; <paramref name="round"/> is the session's round.
    /// </summary>
    public SessionFeedback GiveFeedback(Guid personId, int rating, SessionLength? length, string? comment, Round round, DateTimeOffset now)
    {
        EnsureTookPlace(round);

        if (!TookPart(personId))
        {
            throw new RuleViolationException(RuleCode.OnlyParticipantsRate, "Only the people who took part in a session can rate it.");
        }

        if (!HasEnded(round, now))
        {
            throw new RuleViolationException(RuleCode.FeedbackBeforeEnd, "You can rate the session once it has ended.");
        }

        var feedback = _feedback.FirstOrDefault(f => f.PersonId == personId);
        if (feedback is null)
        {
            feedback = new SessionFeedback(Id, personId, now);
            feedback.Change(rating, length, comment, now);
            _feedback.Add(feedback);
        }
        else
        {
            feedback.Change(rating, length, comment, now);
        }

        return feedback;
    }

    /// <summary>The haver's thanks to the people who helped (one per person thanked).</summary>
    public IReadOnlyCollection<Kudos> Kudos => _kudos.AsReadOnly();

    /// <summary>
    /// The haver thanks someone who took part (the moderator, a core solver, anyone who held a seat) with a one-line
    /// note, once the session is over. Thanking the same person again replaces the note. Needs the reservations and
    /// the kudos loaded; <paramref name="round"/> is the session's round.
    /// </summary>
    public Kudos GiveKudos(Guid fromId, Guid toId, string? note, Round round, DateTimeOffset now)
    {
        EnsureTookPlace(round);

        if (fromId != HaverId)
        {
            throw new RuleViolationException(RuleCode.OnlyHaverGivesKudos, "Only the person who brought the problem thanks the people who helped.");
        }

        if (toId == HaverId)
        {
            throw new RuleViolationException(RuleCode.KudosNotToYourself, "Thanks go to the people who helped you, not to yourself.");
        }

        if (!TookPart(toId))
        {
            throw new RuleViolationException(RuleCode.KudosOnlyForParticipants, "Thanks go to the people who took part in the session.");
        }

        if (!HasEnded(round, now))
        {
            throw new RuleViolationException(RuleCode.KudosBeforeEnd, "You can thank the people who helped once the session has ended.");
        }

        var kudos = _kudos.FirstOrDefault(k => k.ToId == toId);
        var fresh = kudos is null;
        kudos ??= new Kudos(Id, fromId, toId, now);
        kudos.Write(note, now);
        if (fresh)
        {
            _kudos.Add(kudos);
        }

        return kudos;
    }

    // Feedback and thanks are about a session that happened: its own round, and it kept its slot.
    private void EnsureTookPlace(Round round)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (round.Id != RoundId)
        {
            throw new ArgumentException("The round is not this session's round.", nameof(round));
        }

        if (!IsActive)
        {
            throw new RuleViolationException(RuleCode.SessionGaveSlotBack, "This session gave its slot back; it did not take place.");
        }
    }

    /// <summary>
    /// The purge after the event's retention period: seats, the waitlist, feedback and thanks go (each names a
    /// person), and the haver, the moderator and the record's last editor become <paramref name="pseudonym"/>s, people
    /// with no name and no link to anyone. The slot, the timer and the record's text stay: the anonymized record.
    /// </summary>
    public void Anonymize(Func<Guid, Guid> pseudonym)
    {
        ArgumentNullException.ThrowIfNull(pseudonym);
        _reservations.Clear();
        _feedback.Clear();
        _kudos.Clear();
        Seats.Recount(_reservations);
        HaverId = pseudonym(HaverId);
        ModeratorId = pseudonym(ModeratorId);
        Record.Anonymize(pseudonym);
    }

    /// <summary>Gives the slot back so that another card can be placed there; the card can be placed again.</summary>
    public void Release(ProblemCard card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.Id != CardId)
        {
            throw new ArgumentException("The card is not this session's card.", nameof(card));
        }

        if (!IsActive)
        {
            throw new RuleViolationException(RuleCode.AlreadyReleased, "This session has already given its slot back.");
        }

        Status = SessionStatus.Released;
        ReleasedAt = now;
        card.TakeOutOf(Id);
        // Closing the seats touches their row, so a seat taken at the same instant loses the race instead of
        // landing in a session that no longer exists.
        Seats.Close();
    }

    private List<Reservation> PromoteWaiting()
    {
        var promoted = new List<Reservation>();
        var taken = _reservations.Count(r => !r.IsWaitlisted);
        foreach (var waiting in _reservations.Where(r => r.IsWaitlisted).OrderBy(r => r.CreatedAt).ToList())
        {
            if (taken >= Capacity)
            {
                break;
            }

            waiting.Promote();
            promoted.Add(waiting);
            taken++;
        }

        return promoted;
    }
}

/// <summary>
/// A session's seat counts. Its own row with its own concurrency token: two people racing for the last seat
/// both change it, so exactly one of them commits.
/// </summary>
public sealed class SessionSeats
{
    private SessionSeats()
    {
    }

    internal SessionSeats(Guid sessionId)
    {
        SessionId = sessionId;
        IsOpen = true;
    }

    public Guid SessionId { get; private set; }

    /// <summary>Reservations that hold a seat.</summary>
    public int Taken { get; private set; }

    /// <summary>Reservations on the waitlist.</summary>
    public int Waitlisted { get; private set; }

    /// <summary>False once the session gave its slot back.</summary>
    public bool IsOpen { get; private set; }

    internal void Recount(IEnumerable<Reservation> reservations)
    {
        var list = reservations.ToList();
        Taken = list.Count(r => !r.IsWaitlisted);
        Waitlisted = list.Count - Taken;
    }

    internal void Close() => IsOpen = false;
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

    internal void Promote() => IsWaitlisted = false;
}
