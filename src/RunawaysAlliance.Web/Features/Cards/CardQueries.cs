using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// The card page and "My evening" as one viewer may see them, derived in memory from an event's shared snapshot
/// (<see cref="BoardSnapshot"/>): the live pages derive from the snapshot <see cref="LiveBoards"/> hands them, so a
/// change costs the same few queries per instance however many pages are open. The async methods read the event
/// afresh for callers that are not live.
/// </summary>
public sealed class CardQueries(BoardQueries boards)
{
    /// <summary>One card as <paramref name="viewerId"/> may see it, read now (see <see cref="CardFor"/>).</summary>
    public async Task<CardDetail?> GetAsync(Guid? viewerId, string slug, Guid cardId, CancellationToken ct = default) =>
        await ReadAsync(slug, ct) is { } board ? CardFor(board, viewerId, cardId) : null;

    /// <summary>The caller's evening in one event, read now (see <see cref="EveningOf"/>).</summary>
    public async Task<MyEvening?> MyEveningAsync(Guid callerId, string slug, CancellationToken ct = default) =>
        await ReadAsync(slug, ct) is { } board ? EveningOf(board, callerId) : null;

    /// <summary>
    /// One card as <paramref name="viewerId"/> may see it: a withdrawn card only by its author; who offered
    /// (names and notes) only by members of the event and the author, everyone else sees the counts.
    /// </summary>
    public static CardDetail? CardFor(BoardSnapshot board, Guid? viewerId, Guid cardId)
    {
        var card = board.Book.Find(cardId);
        if (card is null || (card.Status == CardStatus.Withdrawn && card.AuthorId != viewerId))
        {
            return null;
        }

        var isMember = board.Book.IsMember(viewerId);
        var isAuthor = viewerId == card.AuthorId;
        return new CardDetail(
            // Who offered (names and notes) only for members and the author; the counts are everyone's.
            isMember || isAuthor ? card : card with { Offers = [] },
            board.EventId, board.Slug, board.Name,
            PlacementOf(board.Schedule, card.Id),
            card.CanHelpCount,
            card.CuriousCount,
            isAuthor,
            isMember,
            viewerId is { } id ? card.Offers.FirstOrDefault(o => o.SolverId == id) : null);
    }

    /// <summary>The caller's evening in one event: their cards, their offers, and the sessions they are in, by round.</summary>
    public static MyEvening EveningOf(BoardSnapshot board, Guid callerId)
    {
        var schedule = board.Schedule;
        var book = board.Book;
        var myOffers = book.OffersBy(callerId).ToList();
        var coreCards = myOffers.Where(o => o.Offer.IsCoreSolver).Select(o => o.Card.Id).ToHashSet();
        var seats = book.SeatsOf(callerId).ToDictionary(s => s.SessionId, s => s.IsWaitlisted);
        var rooms = schedule.Rooms.Select((r, i) => (r.Id, Order: i)).ToDictionary(r => r.Id, r => r.Order);

        // Sessions the caller is in: moderating, their own card placed, a seat or waitlist place, or picked as a core solver.
        MyPart? PartIn(SessionView s) =>
            s.ModeratorId == callerId ? MyPart.Moderator
            : book.Find(s.CardId)?.AuthorId == callerId ? MyPart.Haver
            : coreCards.Contains(s.CardId) ? MyPart.CoreSolver
            : seats.TryGetValue(s.Id, out var waitlisted) ? (waitlisted ? MyPart.Waitlisted : MyPart.Seat)
            : null;

        var mine = schedule.Sessions
            .Select(s => (Session: s, Part: PartIn(s)))
            .Where(x => x.Part is not null)
            .OrderBy(x => rooms.GetValueOrDefault(x.Session.RoomId))
            .ToLookup(x => x.Session.RoundId);
        var rounds = schedule.Rounds.Select(r => new MyRound(
            r.Id, r.Number, r.StartsAt, r.EndsAt,
            [.. mine[r.Id].Select(x => new MySession(
                x.Session.Id, x.Session.CardId, x.Session.CardTitle, x.Session.Language,
                schedule.Room(x.Session.RoomId)?.Name ?? string.Empty, x.Part!.Value))])).ToList();

        return new MyEvening(
            board.EventId, board.Slug, board.Name,
            [.. book.CardsBy(callerId).Select(c => new MyCard(
                c.Id, c.Title, c.Language, c.Status, c.CanHelpCount, c.CuriousCount, c.CoreSolverCount, PlacementOf(schedule, c.Id)))],
            [.. myOffers.Select(o => new MyOffer(
                o.Card.Id, o.Card.Title, o.Card.Language, o.Card.Status, o.Offer.Kind, o.Offer.Note, o.Offer.IsCoreSolver, PlacementOf(schedule, o.Card.Id)))],
            rounds);
    }

    private static Placement? PlacementOf(EventSchedule schedule, Guid cardId) =>
        schedule.SessionOf(cardId) is { } s && schedule.Round(s.RoundId) is { } round
            ? new Placement(s.Id, schedule.Room(s.RoomId)?.Name ?? string.Empty, round.Number, round.StartsAt, round.EndsAt, s.ModeratorName)
            : null;

    private async Task<BoardSnapshot?> ReadAsync(string slug, CancellationToken ct) =>
        await boards.FindEventIdAsync(slug, ct) is { } eventId ? await boards.LoadAsync(eventId, ct) : null;
}

/// <summary>Where and when a card is scheduled (instants; pages show them through the event's clock).</summary>
public sealed record Placement(Guid SessionId, string Room, int Round, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Moderator);

public sealed record OfferView(Guid SolverId, string SolverName, OfferKind Kind, string Note, bool IsCoreSolver, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>
/// A card as its page shows it to one viewer: the card as the snapshot holds it, with only the offers this viewer may
/// see (none, for someone who is not a member), and the viewer's part.
/// </summary>
public sealed record CardDetail(
    CardRecord Card,
    Guid EventId,
    string Slug,
    string EventName,
    Placement? Placement,
    int CanHelpCount,
    int CuriousCount,
    bool ViewerIsAuthor,
    bool ViewerIsMember,
    OfferView? MyOffer)
{
    public Guid Id => Card.Id;

    /// <summary>The offers this viewer may see.</summary>
    public IReadOnlyList<OfferView> Offers => Card.Offers;

    public CardContent Content => new(Card.Title, Card.Problem, Card.HelpWanted, Card.Kind, Card.Tags, Card.Language);

    /// <summary>
    /// True when a page showing <paramref name="other"/> would look the same: every snapshot brings new objects,
    /// and a change elsewhere in the event must not re-render this card.
    /// </summary>
    public bool LooksLike(CardDetail other) =>
        this with { Card = other.Card } == other &&
        Card with { Tags = other.Card.Tags, Offers = other.Card.Offers } == other.Card &&
        Card.Tags.SequenceEqual(other.Card.Tags) &&
        Card.Offers.SequenceEqual(other.Card.Offers);
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

public sealed record MyRound(Guid Id, int Number, DateTimeOffset StartsAt, DateTimeOffset EndsAt, IReadOnlyList<MySession> Sessions);

public sealed record MySession(Guid SessionId, Guid CardId, string Title, string Language, string Room, MyPart Part);
