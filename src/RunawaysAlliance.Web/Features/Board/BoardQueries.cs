using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Schedule;

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
            .Select(e => new EventListItem(e.Slug, e.Name, e.Venue, e.Phase, e.TimeZoneId, e.FirstRound))
            .ToList();
    }

    public async Task<Guid?> FindEventIdAsync(string slug, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.Events.AsNoTracking().Where(e => e.Slug == slug).Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// Reads one event's live snapshot in eight queries, whatever the number of slots, cards, offers and people:
    /// the schedule (five), the cards, their offers and the members.
    /// </summary>
    public async Task<BoardSnapshot?> LoadAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var read = await ScheduleQueries.ReadAsync(db, eventId, withSeatHolders: true, ct);
        if (read is null)
        {
            return null;
        }

        var cards = await db.Cards.AsNoTracking()
            .Where(c => c.EventId == eventId)
            .Select(c => new
            {
                c.Id, c.Title, c.Problem, c.HelpWanted, c.Kind, c.Tags, c.Language, c.Status, c.Revision, c.AuthorId, c.CreatedAt, c.UpdatedAt,
                Author = db.People.Where(p => p.Id == c.AuthorId).Select(p => p.DisplayName).FirstOrDefault(),
            }).ToListAsync(ct);

        var offers = await (
            from o in db.Set<Offer>().AsNoTracking()
            join c in db.Cards on o.CardId equals c.Id
            where c.EventId == eventId
            join p in db.People on o.SolverId equals p.Id
            select new { o.CardId, Offer = new OfferView(o.SolverId, p.DisplayName, o.Kind, o.Note, o.IsCoreSolver, o.CreatedAt, o.UpdatedAt) })
            .ToListAsync(ct);

        var members = await db.Set<EventMember>().AsNoTracking()
            .Where(m => m.EventId == eventId)
            .Join(db.People, m => m.PersonId, p => p.Id, (m, p) => new MemberView(m.PersonId, p.DisplayName, m.Role, m.AgreesToBeNamed))
            .ToListAsync(ct);

        var offersByCard = offers.ToLookup(o => o.CardId, o => o.Offer);
        var book = new CardBook(
            [.. cards.Select(c => new CardRecord(
                c.Id, c.Title, c.Problem, c.HelpWanted, c.Kind, c.Tags, c.Language, c.Status, c.Revision, c.AuthorId, c.Author ?? string.Empty,
                c.CreatedAt, c.UpdatedAt, [.. offersByCard[c.Id].OrderBy(o => o.CreatedAt)]))],
            members,
            read.Seats);
        return new BoardSnapshot(read.Schedule, OpenCards(read.Schedule, book), book, time.GetUtcNow());
    }

    // The open cards as lists show them: newest first, with counts and where each one is placed.
    private static List<CardView> OpenCards(EventSchedule schedule, CardBook book) =>
        [.. book.Cards
            .Where(c => c.Status == CardStatus.Open)
            .Select(c => new CardView(
                c.Id, c.Title, Excerpt(c.Problem), c.Kind, c.Language, c.Tags, c.AuthorName,
                c.CanHelpCount, c.CuriousCount, c.CoreSolverCount, c.CreatedAt, c.UpdatedAt,
                schedule.SessionOf(c.Id) is { } s && schedule.Round(s.RoundId) is { } round
                    ? new CardSlot(schedule.Room(s.RoomId)?.Name ?? string.Empty, round.Number, round.StartsAt)
                    : null,
                SearchText.Of(c.Title, c.Problem, c.HelpWanted, string.Join(' ', c.Tags), c.AuthorName)))];

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

/// <summary>An event in the list: when its first round starts (an instant) and the zone to show it in.</summary>
public sealed record EventListItem(string Slug, string Name, string Venue, EventPhase Phase, string TimeZoneId, DateTimeOffset? StartsAt);
