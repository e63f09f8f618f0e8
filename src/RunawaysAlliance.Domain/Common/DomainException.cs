namespace RunawaysAlliance.Domain.Common;

/// <summary>
/// A business rule said no. The message is written for the person who tried, so the UI can show it as is.
/// </summary>
public abstract class DomainException(string message) : Exception(message);

/// <summary>What is wrong with an input, so that a form can say it in the reader's language.</summary>
public enum InputProblem
{
    /// <summary>Any other shape rule; the message says which.</summary>
    Invalid = 0,

    /// <summary>The field is empty but must be filled in.</summary>
    Required = 1,

    /// <summary>The text is longer than <see cref="InvalidInputException.Limit"/> characters.</summary>
    TooLong = 2,

    /// <summary>The text must be one line.</summary>
    NotOneLine = 3,

    /// <summary>More items than <see cref="InvalidInputException.Limit"/> (tags, for example).</summary>
    TooMany = 4,
}

/// <summary>The input breaks a rule about its shape (empty, too long, out of range).</summary>
public sealed class InvalidInputException(string field, string message, InputProblem problem = InputProblem.Invalid, int? limit = null)
    : DomainException(message)
{
    /// <summary>The field the message is about, so that a form can show it next to the input.</summary>
    public string Field { get; } = field;

    /// <summary>What kind of rule the input broke.</summary>
    public InputProblem Problem { get; } = problem;

    /// <summary>The limit that was passed (characters or items), when there is one.</summary>
    public int? Limit { get; } = limit;
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
