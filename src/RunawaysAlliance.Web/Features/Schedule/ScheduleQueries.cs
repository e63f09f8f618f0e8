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
        return eventId is null ? null : (await ReadAsync(db, eventId.Value, ct))?.Schedule;
    }

    /// <summary>
    /// Reads the schedule in five queries whatever its size, on the caller's context so that the live snapshot
    /// can read the rest of the event alongside. The seat holders come with it for the live snapshot only.
    /// </summary>
    internal static async Task<ScheduleRead?> ReadAsync(AppDbContext db, Guid eventId, CancellationToken ct)
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
            select new { s.Id, s.RoomId, s.RoundId, s.CardId, c.Title, c.Kind, c.Language, s.ModeratorId, Moderator = m.DisplayName })
            .ToListAsync(ct);

        var seats = await ReadSeatsAsync(db, eventId, ct);
        var taken = seats.ToLookup(s => s.SessionId);
        // A session seats as many as its room holds.
        var capacity = rooms.ToDictionary(r => r.Id, r => r.Capacity);

        var schedule = new EventSchedule(
            evt.Id, evt.Slug, evt.Name, evt.Venue, evt.TimeZoneId, evt.Phase,
            rooms,
            [.. rounds.OrderBy(r => r.StartsAt).Select(r => new RoundView(r.Id, r.Number, r.StartsAt, r.StartsAt + r.Duration))],
            [.. placed.Select(s => new SessionView(
                s.Id, s.RoomId, s.RoundId, s.CardId, s.Title, s.Kind, s.Language, s.Moderator,
                taken[s.Id].Count(h => !h.IsWaitlisted), taken[s.Id].Count(h => h.IsWaitlisted), capacity.GetValueOrDefault(s.RoomId))
            { ModeratorId = s.ModeratorId })]);
        return new ScheduleRead(schedule, seats);
    }

    // The one place that reads who holds a seat (or a waitlist place) in the event's active sessions; the seat
    // counts of the schedule and "My evening" are both derived from it.
    private static async Task<IReadOnlyList<SeatHolder>> ReadSeatsAsync(AppDbContext db, Guid eventId, CancellationToken ct) =>
        await (
            from r in db.Set<Reservation>().AsNoTracking()
            join s in db.Sessions on r.SessionId equals s.Id
            where s.EventId == eventId && s.Status == SessionStatus.Active
            select new SeatHolder(r.SessionId, r.PersonId, r.IsWaitlisted))
            .ToListAsync(ct);
}

/// <summary>A schedule and who holds its seats, as one read.</summary>
internal sealed record ScheduleRead(EventSchedule Schedule, IReadOnlyList<SeatHolder> Seats);
