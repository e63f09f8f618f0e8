namespace RunawaysAlliance.Domain.Common;

/// <summary>
/// A business rule said no. The message is written for the person who tried, so the UI can show it as is.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>The input breaks a rule about its shape (empty, too long, out of range).</summary>
public sealed class InvalidInputException(string field, string message) : DomainException(message)
{
    /// <summary>The field the message is about, so that a form can show it next to the input.</summary>
    public string Field { get; } = field;
}

/// <summary>The action is not possible in the current state of the event, card or session.</summary>
public sealed class RuleViolationException(string message) : DomainException(message);

/// <summary>The slot already has a session: somebody else got there first.</summary>
public sealed class SlotTakenException(string slotLabel, string? takenBy)
    : DomainException(takenBy is null
        ? $"{slotLabel} was just claimed by someone else."
        : $"{slotLabel} was just claimed by {takenBy}.")
{
    /// <summary>A label such as "Room 3 · Round 2".</summary>
    public string SlotLabel { get; } = slotLabel;
}

/// <summary>Someone else changed the same thing at the same time; reload and try again.</summary>
public sealed class ConcurrentEditException(string message) : DomainException(message);
