namespace RunawaysAlliance.Domain.Events;

/// <summary>
/// The record of an organizer removing a person from an event (a spammer, usually): who, by whom, when, and what
/// went with them, so that the removal can be explained later. While it stands, the person cannot join again.
/// </summary>
public sealed class EventRemoval
{
    private EventRemoval()
    {
    }

    internal EventRemoval(Guid eventId, Guid personId, Guid removedById, DateTimeOffset joinedAt, DateTimeOffset removedAt, int cardsWithdrawn, int cardsKept, int offersWithdrawn)
    {
        EventId = eventId;
        PersonId = personId;
        RemovedById = removedById;
        JoinedAt = joinedAt;
        RemovedAt = removedAt;
        CardsWithdrawn = cardsWithdrawn;
        CardsKept = cardsKept;
        OffersWithdrawn = offersWithdrawn;
    }

    public Guid EventId { get; private set; }

    public Guid PersonId { get; private set; }

    /// <summary>The organizer who removed them.</summary>
    public Guid RemovedById { get; private set; }

    /// <summary>When the person had joined: a removed guest still counts against the hour they joined in.</summary>
    public DateTimeOffset JoinedAt { get; private set; }

    public DateTimeOffset RemovedAt { get; private set; }

    /// <summary>How many of their open cards were taken off the board.</summary>
    public int CardsWithdrawn { get; private set; }

    /// <summary>How many of their cards stayed because they hold a slot (release the slot, then withdraw).</summary>
    public int CardsKept { get; private set; }

    /// <summary>How many offers they had made on other people's cards, all taken back.</summary>
    public int OffersWithdrawn { get; private set; }
}
