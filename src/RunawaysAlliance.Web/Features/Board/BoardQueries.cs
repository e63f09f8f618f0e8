using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;

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

        var placed = sessions.ToDictionary(s => s.CardId);
        var roundNumbers = rounds.ToDictionary(r => r.Id);
        var roomNames = rooms.ToDictionary(r => r.Id, r => r.Name);
        var cards = await db.Cards.AsNoTracking()
            .Where(c => c.EventId == eventId && c.Status == CardStatus.Open)
            .Select(c => new
            {
                c.Id, c.Title, c.Problem, c.HelpWanted, c.Kind, c.Language, c.Tags, c.CreatedAt, c.UpdatedAt,
                Author = db.People.Where(p => p.Id == c.AuthorId).Select(p => p.DisplayName).FirstOrDefault(),
                CanHelp = c.Offers.Count(o => o.Kind == OfferKind.CanHelp),
                Curious = c.Offers.Count(o => o.Kind == OfferKind.Curious),
                Core = c.Offers.Count(o => o.IsCoreSolver),
            }).ToListAsync(ct);

        return new BoardSnapshot(
            evt.Id, evt.Slug, evt.Name, evt.Venue, evt.TimeZoneId, evt.Phase, rooms, rounds,
            sessions.Select(s => new SessionView(s.Id, s.RoomId, s.RoundId, s.CardId, s.Title, s.Kind, s.Language, s.Moderator,
                s.Seats, s.Waitlisted, capacity.GetValueOrDefault(s.RoomId))).ToList(),
            cards
                .OrderByDescending(c => c.CreatedAt)
                .Select(c => new CardView(
                    c.Id, c.Title, Excerpt(c.Problem), c.Kind, c.Language, c.Tags, c.Author ?? string.Empty,
                    c.CanHelp, c.Curious, c.Core, c.CreatedAt, c.UpdatedAt,
                    placed.TryGetValue(c.Id, out var s) && roundNumbers.TryGetValue(s.RoundId, out var round)
                        ? new CardSlot(roomNames.GetValueOrDefault(s.RoomId, string.Empty), round.Number, round.LocalStart)
                        : null,
                    SearchText.Of(c.Title, c.Problem, c.HelpWanted, string.Join(' ', c.Tags), c.Author)))
                .ToList(),
            time.GetUtcNow());
    }

    /// <summary>The start of a problem for a list: whole text elements, so that Hangul and emoji are never cut in half.</summary>
    internal static string Excerpt(string problem)
    {
        var oneLine = string.Join(' ', problem.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var info = new System.Globalization.StringInfo(oneLine);
        return info.LengthInTextElements <= CardView.ExcerptLength
            ? oneLine
            : info.SubstringByTextElements(0, CardView.ExcerptLength).TrimEnd() + "…";
    }
}

public sealed record EventListItem(string Slug, string Name, string Venue, EventPhase Phase, DateTimeOffset? StartsLocal);
