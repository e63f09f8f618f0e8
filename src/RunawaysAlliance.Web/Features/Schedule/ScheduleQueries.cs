using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Schedule;

/// <summary>
/// Reads an event's schedule: one query object for the board snapshot, the wall and the exports. Projections
/// straight to the read model, no tracking, never a secret column (join codes stay in the database).
/// </summary>
public sealed class ScheduleQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>The published schedule of an event, or null when there is no such event.</summary>
    public async Task<EventSchedule?> LoadAsync(string slug, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var eventId = await db.Events.AsNoTracking().Where(e => e.Slug == slug).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
        return eventId is null ? null : (await ReadAsync(db, eventId.Value, withSeatHolders: false, ct))?.Schedule;
    }

    /// <summary>
    /// Reads the schedule in four queries whatever its size, on the caller's context so that the live snapshot
    /// can read the rest of the event alongside. Who holds which seat is read (a fifth query) only for the live
    /// snapshot, which derives each viewer's own seats from it; the published schedule has counts only.
    /// </summary>
    internal static async Task<ScheduleRead?> ReadAsync(AppDbContext db, Guid eventId, bool withSeatHolders, CancellationToken ct)
    {
        var evt = await db.Events.AsNoTracking()
            .Where(e => e.Id == eventId)
            .Select(e => new { e.Id, e.Slug, e.Name, e.Venue, e.TimeZoneId, e.Phase })
            .FirstOrDefaultAsync(ct);
        if (evt is null)
        {
            return null;
        }

        var rooms = await db.Set<Room>().AsNoTracking()
            .Where(r => r.EventId == eventId)
            .OrderBy(r => r.SortOrder)
            .Select(r => new RoomView(r.Id, r.Name, r.Capacity))
            .ToListAsync(ct);
        var rounds = await db.Set<Round>().AsNoTracking()
            .Where(r => r.EventId == eventId)
            .Select(r => new { r.Id, r.Number, r.StartsAt, r.Duration })
            .ToListAsync(ct);

        var placed = await (
            from s in db.Sessions.AsNoTracking()
            where s.EventId == eventId && s.Status == SessionStatus.Active
            join c in db.Cards on s.CardId equals c.Id
            join m in db.People on s.ModeratorId equals m.Id
            // Seat counts and capacity are the session's own (ADR 0010): no count over reservations.
            select new
            {
                s.Id, s.RoomId, s.RoundId, s.CardId, c.Title, c.Kind, c.Language, s.ModeratorId, Moderator = m.DisplayName,
                s.Capacity, s.Seats.Taken, s.Seats.Waitlisted,
                TimerState = s.Timer.State, TimerEndsAt = s.Timer.EndsAt, TimerRemaining = s.Timer.Remaining,
            })
            .ToListAsync(ct);

        var seats = withSeatHolders ? await ReadSeatsAsync(db, eventId, ct) : [];

        var schedule = new EventSchedule(
            evt.Id, evt.Slug, evt.Name, evt.Venue, evt.TimeZoneId, evt.Phase,
            rooms,
            [.. rounds.OrderBy(r => r.StartsAt).Select(r => new RoundView(r.Id, r.Number, r.StartsAt, r.StartsAt + r.Duration))],
            [.. placed.Select(s => new SessionView(
                s.Id, s.RoomId, s.RoundId, s.CardId, s.Title, s.Kind, s.Language, s.Moderator,
                s.Taken, s.Waitlisted, s.Capacity)
            {
                ModeratorId = s.ModeratorId,
                TimerState = s.TimerState,
                TimerEndsAt = s.TimerEndsAt,
                TimerRemaining = s.TimerRemaining,
            })]);
        return new ScheduleRead(schedule, seats);
    }

    // The one place that reads who holds a seat (or a waitlist place) in the event's active sessions: "My evening"
    // and the card page derive each viewer's seats from it.
    // In the order the seats were taken, so that a waitlist shows who is next (sorted here: SQLite cannot order by an instant).
    private static async Task<IReadOnlyList<SeatHolder>> ReadSeatsAsync(AppDbContext db, Guid eventId, CancellationToken ct) =>
        [.. (await (
            from r in db.Set<Reservation>().AsNoTracking()
            join s in db.Sessions on r.SessionId equals s.Id
            where s.EventId == eventId && s.Status == SessionStatus.Active
            select new SeatHolder(r.SessionId, r.PersonId, r.IsWaitlisted) { TakenAt = r.CreatedAt })
            .ToListAsync(ct)).OrderBy(h => h.TakenAt)];
}

/// <summary>A schedule and who holds its seats, as one read.</summary>
internal sealed record ScheduleRead(EventSchedule Schedule, IReadOnlyList<SeatHolder> Seats);
