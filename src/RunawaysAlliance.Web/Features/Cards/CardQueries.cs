using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>Reads for the card page and "My evening": projections to view models, no tracking.</summary>
public sealed class CardQueries(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>
    /// One card as <paramref name="viewerId"/> may see it: a withdrawn card only by its author; who offered
    /// (names and notes) only by members of the event, everyone else sees the counts.
    /// </summary>
    public async Task<CardDetail?> GetAsync(Guid? viewerId, string slug, Guid cardId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking()
            .Where(e => e.Slug == slug)
            .Select(e => new { e.Id, e.Slug, e.Name, e.TimeZoneId })
            .FirstOrDefaultAsync(ct);
        if (evt is null)
        {
            return null;
        }

        var card = await db.Cards.AsNoTracking()
            .Where(c => c.Id == cardId && c.EventId == evt.Id)
            .Select(c => new
            {
                c.Id, c.Title, c.Problem, c.HelpWanted, c.Kind, c.Tags, c.Language, c.Status, c.Revision, c.AuthorId, c.CreatedAt, c.UpdatedAt,
                Author = db.People.Where(p => p.Id == c.AuthorId).Select(p => p.DisplayName).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        if (card is null || (card.Status == CardStatus.Withdrawn && card.AuthorId != viewerId))
        {
            return null;
        }

        var isMember = viewerId is { } id && await db.Events.AnyAsync(e => e.Id == evt.Id && e.Members.Any(m => m.PersonId == id), ct);
        var offers = await (
            from o in db.Set<Offer>().AsNoTracking()
            where o.CardId == cardId
            join p in db.People on o.SolverId equals p.Id
            orderby o.CreatedAt
            select new OfferView(o.SolverId, p.DisplayName, o.Kind, o.Note, o.IsCoreSolver, o.CreatedAt, o.UpdatedAt)).ToListAsync(ct);

        var zone = TimeZoneInfo.FindSystemTimeZoneById(evt.TimeZoneId);
        var placement = await PlacementsAsync(db, evt.Id, zone, [cardId], ct);
        return new CardDetail(
            card.Id, evt.Id, evt.Slug, evt.Name, card.Title, card.Problem, card.HelpWanted, card.Kind, card.Tags, card.Language, card.Status,
            card.Revision, card.AuthorId, card.Author ?? string.Empty, card.CreatedAt, card.UpdatedAt,
            placement.GetValueOrDefault(cardId),
            offers.Count(o => o.Kind == OfferKind.CanHelp),
            offers.Count(o => o.Kind == OfferKind.Curious),
            isMember || card.AuthorId == viewerId ? offers : [],
            viewerId == card.AuthorId,
            isMember,
            offers.FirstOrDefault(o => o.SolverId == viewerId));
    }

    /// <summary>The caller's evening in one event: their cards, their offers, and the sessions they are in, by round.</summary>
    public async Task<MyEvening?> MyEveningAsync(Guid callerId, string slug, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking()
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Slug == slug, ct);
        if (evt is null)
        {
            return null;
        }

        var zone = evt.TimeZone;
        var myCards = await db.Cards.AsNoTracking()
            .Where(c => c.EventId == evt.Id && c.AuthorId == callerId)
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new
            {
                c.Id, c.Title, c.Language, c.Status,
                CanHelp = c.Offers.Count(o => o.Kind == OfferKind.CanHelp),
                Curious = c.Offers.Count(o => o.Kind == OfferKind.Curious),
                Core = c.Offers.Count(o => o.IsCoreSolver),
            }).ToListAsync(ct);

        var myOffers = await (
            from o in db.Set<Offer>().AsNoTracking()
            where o.SolverId == callerId
            join c in db.Cards on o.CardId equals c.Id
            where c.EventId == evt.Id
            orderby o.CreatedAt descending
            select new { c.Id, c.Title, c.Language, c.Status, o.Kind, o.Note, o.IsCoreSolver }).ToListAsync(ct);

        // Sessions the caller is in: moderating, their own card placed, a seat or waitlist place, or picked as a core solver.
        var coreCards = myOffers.Where(o => o.IsCoreSolver).Select(o => o.Id).ToList();
        var sessions = await (
            from s in db.Sessions.AsNoTracking()
            where s.EventId == evt.Id && s.Status == SessionStatus.Active
            where s.ModeratorId == callerId || s.HaverId == callerId || coreCards.Contains(s.CardId) || s.Reservations.Any(r => r.PersonId == callerId)
            join c in db.Cards on s.CardId equals c.Id
            select new
            {
                s.Id, s.CardId, s.RoomId, s.RoundId, s.ModeratorId, s.HaverId, c.Title, c.Language,
                Seat = s.Reservations.Where(r => r.PersonId == callerId).Select(r => (bool?)r.IsWaitlisted).FirstOrDefault(),
            }).ToListAsync(ct);

        var placements = await PlacementsAsync(db, evt.Id, zone, [.. myCards.Select(c => c.Id), .. myOffers.Select(o => o.Id)], ct);
        var rooms = evt.Rooms.ToDictionary(r => r.Id, r => r.Name);
        var rounds = evt.Rounds.Select(r => new MyRound(
            r.Id, r.Number, Local(r.StartsAt, zone), Local(r.EndsAt, zone),
            [.. sessions.Where(s => s.RoundId == r.Id).Select(s => new MySession(
                s.Id, s.CardId, s.Title, s.Language, rooms.GetValueOrDefault(s.RoomId, string.Empty),
                s.ModeratorId == callerId ? MyPart.Moderator
                : s.HaverId == callerId ? MyPart.Haver
                : coreCards.Contains(s.CardId) ? MyPart.CoreSolver
                : s.Seat == true ? MyPart.Waitlisted
                : MyPart.Seat))])).ToList();

        return new MyEvening(
            evt.Id, evt.Slug, evt.Name,
            [.. myCards.Select(c => new MyCard(c.Id, c.Title, c.Language, c.Status, c.CanHelp, c.Curious, c.Core, placements.GetValueOrDefault(c.Id)))],
            [.. myOffers.Select(o => new MyOffer(o.Id, o.Title, o.Language, o.Status, o.Kind, o.Note, o.IsCoreSolver, placements.GetValueOrDefault(o.Id)))],
            rounds);
    }

    private static async Task<Dictionary<Guid, Placement>> PlacementsAsync(AppDbContext db, Guid eventId, TimeZoneInfo zone, IReadOnlyCollection<Guid> cardIds, CancellationToken ct)
    {
        if (cardIds.Count == 0)
        {
            return [];
        }

        var ids = cardIds.Distinct().ToList();
        var rows = await (
            from s in db.Sessions.AsNoTracking()
            where s.EventId == eventId && s.Status == SessionStatus.Active && ids.Contains(s.CardId)
            join r in db.Set<Room>() on s.RoomId equals r.Id
            join rd in db.Set<Round>() on s.RoundId equals rd.Id
            join m in db.People on s.ModeratorId equals m.Id
            select new { s.CardId, s.Id, Room = r.Name, rd.Number, rd.StartsAt, rd.Duration, Moderator = m.DisplayName }).ToListAsync(ct);
        return rows.ToDictionary(
            r => r.CardId,
            r => new Placement(r.Id, r.Room, r.Number, Local(r.StartsAt, zone), Local(r.StartsAt + r.Duration, zone), r.Moderator));
    }

    private static string Local(DateTimeOffset instant, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(instant, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
}

/// <summary>Where and when a card is scheduled.</summary>
public sealed record Placement(Guid SessionId, string Room, int Round, string LocalStart, string LocalEnd, string Moderator);

public sealed record OfferView(Guid SolverId, string SolverName, OfferKind Kind, string Note, bool IsCoreSolver, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>A card as its page shows it to one viewer.</summary>
public sealed record CardDetail(
    Guid Id,
    Guid EventId,
    string Slug,
    string EventName,
    string Title,
    string Problem,
    string HelpWanted,
    CardKind Kind,
    IReadOnlyList<string> Tags,
    string Language,
    CardStatus Status,
    int Revision,
    Guid AuthorId,
    string AuthorName,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    Placement? Placement,
    int CanHelpCount,
    int CuriousCount,
    IReadOnlyList<OfferView> Offers,
    bool ViewerIsAuthor,
    bool ViewerIsMember,
    OfferView? MyOffer)
{
    public CardContent Content => new(Title, Problem, HelpWanted, Kind, Tags, Language);
}

public enum MyPart
{
    Moderator,
    Haver,
    CoreSolver,
    Seat,
    Waitlisted,
}

public sealed record MyEvening(Guid EventId, string Slug, string EventName, IReadOnlyList<MyCard> Cards, IReadOnlyList<MyOffer> Offers, IReadOnlyList<MyRound> Rounds);

public sealed record MyCard(Guid Id, string Title, string Language, CardStatus Status, int CanHelpCount, int CuriousCount, int CoreSolverCount, Placement? Placement);

public sealed record MyOffer(Guid CardId, string Title, string Language, CardStatus CardStatus, OfferKind Kind, string Note, bool IsCoreSolver, Placement? Placement);

public sealed record MyRound(Guid Id, int Number, string LocalStart, string LocalEnd, IReadOnlyList<MySession> Sessions);

public sealed record MySession(Guid SessionId, Guid CardId, string Title, string Language, string Room, MyPart Part);
