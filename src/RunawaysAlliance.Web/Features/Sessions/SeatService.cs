using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// Seats and waitlists: any member of the event reserves a seat in a session, up to its capacity, or joins its
/// waitlist, which moves up first come, first served when a seat frees up. One seat per round: a second session of
/// the same round is refused with the first one named, and <see cref="SwitchSeatAsync"/> moves the seat in one save.
/// The session's seat row settles two people on the last seat: the loser is read again and waitlisted (ADR 0014).
/// </summary>
public sealed class SeatService(EventGate gate, ILogger<SeatService> logger)
{
    // Enough for a hall's worth of people tapping "reserve" in the same second; each attempt re-reads the seats.
    private const int Attempts = 12;

    private static readonly RuleMessage MembersOnly = new(RuleCode.NotAMember, "You are not a member of this event.");

    private static readonly RuleMessage NoSuchSession = new(RuleCode.NoSuchSession, "That session does not exist.");

    /// <summary>A seat, or a waitlist place when the session is full; <see cref="ServiceResult.Seat"/> says which.</summary>
    public Task<ServiceResult> ReserveSeatAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, async access =>
        {
            var session = await LoadAsync(access, eventId, sessionId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            if (await SeatInRoundAsync(access, session, callerId, ct) is { } other)
            {
                return ServiceResult.Rejected(new RuleMessage(RuleCode.SeatInSameRound,
                    $"You already have a seat in \"{other}\" in this round.", other));
            }

            var reservation = session.ReserveSeat(callerId, access.Now);
            access.Announce(ChangeKind.Seat, sessionId);
            return ServiceResult.Ok with { Seat = Where(session, reservation, promoted: null) };
        }, ct);

    /// <summary>Gives a seat or waitlist place back; a freed seat goes to whoever has waited longest.</summary>
    public Task<ServiceResult> CancelSeatAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, async access =>
        {
            var session = await LoadAsync(access, eventId, sessionId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            var promoted = session.CancelSeat(callerId);
            access.Announce(ChangeKind.Seat, sessionId);
            return ServiceResult.Ok with { Seat = new SeatChange(sessionId, SeatState.None, null, promoted?.PersonId) };
        }, ct);

    /// <summary>Moves the caller's seat from one session to another of the same round in one save.</summary>
    public Task<ServiceResult> SwitchSeatAsync(Guid callerId, Guid eventId, Guid fromSessionId, Guid toSessionId, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, async access =>
        {
            var from = await LoadAsync(access, eventId, fromSessionId, ct);
            var to = await LoadAsync(access, eventId, toSessionId, ct);
            if (from is null || to is null || from.Id == to.Id)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            if (from.Reservations.All(r => r.PersonId != callerId))
            {
                return ServiceResult.Rejected(new RuleMessage(RuleCode.NoSeatToSwitch, "You have no seat in that session to switch from."));
            }

            var promoted = from.CancelSeat(callerId);
            if (await SeatInRoundAsync(access, to, callerId, ct, except: from.Id) is { } other)
            {
                return ServiceResult.Rejected(new RuleMessage(RuleCode.SeatInSameRound,
                    $"You already have a seat in \"{other}\" in this round.", other));
            }

            var reservation = to.ReserveSeat(callerId, access.Now);
            access.Announce(ChangeKind.Seat, toSessionId);
            return ServiceResult.Ok with { Seat = Where(to, reservation, promoted?.PersonId) };
        }, ct);

    private async Task<ServiceResult> RunAsync(Guid callerId, Guid eventId, Func<EventAccess, Task<ServiceResult>> act, CancellationToken ct)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Attendee, MembersOnly) { Attempts = Attempts };
        var result = await gate.RunAsync(request, async access =>
        {
            if (access.Event.Phase == EventPhase.Archived)
            {
                return ServiceResult.Rejected(new RuleMessage(RuleCode.EventArchived, CardMessages.EventArchived));
            }

            return await act(access);
        }, ct);
        if (result.Seat is { PromotedPersonId: { } promoted } seat)
        {
            logger.LogInformation("Person {PersonId} moved up from the waitlist of session {SessionId}", promoted, seat.SessionId);
        }

        return result;
    }

    private static Task<Session?> LoadAsync(EventAccess access, Guid eventId, Guid sessionId, CancellationToken ct) =>
        access.Db.Sessions.Include(s => s.Seats).Include(s => s.Reservations)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);

    // The title of another active session of the same round where the person holds a seat or a waitlist place.
    /// <summary>
    /// Gives up the seats or waitlist places <paramref name="personId"/> holds in other sessions of
    /// <paramref name="session"/>'s round (each freed seat goes to whoever waited longest there), so that a person the
    /// app seats by their part (the haver, a core solver) or who moderates the session still holds one seat per round.
    /// </summary>
    internal static Task LeaveOtherSessionsOfRoundAsync(EventAccess access, Session session, Guid personId, CancellationToken ct) =>
        LeaveOtherSessionsOfRoundAsync(access, session, [personId], ct);

    /// <summary>Each of <paramref name="people"/> gives up a seat they hold elsewhere in the session's round (one read for all).</summary>
    internal static async Task LeaveOtherSessionsOfRoundAsync(EventAccess access, Session session, IReadOnlyCollection<Guid> people, CancellationToken ct)
    {
        var others = await access.Db.Sessions.Include(s => s.Seats).Include(s => s.Reservations)
            .AsSplitQuery()
            .Where(s => s.EventId == session.EventId && s.RoundId == session.RoundId && s.Id != session.Id
                && s.Status == SessionStatus.Active && s.Reservations.Any(r => people.Contains(r.PersonId)))
            .ToListAsync(ct);
        foreach (var other in others)
        {
            foreach (var person in people.Where(p => other.Reservations.Any(r => r.PersonId == p)).ToList())
            {
                other.CancelSeat(person);
            }

            access.Announce(ChangeKind.Seat, other.Id);
        }
    }

    private static Task<string?> SeatInRoundAsync(EventAccess access, Session session, Guid personId, CancellationToken ct, Guid? except = null) =>
        (from s in access.Db.Sessions
         where s.EventId == session.EventId && s.RoundId == session.RoundId && s.Id != session.Id && s.Id != except
               && s.Status == SessionStatus.Active && s.Reservations.Any(r => r.PersonId == personId)
         join c in access.Db.Cards on s.CardId equals c.Id
         select c.Title).FirstOrDefaultAsync(ct);

    private static SeatChange Where(Session session, Reservation reservation, Guid? promoted) =>
        reservation.IsWaitlisted
            ? new SeatChange(session.Id, SeatState.Waitlisted,
                session.Reservations.Where(r => r.IsWaitlisted).OrderBy(r => r.CreatedAt).ToList().IndexOf(reservation) + 1, promoted)
            : new SeatChange(session.Id, SeatState.Seated, null, promoted);
}
