using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>Placing cards in slots and giving slots back. Every call authorizes the caller on the server.</summary>
public sealed class SessionService(
    IDbContextFactory<AppDbContext> factory,
    IEventFeed feed,
    TimeProvider time,
    ILogger<SessionService> logger)
{
    /// <summary>The caller, a moderator or organizer of the event, claims a free slot for a card and moderates it.</summary>
    public async Task<ServiceResult> ClaimSlotAsync(Guid callerId, Guid eventId, Guid cardId, Guid roomId, Guid roundId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await LoadEventAsync(db, eventId, ct);
        if (evt is null)
        {
            return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchEvent, "That event does not exist."));
        }

        if (evt.FindMember(callerId)?.Has(EventRole.Moderator) != true)
        {
            return ServiceResult.Forbidden(new RuleMessage(RuleCode.OnlyModeratorsClaim, "Only moderators and organizers of this event can claim a slot."));
        }

        var card = await db.Cards.FirstOrDefaultAsync(c => c.Id == cardId && c.EventId == eventId, ct);
        if (card is null)
        {
            return ServiceResult.NotFound(new RuleMessage(RuleCode.CardNotOnBoard, "That card is not on this event's board."));
        }

        try
        {
            var board = await db.ActiveSessionsOf(eventId).ToListAsync(ct);
            var session = evt.ClaimSlot(card, roomId, roundId, callerId, board, time.GetUtcNow());
            db.Sessions.Add(session);
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Session {SessionId} claimed slot {RoomId}/{RoundId} of event {EventId}", session.Id, roomId, roundId, eventId);
            await feed.PublishAsync(new EventChange(eventId, ChangeKind.Session, session.Id), ct);
            return ServiceResult.Ok;
        }
        catch (SlotTakenException ex)
        {
            // Name the winner, as people at the venue know each other by name: "Room 3 · Round 2 was just claimed by Mina".
            var winner = await db.Sessions.AsNoTracking()
                .Where(s => s.RoomId == roomId && s.RoundId == roundId && s.Status == SessionStatus.Active)
                .Join(db.People, s => s.ModeratorId, p => p.Id, (s, p) => p.DisplayName)
                .FirstOrDefaultAsync(ct);
            return ServiceResult.Rejected(winner is null ? ex : new SlotTakenException(ex.Slot, winner));
        }
        catch (DomainException ex)
        {
            return ServiceResult.Rejected(ex);
        }
    }

    /// <summary>The session's moderator or an organizer gives the slot back.</summary>
    public async Task<ServiceResult> ReleaseAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await LoadEventAsync(db, eventId, ct);
        var session = await db.Sessions.Include(s => s.Seats).FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
        var card = session is null ? null : await db.Cards.FirstOrDefaultAsync(c => c.Id == session.CardId, ct);
        if (evt is null || session is null || card is null)
        {
            return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchSession, "That session does not exist."));
        }

        var member = evt.FindMember(callerId);
        var allowed = member?.Has(EventRole.Organizer) == true || (member?.Has(EventRole.Moderator) == true && session.ModeratorId == callerId);
        if (!allowed)
        {
            return ServiceResult.Forbidden(new RuleMessage(RuleCode.OnlySessionModeratorReleases, "Only the session's moderator or an organizer can give the slot back."));
        }

        try
        {
            session.Release(card, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await feed.PublishAsync(new EventChange(eventId, ChangeKind.Session, sessionId), ct);
            return ServiceResult.Ok;
        }
        catch (DomainException ex)
        {
            return ServiceResult.Rejected(ex);
        }
    }

    private static Task<Event?> LoadEventAsync(AppDbContext db, Guid eventId, CancellationToken ct) =>
        db.Events
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .Include(e => e.Members)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == eventId, ct);
}
