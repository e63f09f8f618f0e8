using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Cards;

/// <summary>How a solver responds to a card.</summary>
public enum OfferKind
{
    /// <summary>Has an idea or a skill to bring.</summary>
    CanHelp = 0,

    /// <summary>Wants to listen and learn.</summary>
    Curious = 1,
}

/// <summary>A solver's response to a problem card.</summary>
public sealed class Offer
{
    /// <summary>The one-line idea or skill is one line: at most this many characters.</summary>
    public const int NoteMaxLength = 140;

    private Offer()
    {
        Note = string.Empty;
    }

    internal Offer(Guid id, Guid cardId, Guid solverId, OfferKind kind, string? note, DateTimeOffset now)
        : this()
    {
        Id = id;
        CardId = cardId;
        SolverId = solverId;
        CreatedAt = now;
        Change(kind, note, now);
    }

    public Guid Id { get; private set; }

    public Guid CardId { get; private set; }

    public Guid SolverId { get; private set; }

    public OfferKind Kind { get; private set; }

    /// <summary>"I can help: …", one line.</summary>
    public string Note { get; private set; }

    /// <summary>Picked by the card's author as a solver they want at the table.</summary>
    public bool IsCoreSolver { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    internal void Change(OfferKind kind, string? note, DateTimeOffset now)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new InvalidInputException("kind", RuleCode.OfferKindMissing, "Pick \"I can help\" or \"curious\".");
        }

        var text = Guard.OptionalText(note, "note", NoteMaxLength);
        if (Guard.IsNotOneLine(text))
        {
            throw new InvalidInputException("note", RuleCode.InputNotOneLine, "Keep the note to one line.", InputProblem.NotOneLine);
        }

        if (kind == OfferKind.CanHelp && text.Length == 0)
        {
            throw new InvalidInputException("note", RuleCode.OfferNoteRequired, "Say in one line how you can help.", InputProblem.Required);
        }

        Kind = kind;
        Note = text;
        UpdatedAt = now;
        if (kind != OfferKind.CanHelp)
        {
            // A listener is not a solver at the table: changing to "curious" gives the place back.
            IsCoreSolver = false;
        }
    }

    internal void SetCore(bool isCore, DateTimeOffset now)
    {
        IsCoreSolver = isCore;
        UpdatedAt = now;
    }
}
