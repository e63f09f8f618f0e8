using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// The marketplace of one event in the live snapshot: every card (withdrawn ones too) with its offers, who is a
/// member, and who holds which seat. Shared by every card page and "My evening" of the event on an instance; each
/// derives what its viewer may see (<see cref="CardQueries"/>). It holds display names and offer notes, which
/// members see anyway, and never a contact detail. Indexed once per snapshot, not once per viewer.
/// </summary>
public sealed class CardBook
{
    private readonly Dictionary<Guid, CardRecord> _byId;
    private readonly ILookup<Guid, CardRecord> _byAuthor;
    private readonly ILookup<Guid, (CardRecord Card, OfferView Offer)> _bySolver;
    private readonly ILookup<Guid, SeatHolder> _seatsByPerson;
    private readonly ILookup<Guid, SeatHolder> _seatsBySession;
    private readonly Dictionary<Guid, MemberView> _members;

    public CardBook(IReadOnlyList<CardRecord> cards, IEnumerable<MemberView> members, IReadOnlyList<SeatHolder> seats)
    {
        Cards = [.. cards.OrderByDescending(c => c.CreatedAt)];
        _byId = Cards.ToDictionary(c => c.Id);
        _byAuthor = Cards.ToLookup(c => c.AuthorId);
        _bySolver = Cards
            .SelectMany(c => c.Offers.Select(o => (Card: c, Offer: o)))
            .OrderByDescending(x => x.Offer.CreatedAt)
            .ToLookup(x => x.Offer.SolverId);
        _seatsByPerson = seats.ToLookup(s => s.PersonId);
        _seatsBySession = seats.ToLookup(s => s.SessionId);
        _members = members.ToDictionary(m => m.PersonId);
    }

    /// <summary>Every card of the event, newest first.</summary>
    public IReadOnlyList<CardRecord> Cards { get; }

    public CardRecord? Find(Guid cardId) => _byId.GetValueOrDefault(cardId);

    public bool IsMember(Guid? personId) => personId is { } id && _members.ContainsKey(id);

    /// <summary>The event's members by display name and role.</summary>
    public IEnumerable<MemberView> Members => _members.Values;

    /// <summary>A member's display name and role in the event; null for someone who is not a member.</summary>
    public MemberView? Member(Guid? personId) => personId is { } id ? _members.GetValueOrDefault(id) : null;

    /// <summary>A person's own cards, newest first.</summary>
    public IEnumerable<CardRecord> CardsBy(Guid authorId) => _byAuthor[authorId];

    /// <summary>A person's offers with their cards, newest offer first.</summary>
    public IEnumerable<(CardRecord Card, OfferView Offer)> OffersBy(Guid solverId) => _bySolver[solverId];

    /// <summary>The seats and waitlist places a person holds in active sessions.</summary>
    public IEnumerable<SeatHolder> SeatsOf(Guid personId) => _seatsByPerson[personId];

    /// <summary>The seats and waitlist places of one session, in the order they were taken.</summary>
    public IEnumerable<SeatHolder> SeatsIn(Guid sessionId) => _seatsBySession[sessionId];
}

/// <summary>A member of the event as live pages name them: a display name, a role and whether records may name them; never a contact detail.</summary>
public sealed record MemberView(Guid PersonId, string DisplayName, Domain.Events.EventRole Role, bool AgreesToBeNamed);

/// <summary>A card with everything its page may show, and its offers in the order they came.</summary>
public sealed record CardRecord(
    Guid Id,
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
    IReadOnlyList<OfferView> Offers)
{
    public int CanHelpCount { get; } = Offers.Count(o => o.Kind == OfferKind.CanHelp);

    public int CuriousCount { get; } = Offers.Count(o => o.Kind == OfferKind.Curious);

    public int CoreSolverCount { get; } = Offers.Count(o => o.IsCoreSolver);
}
