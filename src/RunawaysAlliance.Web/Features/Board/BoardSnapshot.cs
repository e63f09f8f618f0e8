using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Features.Board;

/// <summary>
/// What the live board shows, read once per change per instance and shared by every circuit that shows
/// the event. Immutable: circuits keep a reference, never a copy, and never an entity.
/// </summary>
public sealed record BoardSnapshot(
    Guid EventId,
    string Slug,
    string Name,
    string Venue,
    string TimeZoneId,
    EventPhase Phase,
    IReadOnlyList<RoomView> Rooms,
    IReadOnlyList<RoundView> Rounds,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<CardView> Cards,
    DateTimeOffset ReadAt)
{
    private readonly Dictionary<(Guid, Guid), SessionView> _bySlot =
        Sessions.ToDictionary(s => (s.RoomId, s.RoundId));

    /// <summary>Open cards that have no slot yet, newest first.</summary>
    public IReadOnlyList<CardView> UnplacedCards { get; } = [.. Cards.Where(c => c.Slot is null)];

    /// <summary>Tags on the open cards, most used first: for the filter and the card form's suggestions.</summary>
    public IReadOnlyList<string> TagsInUse { get; } = [.. Cards.SelectMany(c => c.Tags)
        .GroupBy(t => t, StringComparer.Ordinal)
        .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => g.Key)];

    public int SlotCount => Rooms.Count * Rounds.Count;

    public int OpenSlotCount => SlotCount - Sessions.Count;

    public SessionView? SessionIn(Guid roomId, Guid roundId) => _bySlot.GetValueOrDefault((roomId, roundId));

    /// <summary>The round happening now or next; the first one before the evening and once it is over.</summary>
    public RoundView? CurrentRound(DateTimeOffset now) =>
        Rounds.FirstOrDefault(r => r.EndsAt > now) ?? Rounds.FirstOrDefault();
}

public sealed record RoomView(Guid Id, string Name, int Capacity);

/// <summary>A round with its times already in the event's time zone.</summary>
public sealed record RoundView(Guid Id, int Number, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string LocalStart, string LocalEnd);

/// <summary>A placed session as a slot shows it.</summary>
public sealed record SessionView(
    Guid Id,
    Guid RoomId,
    Guid RoundId,
    Guid CardId,
    string CardTitle,
    CardKind Kind,
    string Language,
    string ModeratorName,
    int SeatsTaken,
    int Waitlisted,
    int Capacity)
{
    public bool IsFull => SeatsTaken >= Capacity;
}

/// <summary>An open card as the board and the card list show it, with how many people responded to it.</summary>
public sealed record CardView(
    Guid Id,
    string Title,
    string Excerpt,
    CardKind Kind,
    string Language,
    IReadOnlyList<string> Tags,
    string AuthorName,
    int CanHelpCount,
    int CuriousCount,
    int CoreSolverCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    CardSlot? Slot,
    SearchText Search)
{
    /// <summary>How much of the problem a list shows.</summary>
    public const int ExcerptLength = 140;

    public int OfferCount => CanHelpCount + CuriousCount;

    public string TagList => string.Join(' ', Tags.Select(t => "#" + t));

    /// <summary>What changes when the card visibly changes; a tile highlights when it differs from the last one.</summary>
    public (DateTimeOffset, int, int, int, CardSlot?) ChangeStamp => (UpdatedAt, CanHelpCount, CuriousCount, CoreSolverCount, Slot);
}

/// <summary>Where a card is placed, for a list.</summary>
public sealed record CardSlot(string Room, int Round, string LocalStart);
