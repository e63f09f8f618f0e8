using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>
/// Setting the event up and changing it later: its details and time zone, the generative-conference template, rooms
/// and rounds, and the wall. A change of the grid that touches placed sessions never breaks them: the event names
/// them (<see cref="SessionsAffectedBy"/>), and the organizer settles each one (move it or release it) in the same
/// change (<see cref="ChangeGrid"/>).
/// </summary>
public sealed partial class Event
{
    /// <summary>The longest venue text.</summary>
    public const int VenueMaxLength = 200;

    /// <summary>The rooms of the generative-conference template: one hall and six rooms.</summary>
    public static readonly IReadOnlyList<(string Name, int Capacity)> TemplateRooms =
        [("Hall", 35), ("Room 1", 18), ("Room 2", 18), ("Room 3", 18), ("Room 4", 18), ("Room 5", 18), ("Room 6", 18)];

    /// <summary>The rounds of the generative-conference template: 45 minutes at 19:00, 20:00 and 21:00 local time.</summary>
    public static readonly IReadOnlyList<TimeOnly> TemplateRoundStarts = [new(19, 0), new(20, 0), new(21, 0)];

    /// <summary>Whether anyone may open the projector wall without signing in (otherwise only with <see cref="WallCode"/>).</summary>
    public bool IsWallPublic { get; private set; }

    /// <summary>The secret in the wall link (/events/{slug}/wall/{code}) for a projector that is not signed in.</summary>
    public string WallCode { get; private set; } = NewCode();

    /// <summary>Changes the name and the venue.</summary>
    public void ChangeDetails(string name, string venue)
    {
        var checkedName = Guard.RequiredText(name, "name", NameMaxLength);
        var checkedVenue = Guard.OptionalText(venue, "venue", VenueMaxLength);
        Name = checkedName;
        Venue = checkedVenue;
    }

    /// <summary>
    /// Moves the event to another time zone. The rounds keep their clock times (19:00 stays 19:00 on the same date):
    /// an organizer who picked the wrong zone means the times they typed.
    /// </summary>
    public void ChangeTimeZone(string timeZoneId)
    {
        EnsureSetupOpen();
        var zone = CheckTimeZone(timeZoneId);
        if (zone == TimeZoneId)
        {
            return;
        }

        var clockTimes = _rounds.Select(r => (Round: r, Local: TimeZoneInfo.ConvertTime(r.StartsAt, TimeZone).DateTime)).ToList();
        var old = TimeZoneId;
        TimeZoneId = zone;
        try
        {
            var moved = clockTimes.Select(x => (x.Round, StartsAt: AtLocal(DateOnly.FromDateTime(x.Local), TimeOnly.FromDateTime(x.Local)))).ToList();
            foreach (var (round, startsAt) in moved)
            {
                round.Reschedule(startsAt, round.Duration);
            }
        }
        catch
        {
            TimeZoneId = old;
            throw;
        }
    }

    /// <summary>
    /// The instant of a local date and clock time in the event's time zone. A time the clocks skip (a daylight-saving
    /// gap) is refused; a time that happens twice is the first one.
    /// </summary>
    public DateTimeOffset AtLocal(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        var zone = TimeZone;
        if (zone.IsInvalidTime(local))
        {
            throw new RuleViolationException(RuleCode.LocalTimeSkipped, $"{date:yyyy-MM-dd} {time:HH:mm} does not exist in {TimeZoneId} (the clocks skip it).", date, time, TimeZoneId);
        }

        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// Starts an empty event from the generative-conference template on <paramref name="date"/>: one 35-seat hall and
    /// six rooms, and three 45-minute rounds at 19:00, 20:00 and 21:00 local time.
    /// </summary>
    public void ApplyGenerativeConferenceTemplate(DateOnly date)
    {
        if (_rooms.Count > 0 || _rounds.Count > 0)
        {
            throw new RuleViolationException(RuleCode.TemplateNeedsEmptyEvent, "The template sets up an empty event; this one already has rooms or rounds.");
        }

        foreach (var (name, capacity) in TemplateRooms)
        {
            AddRoom(name, capacity);
        }

        foreach (var start in TemplateRoundStarts)
        {
            AddRound(AtLocal(date, start), Round.DefaultDuration);
        }
    }

    /// <summary>Renames a room; names are unique within the event.</summary>
    public void RenameRoom(Guid roomId, string name)
    {
        EnsureSetupOpen();
        var room = FindRoom(roomId);
        var trimmed = name?.Trim() ?? string.Empty;
        if (_rooms.Any(r => r.Id != roomId && string.Equals(r.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RuleViolationException(RuleCode.RoomNameTaken, $"There is already a room called \"{trimmed}\".", trimmed);
        }

        room.Rename(name!);
    }

    /// <summary>
    /// Moves a round to another start or length. Rounds never overlap; the numbers follow the new time order; sessions
    /// in the round move with it, and a timer not yet started gets the new length.
    /// </summary>
    public void ChangeRound(Guid roundId, DateTimeOffset startsAt, TimeSpan duration, IEnumerable<Session> activeSessions)
    {
        ArgumentNullException.ThrowIfNull(activeSessions);
        EnsureSetupOpen();
        var round = FindRound(roundId);
        var length = Round.CheckDuration(duration);
        var clash = _rounds.FirstOrDefault(r => r.Id != roundId && r.Overlaps(startsAt, length));
        if (clash is not null)
        {
            throw new RuleViolationException(
                RuleCode.RoundsOverlap,
                $"A round from {LocalTime(startsAt):HH:mm} for {length.TotalMinutes:0} minutes would overlap round {clash.Number} ({LocalTime(clash.StartsAt):HH:mm}–{LocalTime(clash.EndsAt):HH:mm}).",
                LocalTime(startsAt), (int)Math.Round(length.TotalMinutes), clash.Number, LocalTime(clash.StartsAt), LocalTime(clash.EndsAt));
        }

        round.Reschedule(startsAt, length);
        Renumber();
        foreach (var session in activeSessions.Where(s => s.IsActive && s.RoundId == roundId))
        {
            session.Timer.Replan(length);
        }
    }

    /// <summary>The active sessions a change of the grid would break: each must be moved or released with it.</summary>
    public IReadOnlyList<Session> SessionsAffectedBy(GridChange change, IEnumerable<Session> activeSessions)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(activeSessions);
        var board = activeSessions.Where(s => s.IsActive && s.EventId == Id);
        return change switch
        {
            RemoveRoom remove => [.. board.Where(s => s.RoomId == FindRoom(remove.RoomId).Id)],
            ResizeRoom resize => [.. board.Where(s => s.RoomId == FindRoom(resize.RoomId).Id && s.SeatsTaken > Room.CheckCapacity(resize.Capacity))],
            RemoveRound remove => [.. board.Where(s => s.RoundId == FindRound(remove.RoundId).Id)],
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Unknown grid change."),
        };
    }

    /// <summary>
    /// Removes a room or a round, or changes a room's seats, settling every session it touches as the organizer chose:
    /// moved to a free slot (seats kept) or released (its card goes back to the marketplace). A touched session without
    /// a choice refuses the whole change, and nothing changes. A bigger room gives its sessions the extra seats (the
    /// longest-waiting people get them); those people are returned with the moved and released sessions.
    /// </summary>
    public GridChangeOutcome ChangeGrid(
        GridChange change,
        IReadOnlyCollection<SessionResolution> resolutions,
        IReadOnlyList<Session> activeSessions,
        IReadOnlyDictionary<Guid, ProblemCard> cards,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(resolutions);
        ArgumentNullException.ThrowIfNull(cards);
        EnsureSetupOpen();
        var affected = SessionsAffectedBy(change, activeSessions);
        var chosen = resolutions.GroupBy(r => r.SessionId).ToDictionary(g => g.Key, g => g.Last());
        var unresolved = affected.Where(s => !chosen.ContainsKey(s.Id)).ToList();
        if (unresolved.Count > 0)
        {
            var slots = string.Join(", ", unresolved.Select(s => SlotOf(s).ToString()));
            throw new RuleViolationException(RuleCode.GridChangeUnresolved,
                $"{unresolved.Count} session(s) are in the way ({slots}): move or release each one with this change.", unresolved.Count, slots);
        }

        if (change is RemoveRoom or RemoveRound && (change is RemoveRoom ? _rooms.Count : _rounds.Count) == 1 && Phase > EventPhase.Setup)
        {
            throw new RuleViolationException(RuleCode.NeedsRoomsAndRounds, "An open event needs at least one room and one round.");
        }

        var moved = new List<Session>();
        var released = new List<Session>();
        var promoted = new List<Reservation>();
        foreach (var session in affected)
        {
            var resolution = chosen[session.Id];
            if (resolution.RoomId is not { } roomId || resolution.RoundId is not { } roundId)
            {
                session.Release(cards.TryGetValue(session.CardId, out var card) ? card : throw new ArgumentException("The session's card was not loaded.", nameof(cards)), now);
                released.Add(session);
                continue;
            }

            if (change.Touches(roomId, roundId))
            {
                throw new RuleViolationException(RuleCode.MoveIntoChangedSlot, $"{SlotLabel(roomId, roundId)} is part of this change; pick another slot.", SlotOf(roomId, roundId));
            }

            promoted.AddRange(MoveSession(session, roomId, roundId, activeSessions));
            moved.Add(session);
        }

        switch (change)
        {
            case RemoveRoom remove:
                _rooms.Remove(FindRoom(remove.RoomId));
                break;
            case ResizeRoom resize:
                FindRoom(resize.RoomId).ChangeCapacity(resize.Capacity);
                foreach (var session in activeSessions.Where(s => s.IsActive && s.RoomId == resize.RoomId))
                {
                    promoted.AddRange(session.ChangeCapacity(resize.Capacity));
                }

                break;
            case RemoveRound remove:
                _rounds.Remove(FindRound(remove.RoundId));
                Renumber();
                break;
        }

        return new GridChangeOutcome(moved, released, promoted);
    }

    /// <summary>Opens the wall to anyone with its address, or back to the secret link only.</summary>
    public void SetWallPublic(bool isPublic) => IsWallPublic = isPublic;

    /// <summary>Makes a new wall link; the old one stops working (a projector showing it needs the new one).</summary>
    public void RenewWallCode() => WallCode = NewCode();

    /// <summary>Whether <paramref name="code"/> opens the wall: any code when the wall is public, else only the current one.</summary>
    public bool OpensWall(string? code) =>
        IsWallPublic || (code is { Length: > 0 } && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(code), System.Text.Encoding.UTF8.GetBytes(WallCode)));

    // An archived event is a record: its grid no longer changes.
    private void EnsureSetupOpen()
    {
        if (Phase == EventPhase.Archived)
        {
            throw new RuleViolationException(RuleCode.ArchivedGridFixed, "This event is archived: its rooms and rounds no longer change.");
        }
    }

    private void Renumber()
    {
        var number = 1;
        foreach (var r in _rounds.OrderBy(r => r.StartsAt))
        {
            r.Renumber(number++);
        }
    }
}

/// <summary>A change of the event's grid that can touch sessions already placed.</summary>
public abstract record GridChange
{
    /// <summary>Whether the slot is part of what changes (a session cannot be moved there to get out of the way).</summary>
    internal abstract bool Touches(Guid roomId, Guid roundId);
}

/// <summary>Take a room out of the event.</summary>
public sealed record RemoveRoom(Guid RoomId) : GridChange
{
    internal override bool Touches(Guid roomId, Guid roundId) => roomId == RoomId;
}

/// <summary>Give a room another number of seats.</summary>
public sealed record ResizeRoom(Guid RoomId, int Capacity) : GridChange
{
    internal override bool Touches(Guid roomId, Guid roundId) => roomId == RoomId;
}

/// <summary>Take a round out of the event.</summary>
public sealed record RemoveRound(Guid RoundId) : GridChange
{
    internal override bool Touches(Guid roomId, Guid roundId) => roundId == RoundId;
}

/// <summary>How the organizer settles one session a grid change touches: moved to a free slot, or released.</summary>
public sealed record SessionResolution(Guid SessionId, Guid? RoomId, Guid? RoundId)
{
    public bool Releases => RoomId is null || RoundId is null;

    public static SessionResolution Release(Guid sessionId) => new(sessionId, null, null);

    public static SessionResolution MoveTo(Guid sessionId, Guid roomId, Guid roundId) => new(sessionId, roomId, roundId);
}

/// <summary>What a grid change did to sessions: moved, released, and who got a seat from the waitlist.</summary>
public sealed record GridChangeOutcome(IReadOnlyList<Session> Moved, IReadOnlyList<Session> Released, IReadOnlyList<Reservation> Promoted);
