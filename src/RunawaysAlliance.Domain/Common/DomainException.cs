using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Common;

/// <summary>
/// A business rule said no. <see cref="Code"/> and <see cref="Arguments"/> let the UI say it in the reader's
/// language; the English <see cref="Exception.Message"/> is for logs and tests.
/// </summary>
public abstract class DomainException(RuleCode code, string message, IReadOnlyList<object> arguments) : Exception(message)
{
    /// <summary>Which rule said no.</summary>
    public RuleCode Code { get; } = code;

    /// <summary>
    /// The facts the message names, as values (names, numbers, <see cref="SlotName"/>, <see cref="TimeOnly"/>,
    /// <see cref="FieldName"/>, enums), never as English text, so that a translation can place and format them.
    /// </summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;

    /// <summary>The refusal as a value, for lists of them (a plan that could not be applied names several).</summary>
    public RuleMessage ToRuleMessage() => new(Code, Message, Arguments);
}

/// <summary>A refusal as a value: its code, its English words and the arguments a translation needs.</summary>
public sealed record RuleMessage(RuleCode Code, string Message, IReadOnlyList<object> Arguments)
{
    public RuleMessage(RuleCode code, string message, params object[] arguments)
        : this(code, message, (IReadOnlyList<object>)arguments)
    {
    }
}

/// <summary>The domain's name of an input field ("title", "display name"), which the UI translates as a label.</summary>
public readonly record struct FieldName(string Name)
{
    public override string ToString() => Name;
}

/// <summary>What is wrong with an input, so that a form can say it in the reader's language.</summary>
public enum InputProblem
{
    /// <summary>Any other shape rule; the code says which.</summary>
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

/// <summary>
/// The input breaks a rule about its shape (empty, too long, out of range). The field's name comes first in
/// <see cref="DomainException.Arguments"/>, followed by <paramref name="arguments"/>.
/// </summary>
public sealed class InvalidInputException(
    string field,
    RuleCode code,
    string message,
    InputProblem problem = InputProblem.Invalid,
    int? limit = null,
    IReadOnlyList<object>? arguments = null)
    : DomainException(code, message, [new FieldName(field), .. arguments ?? []])
{
    /// <summary>The field the message is about, so that a form can show it next to the input.</summary>
    public string Field { get; } = field;

    /// <summary>What kind of rule the input broke.</summary>
    public InputProblem Problem { get; } = problem;

    /// <summary>The limit that was passed (characters or items), when there is one.</summary>
    public int? Limit { get; } = limit;
}

/// <summary>The action is not possible in the current state of the event, card or session.</summary>
public sealed class RuleViolationException(RuleCode code, string message, params object[] arguments)
    : DomainException(code, message, arguments);

/// <summary>The slot already has a session: somebody else got there first.</summary>
public sealed class SlotTakenException(SlotName slot, string? takenBy)
    : DomainException(
        takenBy is null ? RuleCode.SlotTaken : RuleCode.SlotTakenBy,
        takenBy is null ? $"{slot} was just claimed by someone else." : $"{slot} was just claimed by {takenBy}.",
        takenBy is null ? [slot] : [slot, takenBy])
{
    /// <summary>The slot that was taken.</summary>
    public SlotName Slot { get; } = slot;

    /// <summary>The English label, such as "Room 3 · Round 2".</summary>
    public string SlotLabel => Slot.ToString();
}

/// <summary>Someone else changed the same thing at the same time; reload and try again.</summary>
public sealed class ConcurrentEditException(RuleCode code, string message) : DomainException(code, message, []);
