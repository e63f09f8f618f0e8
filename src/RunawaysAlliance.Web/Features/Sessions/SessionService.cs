using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>Placing cards in slots and giving slots back, through the event gate (which authorizes on the server).</summary>
public sealed class SessionService(
    EventGate gate,
    IDbContextFactory<AppDbContext> factory,
    ILogger<SessionService> logger)
{
    private static readonly RuleMessage OnlyModerators =
        new(RuleCode.OnlyModeratorsClaim, "Only moderators and organizers of this event can claim a slot.");

    private static readonly RuleMessage OnlyTheSessionsModerator =
        new(RuleCode.OnlySessionModeratorReleases, "Only the session's moderator or an organizer can give the slot back.");

    /// <summary>The caller, a moderator or organizer of the event, claims a free slot for a card and moderates it.</summary>
    public async Task<ServiceResult> ClaimSlotAsync(Guid callerId, Guid eventId, Guid cardId, Guid roomId, Guid roundId, CancellationToken ct = default)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Moderator, OnlyModerators) { Include = WithGrid };
        var result = await gate.RunAsync(request, async access =>
        {
            var card = await access.Db.Cards.FirstOrDefaultAsync(c => c.Id == cardId && c.EventId == eventId, ct);
            if (card is null)
            {
                return ServiceResult.NotFound(new RuleMessage(RuleCode.CardNotOnBoard, "That card is not on this event's board."));
            }

            var board = await access.Db.ActiveSessionsOf(eventId).ToListAsync(ct);
            var session = access.Event.ClaimSlot(card, roomId, roundId, callerId, board, access.Now);
            access.Db.Sessions.Add(session);
            access.Announce(ChangeKind.Session, session.Id);
            return ServiceResult.Ok;
        }, ct);

        if (result.Succeeded)
        {
            logger.LogInformation("Slot {RoomId}/{RoundId} of event {EventId} claimed by {PersonId}", roomId, roundId, eventId, callerId);
        }

        // Name the winner, as people at the venue know each other by name: "Room 3 · Round 2 was just claimed by Mina".
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
                return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchSession, "That session does not exist."));
            }

            if (!access.Caller.Has(EventRole.Organizer) && session.ModeratorId != callerId)
            {
                return ServiceResult.Forbidden(OnlyTheSessionsModerator);
            }

            session.Release(card, access.Now);
            access.Announce(ChangeKind.Session, sessionId);
            return ServiceResult.Ok;
        }, ct);

    private static IQueryable<Event> WithGrid(IQueryable<Event> events) =>
        events.Include(e => e.Rooms).Include(e => e.Rounds).Include(e => e.Members).AsSplitQuery();

    private async Task<string?> WinnerAsync(Guid roomId, Guid roundId, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        return await db.Sessions.AsNoTracking()
            .Where(s => s.RoomId == roomId && s.RoundId == roundId && s.Status == SessionStatus.Active)
            .Join(db.People, s => s.ModeratorId, p => p.Id, (s, p) => p.DisplayName)
            .FirstOrDefaultAsync(ct);
    }
}
