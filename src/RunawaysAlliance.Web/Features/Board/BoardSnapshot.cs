using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;

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
    IReadOnlyList<CardView> UnplacedCards,
    DateTimeOffset ReadAt)
{
    private readonly Dictionary<(Guid, Guid), SessionView> _bySlot =
        Sessions.ToDictionary(s => (s.RoomId, s.RoundId));

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

/// <summary>A card that is not placed yet, with how many people responded to it.</summary>
public sealed record CardView(
    Guid Id,
    string Title,
    CardKind Kind,
    string Language,
    string TagList,
    int CanHelpCount,
    int CuriousCount,
    DateTimeOffset CreatedAt)
{
    public int OfferCount => CanHelpCount + CuriousCount;
}
