namespace RunawaysAlliance.Domain.Events;

/// <summary>
/// A slot as people name it: the room's name and the round's number. Messages carry this value rather than an
/// English label, so that each language can say "Room 3 · Round 2" its own way.
/// </summary>
public readonly record struct SlotName(string Room, int Round)
{
    /// <summary>The English label, such as "Room 3 · Round 2".</summary>
    public override string ToString() => $"{Room} · Round {Round}";
}
