using System.Text.RegularExpressions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>
/// One generative conference: its rooms, rounds and members. Sessions are their own aggregate (ADR 0010);
/// the slot rules (one session per slot, one session per person per round) are checked here against the
/// event's active sessions, which the caller loads, and enforced by the store's unique indexes.
/// </summary>
public sealed partial class Event
{
    /// <summary>The time zone an event uses unless it says otherwise.</summary>
    public const string DefaultTimeZoneId = "Asia/Seoul";

    /// <summary>The longest event name.</summary>
    public const int NameMaxLength = 120;

    private readonly List<Room> _rooms = [];
    private readonly List<Round> _rounds = [];
    private readonly List<EventMember> _members = [];

    private Event()
    {
        Slug = Name = Venue = TimeZoneId = JoinCode = ModeratorInviteCode = string.Empty;
    }

    /// <summary>Creates an event in the Setup phase.</summary>
    public Event(Guid id, string slug, string name, string venue, string timeZoneId, DateTimeOffset now)
    {
        Id = id;
        Slug = CheckSlug(slug);
        Name = Guard.RequiredText(name, "name", NameMaxLength);
        Venue = Guard.OptionalText(venue, "venue", VenueMaxLength);
        TimeZoneId = CheckTimeZone(timeZoneId);
        Phase = EventPhase.Setup;
        CreatedAt = now;
        JoinCode = NewCode();
        ModeratorInviteCode = NewCode();
    }

    public Guid Id { get; private set; }

    /// <summary>The URL name: lowercase letters, digits and hyphens.</summary>
    public string Slug { get; private set; }

    public string Name { get; private set; }

    public string Venue { get; private set; }

    /// <summary>IANA time zone in which the event's times are shown.</summary>
    public string TimeZoneId { get; private set; }

    public EventPhase Phase { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The secret in the attendee join link and QR code (/join/{code}).</summary>
    public string JoinCode { get; private set; }

    /// <summary>The secret in the moderator invite link; whoever opens it joins as a moderator.</summary>
    public string ModeratorInviteCode { get; private set; }

    public IReadOnlyList<Room> Rooms => _rooms.OrderBy(r => r.SortOrder).ToList();

    public IReadOnlyList<Round> Rounds => _rounds.OrderBy(r => r.StartsAt).ToList();

    public IReadOnlyCollection<EventMember> Members => _members.AsReadOnly();

    /// <summary>Slots can be claimed only while the marketplace is open or the event is live.</summary>
    public bool AcceptsClaims => Phase is EventPhase.Marketplace or EventPhase.Live;

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    /// <summary>Adds a room at the end of the board.</summary>
    public Room AddRoom(string name, int capacity)
    {
        EnsureSetupOpen();
        var trimmed = name?.Trim() ?? string.Empty;
        if (_rooms.Any(r => string.Equals(r.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RuleViolationException(RuleCode.RoomNameTaken, $"There is already a room called \"{trimmed}\".", trimmed);
        }

        var room = new Room(Guid.NewGuid(), Id, name!, capacity, _rooms.Count == 0 ? 1 : _rooms.Max(r => r.SortOrder) + 1);
        _rooms.Add(room);
        return room;
    }

    /// <summary>Changes how many seats a room has, before any session uses it (with sessions, see <see cref="ChangeGrid"/>).</summary>
    public void ChangeRoomCapacity(Guid roomId, int capacity) => FindRoom(roomId).ChangeCapacity(capacity);

    /// <summary>Adds a round; rounds never overlap, so every room has at most one session at a time.</summary>
    public Round AddRound(DateTimeOffset startsAt, TimeSpan? duration = null)
    {
        EnsureSetupOpen();
        var length = Round.CheckDuration(duration ?? Round.DefaultDuration);
        var clash = _rounds.FirstOrDefault(r => r.Overlaps(startsAt, length));
        if (clash is not null)
        {
            throw new RuleViolationException(
                RuleCode.RoundsOverlap,
                $"A round from {LocalTime(startsAt):HH:mm} for {length.TotalMinutes:0} minutes would overlap round {clash.Number} ({LocalTime(clash.StartsAt):HH:mm}–{LocalTime(clash.EndsAt):HH:mm}).",
                LocalTime(startsAt), (int)Math.Round(length.TotalMinutes), clash.Number, LocalTime(clash.StartsAt), LocalTime(clash.EndsAt));
        }

        var round = new Round(Guid.NewGuid(), Id, 0, startsAt, length);
        _rounds.Add(round);
        Renumber();
        return round;
    }

    /// <summary>Moves the event to the next phase. Phases never go back.</summary>
    public void AdvanceTo(EventPhase phase)
    {
        CheckDefined(phase, "phase");
        if (phase <= Phase)
        {
            throw new RuleViolationException(RuleCode.PhaseCannotGoBack, $"The event is already {Phase}; it cannot go back to {phase}.", Phase, phase);
        }

        if (phase > EventPhase.Setup && (_rooms.Count == 0 || _rounds.Count == 0))
        {
            throw new RuleViolationException(RuleCode.NeedsRoomsAndRounds, "Add at least one room and one round before opening the event.");
        }

        Phase = phase;
    }

    /// <summary>The longest retention an organizer can set, in days (ten years).</summary>
    public const int MaxRetentionDays = 3650;

    /// <summary>When the event's personal data is erased (the organizer's retention action); null when not scheduled.</summary>
    public DateTimeOffset? PurgeDueAt { get; private set; }

    /// <summary>When the event's personal data was erased; its anonymized records stay.</summary>
    public DateTimeOffset? PurgedAt { get; private set; }

    /// <summary>
    /// An organizer sets how long the archived event keeps personal data: after <paramref name="days"/> days (0: at
    /// the next check) everything that names or links to a person is erased and the session records stay, anonymized.
    /// Setting it again moves the date; only an archived event, and only once (the erasure cannot be undone).
    /// </summary>
    public void ScheduleRetention(int days, DateTimeOffset now)
    {
        EnsureNotPurged();
        if (Phase != EventPhase.Archived)
        {
            throw new RuleViolationException(RuleCode.RetentionNeedsArchive, "Archive the event first: personal data is erased from an archived event.");
        }

        if (days is < 0 or > MaxRetentionDays)
        {
            throw new InvalidInputException("days", RuleCode.RetentionOutOfRange, $"Keep personal data 0 to {MaxRetentionDays} days.", arguments: [MaxRetentionDays]);
        }

        PurgeDueAt = now.AddDays(days);
    }

    /// <summary>Stops a scheduled erasure (before it ran).</summary>
    public void CancelRetention()
    {
        EnsureNotPurged();
        PurgeDueAt = null;
    }

    /// <summary>Whether the scheduled erasure is due at <paramref name="now"/>.</summary>
    public bool IsPurgeDue(DateTimeOffset now) => PurgedAt is null && PurgeDueAt is { } due && due <= now;

    /// <summary>
    /// The event's side of the erasure: every member but the organizers (who keep running the archive) leaves, and the
    /// records of people removed go. The caller erases the cards, sessions and the rest in the same save.
    /// </summary>
    public void ErasePersonalData(DateTimeOffset now)
    {
        EnsureNotPurged();
        if (Phase != EventPhase.Archived)
        {
            throw new RuleViolationException(RuleCode.RetentionNeedsArchive, "Archive the event first: personal data is erased from an archived event.");
        }

        _members.RemoveAll(m => m.Role != EventRole.Organizer);
        PurgedAt = now;
    }

    private void EnsureNotPurged()
    {
        if (PurgedAt is not null)
        {
            throw new RuleViolationException(RuleCode.PersonalDataAlreadyErased, "This event's personal data was already erased.");
        }
    }

    /// <summary>Adds a person to the event, or raises their role; an existing higher role is kept.</summary>
    public EventMember AddMember(Guid personId, EventRole role, DateTimeOffset now)
    {
        CheckDefined(role, "role");
        var member = FindMember(personId);
        if (member is null)
        {
            member = new EventMember(Id, personId, role, now);
            _members.Add(member);
        }
        else if (role > member.Role)
        {
            member.ChangeRole(role);
        }

        return member;
    }

    /// <summary>Makes a new join code; the old link and QR code stop working.</summary>
    public void RenewJoinCode() => JoinCode = NewCode();

    /// <summary>Makes a new moderator invite code; the old invite link stops working.</summary>
    public void RenewModeratorInvite() => ModeratorInviteCode = NewCode();

    /// <summary>Removes a person from the event (their account was deleted). Their past sessions stay.</summary>
    public void RemoveMember(Guid personId)
    {
        var member = FindMember(personId);
        if (member is null)
        {
            return;
        }

        if (member.Role == EventRole.Organizer && _members.Count(m => m.Role == EventRole.Organizer) == 1)
        {
            throw new RuleViolationException(RuleCode.OnlyOrganizerCannotLeave, $"You are the only organizer of \"{Name}\". Make someone else an organizer first.", Name);
        }

        _members.Remove(member);
    }

    /// <summary>Sets a member's role exactly (organizers use this to promote and demote).</summary>
    public void SetRole(Guid personId, EventRole role)
    {
        CheckDefined(role, "role");
        var member = JoinedMember(personId);
        if (member.Role == EventRole.Organizer && role < EventRole.Organizer &&
            _members.Count(m => m.Role == EventRole.Organizer) == 1)
        {
            throw new RuleViolationException(RuleCode.NeedsAnOrganizer, "An event needs at least one organizer; promote someone else first.");
        }

        member.ChangeRole(role);
    }

    public EventMember? FindMember(Guid personId) => _members.FirstOrDefault(m => m.PersonId == personId);

    private EventMember JoinedMember(Guid personId) =>
        FindMember(personId) ?? throw new RuleViolationException(RuleCode.NotJoined, "That person has not joined this event.");

    /// <summary>
    /// Gives a member a new secret for their personal calendar feed; the old address stops working. The caller makes the
    /// token (a long random string); the event only checks its shape.
    /// </summary>
    public void RenewCalendarToken(Guid personId, string token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length is < 20 or > EventMember.CalendarTokenMaxLength)
        {
            throw new ArgumentException("A calendar token is 20 to 64 characters.", nameof(token));
        }

        var member = JoinedMember(personId);
        member.SetCalendarToken(token);
    }

    /// <summary>A member says whether session records of this event may name them (their own choice, nobody else's).</summary>
    public void SetAgreesToBeNamed(Guid personId, bool agrees)
    {
        var member = JoinedMember(personId);
        member.AgreeToBeNamed(agrees);
    }

    /// <summary>
    /// Checks that a member may post or change cards and offers now: never once the event is archived, and
    /// before the marketplace opens only organizers (who may seed a few cards).
    /// </summary>
    public void EnsureMarketplaceOpenFor(EventMember member)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (Phase == EventPhase.Archived)
        {
            throw new RuleViolationException(RuleCode.EventArchived, CardMessages.EventArchived);
        }

        if (Phase == EventPhase.Setup && !member.Has(EventRole.Organizer))
        {
            throw new RuleViolationException(RuleCode.MarketplaceNotOpen, CardMessages.MarketplaceNotOpen);
        }
    }

    /// <summary>
    /// Places a card in a free slot with a moderator and returns the new session. Enforces: the event accepts
    /// claims; the slot is free; the card is open and not placed elsewhere; the moderator and the card's haver
    /// are in no other session of that round. <paramref name="activeSessions"/> are the event's sessions that
    /// hold a slot (others are ignored); the store's unique indexes settle a race this check cannot see.
    /// </summary>
    public Session ClaimSlot(ProblemCard card, Guid roomId, Guid roundId, Guid moderatorId, IEnumerable<Session> activeSessions, DateTimeOffset now)
    {
        if (ClaimProblems(card, roomId, roundId, moderatorId, activeSessions).FirstOrDefault() is { } problem)
        {
            throw problem;
        }

        var session = new Session(Guid.NewGuid(), Id, card, FindRoom(roomId), FindRound(roundId), moderatorId, now);
        card.PlaceIn(session.Id);
        return session;
    }

    /// <summary>
    /// Every reason <see cref="ClaimSlot"/> would refuse, in the order it checks them, without changing anything:
    /// the preflight a claim form shows before the person commits (an unknown room or round still throws).
    /// </summary>
    public IReadOnlyList<DomainException> ClaimProblems(ProblemCard card, Guid roomId, Guid roundId, Guid moderatorId, IEnumerable<Session> activeSessions)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(activeSessions);
        var room = FindRoom(roomId);
        var round = FindRound(roundId);
        var slot = new SlotName(room.Name, round.Number);
        var board = activeSessions.Where(s => s.IsActive && s.EventId == Id).ToList();
        var problems = new List<DomainException>();

        if (!AcceptsClaims)
        {
            problems.Add(Phase == EventPhase.Archived
                ? new RuleViolationException(RuleCode.ClaimsClosedArchived, "This event is archived; its slots can no longer be claimed.")
                : new RuleViolationException(RuleCode.ClaimsNotOpenYet, "Slots open for claiming when the marketplace opens."));
        }

        if (card.EventId != Id)
        {
            problems.Add(new RuleViolationException(RuleCode.CardOfAnotherEvent, "That card belongs to another event."));
        }

        if (card.Status != CardStatus.Open)
        {
            problems.Add(new RuleViolationException(RuleCode.CardWithdrawnCannotBePlaced, $"\"{card.Title}\" was withdrawn by its author and cannot be placed.", card.Title));
        }

        if (FindMember(moderatorId)?.Has(EventRole.Moderator) != true)
        {
            problems.Add(new RuleViolationException(RuleCode.OnlyModeratorsClaim, "Only moderators and organizers of this event can claim a slot."));
        }

        if (board.Any(s => s.RoomId == roomId && s.RoundId == roundId))
        {
            problems.Add(new SlotTakenException(slot, takenBy: null));
        }

        if (card.SessionId is { } placedId)
        {
            var placed = board.FirstOrDefault(s => s.Id == placedId);
            problems.Add(placed is null
                ? new RuleViolationException(RuleCode.CardAlreadyScheduled, $"\"{card.Title}\" is already placed in a slot.", card.Title)
                : new RuleViolationException(RuleCode.CardAlreadyPlaced, $"\"{card.Title}\" is already placed in {SlotOf(placed)}.", card.Title, SlotOf(placed)));
        }

        problems.AddRange(RoundProblems(card.AuthorId, moderatorId, round, board, movingId: null));
        return problems;
    }

    /// <summary>
    /// Moves a session to another free slot, keeping its seats: the session's capacity becomes the new room's, so
    /// a room with fewer seats than are taken is refused, and a bigger one seats the longest-waiting people (returned).
    /// </summary>
    public IReadOnlyList<Reservation> MoveSession(Session session, Guid roomId, Guid roundId, IEnumerable<Session> activeSessions)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(activeSessions);
        var room = FindRoom(roomId);
        var round = FindRound(roundId);
        var board = activeSessions.Where(s => s.IsActive && s.EventId == Id && s.Id != session.Id).ToList();
        if (!AcceptsClaims)
        {
            throw Phase == EventPhase.Archived
                ? new RuleViolationException(RuleCode.ClaimsClosedArchived, "This event is archived; its slots can no longer be claimed.")
                : new RuleViolationException(RuleCode.ClaimsNotOpenYet, "Slots open for claiming when the marketplace opens.");
        }

        if (!session.IsActive)
        {
            throw new RuleViolationException(RuleCode.AlreadyReleased, "This session has already given its slot back.");
        }

        if (board.Any(s => s.RoomId == roomId && s.RoundId == roundId) || (session.RoomId == roomId && session.RoundId == roundId))
        {
            throw new SlotTakenException(new SlotName(room.Name, round.Number), takenBy: null);
        }

        if (RoundProblems(session.HaverId, session.ModeratorId, round, board, session.Id).FirstOrDefault() is { } busy)
        {
            throw busy;
        }

        if (room.Capacity < session.SeatsTaken)
        {
            throw new RuleViolationException(RuleCode.RoomTooSmallForSeats,
                $"{room.Name} has {room.Capacity} seats, but {session.SeatsTaken} people already hold a seat in this session.",
                room.Name, room.Capacity, session.SeatsTaken);
        }

        return session.MoveTo(room, round);
    }

    /// <summary>
    /// The free slots (round by round, in room order) where a session of <paramref name="haverId"/>'s card moderated by
    /// <paramref name="moderatorId"/> could go: no session there, and neither person busy in that round (in a session
    /// other than <paramref name="movingId"/>, the one being moved). What a lost claim or a grid change offers instead.
    /// </summary>
    public IEnumerable<(Room Room, Round Round)> FreeSlotsFor(Guid haverId, Guid moderatorId, IEnumerable<Session> activeSessions, Guid? movingId = null)
    {
        ArgumentNullException.ThrowIfNull(activeSessions);
        var board = activeSessions.Where(s => s.IsActive && s.EventId == Id && s.Id != movingId).ToList();
        var people = new[] { haverId, moderatorId };
        var busyRounds = board.Where(s => people.Contains(s.ModeratorId) || people.Contains(s.HaverId)).Select(s => s.RoundId).ToHashSet();
        var taken = board.Select(s => (s.RoomId, s.RoundId)).ToHashSet();
        return from round in Rounds
               where !busyRounds.Contains(round.Id)
               from room in Rooms
               where !taken.Contains((room.Id, round.Id))
               select (room, round);
    }

    // One session per moderator and per haver in a round (either role counts as being busy).
    private IEnumerable<DomainException> RoundProblems(Guid haverId, Guid moderatorId, Round round, List<Session> board, Guid? movingId)
    {
        var sameRound = board.Where(s => s.RoundId == round.Id && s.Id != movingId).ToList();
        if (sameRound.FirstOrDefault(s => s.ModeratorId == moderatorId || s.HaverId == moderatorId) is { } busy)
        {
            yield return new RuleViolationException(RuleCode.ModeratorBusy, $"The moderator is already in {SlotOf(busy)} in round {round.Number}.", SlotOf(busy), round.Number);
        }

        if (sameRound.FirstOrDefault(s => s.HaverId == haverId || s.ModeratorId == haverId) is { } haverBusy)
        {
            yield return new RuleViolationException(RuleCode.AuthorBusy, $"The card's author is already in {SlotOf(haverBusy)} in round {round.Number}; pick another round.", SlotOf(haverBusy), round.Number);
        }
    }

    /// <summary>The English label, such as "Room 3 · Round 2", for logs and tests.</summary>
    public string SlotLabel(Session session) => SlotOf(session).ToString();

    /// <summary>The English label, such as "Room 3 · Round 2", for a slot of this event.</summary>
    public string SlotLabel(Guid roomId, Guid roundId) => SlotOf(roomId, roundId).ToString();

    /// <summary>The session's slot by room name and round number, for messages in any language.</summary>
    public SlotName SlotOf(Session session) => SlotOf(session.RoomId, session.RoundId);

    /// <summary>A slot of this event by room name and round number, for messages in any language.</summary>
    public SlotName SlotOf(Guid roomId, Guid roundId) => new(FindRoom(roomId).Name, FindRound(roundId).Number);

    public Room FindRoom(Guid roomId) =>
        _rooms.FirstOrDefault(r => r.Id == roomId) ?? throw new RuleViolationException(RuleCode.NoSuchRoom, "That room is not part of this event.");

    public Round FindRound(Guid roundId) =>
        _rounds.FirstOrDefault(r => r.Id == roundId) ?? throw new RuleViolationException(RuleCode.NoSuchRound, "That round is not part of this event.");

    private TimeOnly LocalTime(DateTimeOffset instant) => TimeOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    private static void CheckDefined<TEnum>(TEnum value, string field)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            throw new InvalidInputException(field, RuleCode.InputUnknownValue, $"\"{value}\" is not a known {field}.", arguments: [value.ToString()]);
        }
    }

    private static string CheckSlug(string slug)
    {
        var value = slug?.Trim() ?? string.Empty;
        return SlugPattern().IsMatch(value)
            ? value
            : throw new InvalidInputException("slug", RuleCode.SlugShape, "A slug is 3–60 lowercase letters, digits and hyphens, starting with a letter or digit.");
    }

    private static string CheckTimeZone(string timeZoneId)
    {
        var value = string.IsNullOrWhiteSpace(timeZoneId) ? DefaultTimeZoneId : timeZoneId.Trim();
        try
        {
            var zone = TimeZoneInfo.FindSystemTimeZoneById(value);
            return zone.HasIanaId ? value : TimeZoneInfo.TryConvertWindowsIdToIanaId(value, out var iana) ? iana : value;
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or System.Security.SecurityException or ArgumentException or IOException)
        {
            // Linux reads zones from files: a folder name such as "Asia" fails with something other than "not found".
            throw new InvalidInputException("time zone", RuleCode.UnknownTimeZone, $"\"{value}\" is not a known IANA time zone (for example Asia/Seoul).", arguments: [value]);
        }
    }

    /// <summary>A 12-character code from 62 symbols (about 71 bits): unguessable, short enough for a QR code.</summary>
    private static string NewCode() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 12);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,59}$")]
    private static partial Regex SlugPattern();
}
