using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>A place in the venue with a number of seats.</summary>
public sealed class Room
{
    /// <summary>The longest room name.</summary>
    public const int NameMaxLength = 60;

    private Room()
    {
        Name = string.Empty;
    }

    internal Room(Guid id, Guid eventId, string name, int capacity, int sortOrder)
    {
        Id = id;
        EventId = eventId;
        Name = Guard.RequiredText(name, "room name", NameMaxLength);
        Capacity = CheckCapacity(capacity);
        SortOrder = sortOrder;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public string Name { get; private set; }

    /// <summary>How many people fit; always positive.</summary>
    public int Capacity { get; private set; }

    /// <summary>The column of this room on the board.</summary>
    public int SortOrder { get; private set; }

    internal void ChangeCapacity(int capacity) => Capacity = CheckCapacity(capacity);

    internal void Rename(string name) => Name = Guard.RequiredText(name, "room name", NameMaxLength);

    internal static int CheckCapacity(int capacity) => capacity > 0
        ? capacity
        : throw new InvalidInputException("capacity", RuleCode.RoomCapacity, $"A room needs at least one seat (capacity was {capacity}).", arguments: [capacity]);
}
