using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Cards;

/// <summary>
/// What a haver has typed into the card form but not posted yet, kept on the server so that a dropped
/// connection, a sleeping phone, a reload or an app restart loses nothing. A draft is not checked against
/// the card rules (half-typed text is allowed), only bounded so that it cannot grow without limit.
/// One draft per person, event and card (<see cref="Guid.Empty"/> for a new card).
/// </summary>
public sealed class CardDraft
{
    private CardDraft()
    {
        Title = Problem = HelpWanted = Tags = Language = string.Empty;
    }

    /// <summary>Starts a draft for a new card (<paramref name="cardId"/> empty) or an edit of a card.</summary>
    public CardDraft(Guid id, Guid eventId, Guid authorId, Guid cardId, int baseRevision, DateTimeOffset now)
        : this()
    {
        Id = id;
        EventId = eventId;
        AuthorId = authorId;
        CardId = cardId;
        BaseRevision = baseRevision;
        CreatedAt = UpdatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    public Guid AuthorId { get; private set; }

    /// <summary>The card being edited, or <see cref="Guid.Empty"/> for a card not posted yet.</summary>
    public Guid CardId { get; private set; }

    /// <summary>For an edit: the card's revision when the edit began, so that saving it can detect a conflict.</summary>
    public int BaseRevision { get; private set; }

    public string Title { get; private set; }

    public string Problem { get; private set; }

    public string HelpWanted { get; private set; }

    public CardKind Kind { get; private set; }

    /// <summary>The tags as typed, not normalized yet.</summary>
    public string Tags { get; private set; }

    public string Language { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>True for a draft of a card that is not posted yet.</summary>
    public bool IsForNewCard => CardId == Guid.Empty;

    /// <summary>Keeps what was typed, exactly (not trimmed), up to a generous bound per field.</summary>
    public void Update(string? title, string? problem, string? helpWanted, CardKind kind, string? tags, string? language, DateTimeOffset now)
    {
        var newTitle = Bounded(title, "title", ProblemCard.TitleMaxLength);
        var newProblem = Bounded(problem, "problem", ProblemCard.ProblemMaxLength);
        var newHelp = Bounded(helpWanted, "help wanted", ProblemCard.HelpWantedMaxLength);
        var newTags = Bounded(tags, "tags", ProblemCard.TagsTextMaxLength);
        var newLanguage = Bounded(language, "language", 35);
        Title = newTitle;
        Problem = newProblem;
        HelpWanted = newHelp;
        Kind = Enum.IsDefined(kind) ? kind : CardKind.NonCommercial;
        Tags = newTags;
        Language = newLanguage;
        UpdatedAt = now;
    }

    // A draft may run over a card's limit while the person is still cutting it down; the form says so.
    // Beyond twice the limit (in UTF-16 units, times the widest character) it is not text a person typed.
    private static string Bounded(string? value, string field, int maxCharacters)
    {
        // NUL is the one character a PostgreSQL text column cannot hold; a draft drops it rather than failing to save.
        var text = (value ?? string.Empty).Replace("\0", string.Empty, StringComparison.Ordinal);
        return text.Length <= maxCharacters * 2 * Guard.MaxUnitsPerCharacter
            ? text
            : throw new InvalidInputException(field, RuleCode.DraftTooLong, $"This draft's {field} is far longer than a card allows.", InputProblem.TooLong, maxCharacters);
    }
}
