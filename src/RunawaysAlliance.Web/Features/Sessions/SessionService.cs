using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// Placing cards in slots, moving sessions and giving slots back, through the event gate (which authorizes on the
/// server). A claim can be checked first (every conflict in words); a slot lost to someone else names the winner and
/// offers the nearest free slots (ADR 0014). The haver and the core solvers get their seats at the claim.
/// </summary>
public sealed class SessionService(
    EventGate gate,
    IDbContextFactory<AppDbContext> factory,
    ILogger<SessionService> logger)
{
    /// <summary>How many free slots a lost claim offers.</summary>
    public const int AlternativeCount = 3;

    private static readonly RuleMessage OnlyModerators =
        new(RuleCode.OnlyModeratorsClaim, "Only moderators and organizers of this event can claim a slot.");

    private static readonly RuleMessage OnlyForYourself =
        new(RuleCode.ClaimOnlyForYourself, "Moderators claim slots for themselves; an organizer can claim one for another moderator.");

    private static readonly RuleMessage OnlyTheSessionsModerator =
        new(RuleCode.OnlySessionModeratorReleases, "Only the session's moderator or an organizer can give the slot back.");

    private static readonly RuleMessage OnlyTheModeratorMoves =
        new(RuleCode.OnlySessionModeratorMoves, "Only the session's moderator or an organizer can move the session.");

    // Roles are stored by name, so "at least a moderator" is asked as a list.
    private static readonly EventRole[] ClaimingRoles = [.. Enum.GetValues<EventRole>().Where(r => r >= EventRole.Moderator)];

    private static readonly RuleMessage NoSuchSession = new(RuleCode.NoSuchSession, "That session does not exist.");

    private static readonly RuleMessage NotOnBoard = new(RuleCode.CardNotOnBoard, "That card is not on this event's board.");

    /// <summary>
    /// What a claim would run into, without making it: every refusal (in the domain's order) and the warnings
    /// (a room with fewer seats than people who offered). <paramref name="moderatorId"/> is the caller unless an
    /// organizer claims for someone else.
    /// </summary>
    public async Task<ClaimCheck> CheckClaimAsync(Guid callerId, Guid eventId, Guid cardId, Guid roomId, Guid roundId, Guid? moderatorId = null, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await EventLoads.WithGrid(db.Events.AsNoTracking()).FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (evt is null)
        {
            return ClaimCheck.Refused(EventGate.NoSuchEvent);
        }

        var caller = evt.FindMember(callerId);
        if (caller is null || !caller.Has(EventRole.Moderator))
        {
            return ClaimCheck.Refused(OnlyModerators);
        }

        if (moderatorId is { } other && other != callerId && !caller.Has(EventRole.Organizer))
        {
            return ClaimCheck.Refused(OnlyForYourself);
        }

        var card = await db.Cards.AsNoTracking().Include(c => c.Offers).FirstOrDefaultAsync(c => c.Id == cardId && c.EventId == eventId, ct);
        if (card is null)
        {
            return ClaimCheck.Refused(NotOnBoard);
        }

        var board = await db.ActiveSessionsOf(eventId).AsNoTracking().ToListAsync(ct);
        try
        {
            var refusals = new List<RuleMessage>();
            foreach (var problem in evt.ClaimProblems(card, roomId, roundId, moderatorId ?? callerId, board))
            {
                refusals.Add(problem is SlotTakenException taken
                    ? new SlotTakenException(taken.Slot, await WinnerAsync(roomId, roundId, ct)).ToRuleMessage()
                    : problem.ToRuleMessage());
            }

            var room = evt.FindRoom(roomId);
            var warnings = new List<RuleMessage>();
            if (card.Offers.Count > room.Capacity)
            {
                warnings.Add(new RuleMessage(RuleCode.RoomSmallerThanOffers,
                    $"{room.Name} has {room.Capacity} seats, but {card.Offers.Count} people offered help on this card.",
                    room.Name, room.Capacity, card.Offers.Count));
            }

            return new ClaimCheck(refusals, warnings);
        }
        catch (DomainException ex)
        {
            // An unknown room or round.
            return ClaimCheck.Refused(ex.ToRuleMessage());
        }
    }

    /// <summary>
    /// A moderator (for themselves) or an organizer (for any moderator) claims a free slot for a card. On success
    /// <see cref="ServiceResult.CreatedId"/> is the new session; a lost slot names its winner and carries
    /// <see cref="ServiceResult.Alternatives"/>.
    /// </summary>
    public async Task<ServiceResult> ClaimSlotAsync(Guid callerId, Guid eventId, Guid cardId, Guid roomId, Guid roundId, Guid? moderatorId = null, CancellationToken ct = default)
    {
        var moderator = moderatorId ?? callerId;
        // In a rush (the marketplace opens, every moderator reaches for a slot) most claims find their slot taken. They
        // are answered from one small read, the same answer the full claim would give, without loading the event.
        if (moderator == callerId)
        {
            var answered = await StoreFailures.GuardAsync<ServiceResult?>(logger, "a claim", callerId, async () =>
                await TakenSlotAsync(callerId, eventId, cardId, roomId, roundId, ct) is { } taken
                    ? ServiceResult.Rejected(new SlotTakenException(taken.Slot, taken.Winner))
                        with { Alternatives = await AlternativesAsync(eventId, cardId, roomId, roundId, moderator, ct) }
                    : null,
                unavailable => unavailable);
            if (answered is not null)
            {
                return answered;
            }
        }

        // The grid and only the members the claim looks at (the caller and the moderator): an event has hundreds.
        var request = new EventRequest(callerId, eventId, EventRole.Moderator, OnlyModerators) { Include = EventLoads.WithGridFor([callerId, moderator]) };
        var result = await gate.RunAsync(request, async access =>
        {
            if (moderator != callerId && !access.Caller.Has(EventRole.Organizer))
            {
                return ServiceResult.Forbidden(OnlyForYourself);
            }

            var card = await access.Db.Cards.Include(c => c.Offers).FirstOrDefaultAsync(c => c.Id == cardId && c.EventId == eventId, ct);
            if (card is null)
            {
                return ServiceResult.NotFound(NotOnBoard);
            }

            var board = await access.Db.ActiveSessionsOf(eventId).ToListAsync(ct);
            var session = access.Event.ClaimSlot(card, roomId, roundId, moderator, board, access.Now);
            // The haver and the core solvers hold seats (issue 10); more core solvers than seats wait in line. A seat
            // any of them, or the moderator, held elsewhere in this round is given up: one seat per round.
            var seated = card.Offers.Where(o => o.IsCoreSolver && o.SolverId != moderator && o.SolverId != card.AuthorId)
                .OrderBy(o => o.CreatedAt).Select(o => o.SolverId).Prepend(card.AuthorId).ToList();
            await SeatService.LeaveOtherSessionsOfRoundAsync(access, session, [.. seated.Append(moderator)], ct);

            foreach (var person in seated)
            {
                session.ReserveSeat(person, access.Now);
            }

            access.Db.Sessions.Add(session);
            access.Announce(ChangeKind.Session, session.Id);
            return ServiceResult.Created(session.Id);
        }, ct);

        if (result.Succeeded)
        {
            logger.LogInformation("Slot {RoomId}/{RoundId} of event {EventId} claimed by {PersonId} for {ModeratorId}", roomId, roundId, eventId, callerId, moderator);
            return result;
        }

        // Name the winner, as people at the venue know each other by name: "Room 3 · Round 2 was just claimed by Mina",
        // and offer the nearest free slots.
        return result.Code == RuleCode.SlotTaken && result.Arguments is [SlotName slot, ..]
            ? await StoreFailures.GuardAsync(logger, "a claim", callerId, async () =>
                ServiceResult.Rejected(new SlotTakenException(slot, await WinnerAsync(roomId, roundId, ct)))
                    with { Alternatives = await AlternativesAsync(eventId, cardId, roomId, roundId, moderator, ct) })
            : result;
    }

    /// <summary>The session's moderator or an organizer moves it to another free slot; its seats go with it.</summary>
    public async Task<ServiceResult> MoveAsync(Guid callerId, Guid eventId, Guid sessionId, Guid roomId, Guid roundId, CancellationToken ct = default)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Moderator, OnlyTheModeratorMoves) { Include = EventLoads.WithGrid, Attempts = 2 };
        var result = await gate.RunAsync(request, async access =>
        {
            var session = await access.Db.Sessions.Include(s => s.Seats).Include(s => s.Reservations).Include(s => s.Timer)
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            if (!SessionPeople.CanRun(access.Caller, session))
            {
                return ServiceResult.Forbidden(OnlyTheModeratorMoves);
            }

            var board = await access.Db.ActiveSessionsOf(eventId).ToListAsync(ct);
            access.Event.MoveSession(session, roomId, roundId, board);
            access.Announce(ChangeKind.Session, sessionId);
            return ServiceResult.Ok;
        }, ct);

        return result.Code == RuleCode.SlotTaken && result.Arguments is [SlotName slot, ..]
            ? ServiceResult.Rejected(new SlotTakenException(slot, await WinnerAsync(roomId, roundId, ct)))
            : result;
    }

    /// <summary>The session's moderator or an organizer gives the slot back.</summary>
    public Task<ServiceResult> ReleaseAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        gate.RunAsync(new EventRequest(callerId, eventId, EventRole.Moderator, OnlyTheSessionsModerator), async access =>
        {
            var session = await access.Db.Sessions.Include(s => s.Seats).FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
            var card = session is null ? null : await access.Db.Cards.FirstOrDefaultAsync(c => c.Id == session.CardId, ct);
            if (session is null || card is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            if (!SessionPeople.CanRun(access.Caller, session))
            {
                return ServiceResult.Forbidden(OnlyTheSessionsModerator);
            }

            session.Release(card, access.Now);
            access.Announce(ChangeKind.Session, sessionId);
            return ServiceResult.Ok;
        }, ct);


    /// <summary>
    /// The slot and its winner when a moderator's own claim would be refused because the slot is taken, and for no
    /// other reason first: the event takes claims, the caller moderates it, the card is open on its board. Null
    /// whenever the full claim has to decide (including every other refusal, which it words itself).
    /// </summary>
    private async Task<(SlotName Slot, string? Winner)?> TakenSlotAsync(Guid callerId, Guid eventId, Guid cardId, Guid roomId, Guid roundId, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var taken = await (
            from s in db.ActiveSessionsOf(eventId).AsNoTracking()
            where s.RoomId == roomId && s.RoundId == roundId
            from e in db.Events
            where e.Id == eventId && (e.Phase == EventPhase.Marketplace || e.Phase == EventPhase.Live)
                && e.Members.Any(m => m.PersonId == callerId && ClaimingRoles.Contains(m.Role))
            from room in e.Rooms
            where room.Id == roomId
            from round in e.Rounds
            where round.Id == roundId
            where db.Cards.Any(c => c.Id == cardId && c.EventId == eventId && c.Status == CardStatus.Open && c.SessionId == null)
            join p in db.People on s.ModeratorId equals p.Id into moderators
            from p in moderators.DefaultIfEmpty()
            select new { RoomName = room.Name, RoundNumber = round.Number, Winner = p == null ? null : p.DisplayName })
            .FirstOrDefaultAsync(ct);
        return taken is null ? null : (new SlotName(taken.RoomName, taken.RoundNumber), taken.Winner);
    }

    private async Task<string?> WinnerAsync(Guid roomId, Guid roundId, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        return await db.Sessions.AsNoTracking()
            .Where(s => s.RoomId == roomId && s.RoundId == roundId && s.Status == SessionStatus.Active)
            .Join(db.People, s => s.ModeratorId, p => p.Id, (s, p) => p.DisplayName)
            .FirstOrDefaultAsync(ct);
    }

    // The nearest free slots the same claim could take: the lost round first (in room order), then the rounds
    // closest to it, skipping rounds where the haver or the moderator is already busy.
    private async Task<IReadOnlyList<FreeSlot>> AlternativesAsync(Guid eventId, Guid cardId, Guid lostRoomId, Guid lostRoundId, Guid moderatorId, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Rooms).Include(e => e.Rounds).AsSplitQuery().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        var haver = await db.Cards.AsNoTracking().Where(c => c.Id == cardId).Select(c => (Guid?)c.AuthorId).FirstOrDefaultAsync(ct);
        if (evt is null || haver is null || evt.Rounds.FirstOrDefault(r => r.Id == lostRoundId) is not { } lost)
        {
            return [];
        }

        var board = await db.ActiveSessionsOf(eventId).AsNoTracking().ToListAsync(ct);
        return [.. evt.FreeSlotsFor(haver.Value, moderatorId, board)
            .Where(slot => !(slot.Room.Id == lostRoomId && slot.Round.Id == lostRoundId))
            .OrderBy(slot => Math.Abs(slot.Round.Number - lost.Number)).ThenBy(slot => slot.Round.Number).ThenBy(slot => slot.Room.SortOrder)
            .Select(slot => new FreeSlot(slot.Room.Id, slot.Round.Id, new SlotName(slot.Room.Name, slot.Round.Number), slot.Room.Capacity))
            .Take(AlternativeCount)];
    }
}

/// <summary>A claim's preflight: what would refuse it and what it should know.</summary>
public sealed record ClaimCheck(IReadOnlyList<RuleMessage> Refusals, IReadOnlyList<RuleMessage> Warnings)
{
    public bool CanClaim => Refusals.Count == 0;

    public static ClaimCheck Refused(RuleMessage refusal) => new([refusal], []);
}
