using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Board;

/// <summary>Reads boards and event lists: projections straight to view models, no tracking.</summary>
public sealed class BoardQueries(IDbContextFactory<AppDbContext> factory, TimeProvider time)
{
    public async Task<IReadOnlyList<EventListItem>> ListEventsAsync(CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var events = await db.Events.AsNoTracking()
            .Where(e => e.Phase != EventPhase.Archived)
            .Select(e => new { e.Slug, e.Name, e.Venue, e.Phase, e.TimeZoneId, FirstRound = e.Rounds.Select(r => (DateTimeOffset?)r.StartsAt).Min() })
            .ToListAsync(ct);
        return events
            .OrderBy(e => e.FirstRound ?? DateTimeOffset.MaxValue)
            .Select(e => new EventListItem(e.Slug, e.Name, e.Venue, e.Phase,
                e.FirstRound is { } first ? TimeZoneInfo.ConvertTime(first, TimeZoneInfo.FindSystemTimeZoneById(e.TimeZoneId)) : null))
            .ToList();
    }

    public async Task<Guid?> FindEventIdAsync(string slug, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == slug).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>Reads one event's board in three queries, whatever the number of slots and cards.</summary>
    public async Task<BoardSnapshot?> LoadAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking()
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (evt is null)
        {
            return null;
        }

        var zone = evt.TimeZone;
        var rooms = evt.Rooms.Select(r => new RoomView(r.Id, r.Name, r.Capacity)).ToList();
        var rounds = evt.Rounds.Select(r => new RoundView(r.Id, r.Number, r.StartsAt, r.EndsAt,
            TimeZoneInfo.ConvertTime(r.StartsAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            TimeZoneInfo.ConvertTime(r.EndsAt, zone).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var capacity = rooms.ToDictionary(r => r.Id, r => r.Capacity);

        var sessions = await (
            from s in db.Sessions.AsNoTracking()
            where s.EventId == eventId && s.Status == SessionStatus.Active
            join c in db.Cards on s.CardId equals c.Id
            join m in db.People on s.ModeratorId equals m.Id
            select new
            {
                s.Id, s.RoomId, s.RoundId, s.CardId, c.Title, c.Kind, c.Language, Moderator = m.DisplayName,
                Seats = s.Reservations.Count(r => !r.IsWaitlisted),
                Waitlisted = s.Reservations.Count(r => r.IsWaitlisted),
            }).ToListAsync(ct);

        var placedCards = sessions.Select(s => s.CardId).ToHashSet();
        var cards = await db.Cards.AsNoTracking()
            .Where(c => c.EventId == eventId && c.Status == CardStatus.Open)
            .Where(c => !db.Sessions.Any(s => s.CardId == c.Id && s.Status == SessionStatus.Active))
            .Select(c => new
            {
                c.Id, c.Title, c.Kind, c.Language, c.Tags, c.CreatedAt,
                CanHelp = c.Offers.Count(o => o.Kind == OfferKind.CanHelp),
                Curious = c.Offers.Count(o => o.Kind == OfferKind.Curious),
            }).ToListAsync(ct);

        return new BoardSnapshot(
            evt.Id, evt.Slug, evt.Name, evt.Venue, evt.TimeZoneId, evt.Phase, rooms, rounds,
            sessions.Select(s => new SessionView(s.Id, s.RoomId, s.RoundId, s.CardId, s.Title, s.Kind, s.Language, s.Moderator,
                s.Seats, s.Waitlisted, capacity.GetValueOrDefault(s.RoomId))).ToList(),
            cards.Where(c => !placedCards.Contains(c.Id))
                .OrderByDescending(c => c.CreatedAt)
                .Select(c => new CardView(c.Id, c.Title, c.Kind, c.Language, string.Join(' ', c.Tags.Select(t => "#" + t)), c.CanHelp, c.Curious, c.CreatedAt))
                .ToList(),
            time.GetUtcNow());
    }
}

public sealed record EventListItem(string Slug, string Name, string Venue, EventPhase Phase, DateTimeOffset? StartsLocal);
