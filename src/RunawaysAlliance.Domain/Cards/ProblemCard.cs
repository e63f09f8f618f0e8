using System.Text.RegularExpressions;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Cards;

/// <summary>Whether a problem is brought for a business or not.</summary>
public enum CardKind
{
    NonCommercial = 0,
    Commercial = 1,
}

/// <summary>Whether a card is on the board.</summary>
public enum CardStatus
{
    /// <summary>On the board: solvers can offer help, moderators can place it.</summary>
    Open = 0,

    /// <summary>Taken back by its author; kept for the author's history.</summary>
    Withdrawn = 1,
}

/// <summary>What a haver brings: a problem, what help is wanted, and the offers solvers made.</summary>
public sealed partial class ProblemCard
{
    public const int TitleMaxLength = 120;
    public const int ProblemMaxLength = 2000;
    public const int HelpWantedMaxLength = 500;
    public const int TagMaxLength = 30;
    public const int MaxTags = 8;

    /// <summary>The tags typed as one text (the form's tags field, a draft's tags): every tag at its longest.</summary>
    public const int TagsTextMaxLength = TagMaxLength * MaxTags;

    /// <summary>How many solvers a haver can pick for the table.</summary>
    public const int MaxCoreSolvers = 6;

    private readonly List<Offer> _offers = [];

    private ProblemCard()
    {
        Title = Problem = HelpWanted = Language = string.Empty;
        Tags = [];
    }

    /// <summary>Creates an open card by <paramref name="authorId"/> in an event.</summary>
    public ProblemCard(Guid id, Guid eventId, Guid authorId, CardContent content, DateTimeOffset now)
        : this()
    {
        Id = id;
        EventId = eventId;
        AuthorId = authorId;
        Status = CardStatus.Open;
        CreatedAt = now;
        Apply(content, now);
        Revision = 1;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    /// <summary>The haver who brought the problem.</summary>
    public Guid AuthorId { get; private set; }

    public string Title { get; private set; }

    public string Problem { get; private set; }

    public string HelpWanted { get; private set; }

    public CardKind Kind { get; private set; }

    /// <summary>Normalized tags: lowercase, no '#', words joined by '-'.</summary>
    public string[] Tags { get; private set; }

    /// <summary>A BCP 47 language tag such as "ko" or "en".</summary>
    public string Language { get; private set; }

    public CardStatus Status { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>
    /// Counts the author's changes (edits, withdrawal). An edit names the revision it started from, so that
    /// two tabs editing the same card cannot silently overwrite each other; offers do not change it.
    /// </summary>
    public int Revision { get; private set; }

    /// <summary>
    /// The session that holds a slot for this card, while there is one. Set by a claim and cleared when the
    /// slot is given back, so the card itself knows it cannot be withdrawn, and a claim and a withdrawal at the
    /// same instant change the same row (one of them loses the race).
    /// </summary>
    public Guid? SessionId { get; private set; }

    /// <summary>True while the card is placed in a session that holds its slot.</summary>
    public bool IsScheduled => SessionId is not null;

    public IReadOnlyCollection<Offer> Offers => _offers.AsReadOnly();

    /// <summary>Changes the card's text, kind, tags or language.</summary>
    /// <param name="content">The new content; checked as a whole, a refused edit changes nothing.</param>
    /// <param name="expectedRevision">The revision the author saw when they started editing; null skips the check.</param>
    /// <param name="now">The time of the edit.</param>
    public void Edit(CardContent content, int? expectedRevision, DateTimeOffset now)
    {
        if (Status == CardStatus.Withdrawn)
        {
            throw new RuleViolationException(RuleCode.WithdrawnCannotBeEdited, CardMessages.WithdrawnCannotBeEdited);
        }

        EnsureRevision(expectedRevision);
        Apply(content, now);
        Revision++;
    }

    /// <summary>Changes the card's text without a revision check (the author's only tab).</summary>
    public void Edit(CardContent content, DateTimeOffset now) => Edit(content, null, now);

    /// <summary>
    /// Takes the card off the board; its history (text and offers) stays with the author. A card placed in an
    /// active session stays until the slot is given back, so that nobody is left in a room without a problem.
    /// </summary>
    public void Withdraw(DateTimeOffset now, int? expectedRevision = null)
    {
        if (Status == CardStatus.Withdrawn)
        {
            throw new RuleViolationException(RuleCode.AlreadyWithdrawn, CardMessages.AlreadyWithdrawn);
        }

        if (IsScheduled)
        {
            throw new RuleViolationException(RuleCode.ScheduledCannotBeWithdrawn, CardMessages.ScheduledCannotBeWithdrawn);
        }

        EnsureRevision(expectedRevision);
        Status = CardStatus.Withdrawn;
        UpdatedAt = now;
        Revision++;
    }

    /// <summary>Marks the card as placed in a session (the event's claim does this).</summary>
    internal void PlaceIn(Guid sessionId) => SessionId = sessionId;

    /// <summary>Marks the card as no longer placed (its session gave the slot back).</summary>
    internal void TakeOutOf(Guid sessionId)
    {
        if (SessionId == sessionId)
        {
            SessionId = null;
        }
    }

    /// <summary>Records a solver's offer, or changes the one they already made.</summary>
    public Offer MakeOffer(Guid solverId, OfferKind kind, string? note, DateTimeOffset now)
    {
        if (Status == CardStatus.Withdrawn)
        {
            throw new RuleViolationException(RuleCode.WithdrawnTakesNoOffers, CardMessages.WithdrawnTakesNoOffers);
        }

        if (solverId == AuthorId)
        {
            throw new RuleViolationException(RuleCode.NotOnOwnCard, CardMessages.NotOnOwnCard);
        }

        var existing = _offers.FirstOrDefault(o => o.SolverId == solverId);
        if (existing is not null)
        {
            existing.Change(kind, note, now);
            return existing;
        }

        var offer = new Offer(Guid.NewGuid(), Id, solverId, kind, note, now);
        _offers.Add(offer);
        return offer;
    }

    /// <summary>Removes a solver's offer (also from a withdrawn card: people can always take their name back).</summary>
    public void WithdrawOffer(Guid solverId)
    {
        var offer = _offers.FirstOrDefault(o => o.SolverId == solverId)
            ?? throw new RuleViolationException(RuleCode.NoOffer, CardMessages.NoOffer);
        _offers.Remove(offer);
    }

    /// <summary>The card's author picks (or unpicks) a solver who offered help as one they want at the table.</summary>
    public void MarkCoreSolver(Guid authorId, Guid solverId, bool isCore, DateTimeOffset now)
    {
        if (authorId != AuthorId)
        {
            throw new RuleViolationException(RuleCode.OnlyAuthorPicks, CardMessages.OnlyAuthorPicks);
        }

        if (Status == CardStatus.Withdrawn)
        {
            throw new RuleViolationException(RuleCode.WithdrawnCannotBeEdited, CardMessages.WithdrawnCannotBeEdited);
        }

        var offer = _offers.FirstOrDefault(o => o.SolverId == solverId)
            ?? throw new RuleViolationException(RuleCode.NoSuchOffer, CardMessages.NoSuchOffer);
        if (offer.IsCoreSolver == isCore)
        {
            return;
        }

        if (isCore && offer.Kind != OfferKind.CanHelp)
        {
            throw new RuleViolationException(RuleCode.CoreNeedsCanHelp, CardMessages.CoreNeedsCanHelp);
        }

        if (isCore && _offers.Count(o => o.IsCoreSolver) >= MaxCoreSolvers)
        {
            throw new RuleViolationException(RuleCode.TooManyCoreSolvers, CardMessages.TooManyCoreSolvers, MaxCoreSolvers);
        }

        offer.SetCore(isCore, now);
    }

    /// <summary>The solvers the author picked for the table.</summary>
    /// <summary>
    /// The purge after the event's retention period, for a card that was placed (its session's record refers to it):
    /// the offers go, and the author becomes a pseudonym with no name and no link to the person.
    /// </summary>
    public void Anonymize(Guid pseudonymId)
    {
        _offers.Clear();
        AuthorId = pseudonymId;
    }

    public IEnumerable<Guid> CoreSolverIds => _offers.Where(o => o.IsCoreSolver).Select(o => o.SolverId);

    /// <summary>Normalizes tags: trims, drops '#', lowercases, joins words with '-', removes duplicates.</summary>
    public static string[] NormalizeTags(IEnumerable<string>? tags)
    {
        var result = new List<string>();
        foreach (var raw in tags ?? [])
        {
            var tag = Whitespace().Replace(raw.Trim().TrimStart('#').Trim().ToLowerInvariant(), "-");
            if (tag.Length == 0 || result.Contains(tag))
            {
                continue;
            }

            var shown = new System.Globalization.StringInfo(tag);
            if (shown.LengthInTextElements > TagMaxLength)
            {
                throw new InvalidInputException("tags", RuleCode.TagTooLong, $"A tag can be at most {TagMaxLength} characters (\"{shown.SubstringByTextElements(0, 10)}…\" is longer).", InputProblem.TooLong, TagMaxLength,
                    [TagMaxLength, shown.SubstringByTextElements(0, 10)]);
            }

            result.Add(Guard.NameLike(tag, "tags"));
        }

        return result.Count <= MaxTags
            ? [.. result]
            : throw new InvalidInputException("tags", RuleCode.TooManyTags, $"A card can have at most {MaxTags} tags.", InputProblem.TooMany, MaxTags, [MaxTags]);
    }

    private void Apply(CardContent content, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(content);
        // Check everything first: a refused edit leaves the card exactly as it was.
        var title = Guard.RequiredText(content.Title, "title", TitleMaxLength);
        if (Guard.IsNotOneLine(title))
        {
            throw new InvalidInputException("title", RuleCode.InputNotOneLine, "Keep the title to one line.", InputProblem.NotOneLine);
        }

        var problem = Guard.RequiredText(content.Problem, "problem", ProblemMaxLength);
        var helpWanted = Guard.OptionalText(content.HelpWanted, "help wanted", HelpWantedMaxLength);
        var kind = Enum.IsDefined(content.Kind) ? content.Kind : throw new InvalidInputException("kind", RuleCode.CardKindMissing, "Pick commercial or non-commercial.");
        var tags = NormalizeTags(content.Tags);
        var language = content.Language?.Trim() ?? string.Empty;
        if (!LanguageTag().IsMatch(language))
        {
            throw new InvalidInputException("language", RuleCode.CardLanguageMissing, "Pick the language the card is written in (for example ko or en).");
        }

        Title = title;
        Problem = problem;
        HelpWanted = helpWanted;
        Kind = kind;
        Tags = tags;
        Language = language.ToLowerInvariant();
        UpdatedAt = now;
    }

    private void EnsureRevision(int? expectedRevision)
    {
        if (expectedRevision is { } expected && expected != Revision)
        {
            throw new ConcurrentEditException(RuleCode.CardEditedElsewhere, CardMessages.EditedElsewhere);
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageTag();
}

/// <summary>The editable part of a card, as a haver fills it in.</summary>
public sealed record CardContent(
    string Title,
    string Problem,
    string? HelpWanted,
    CardKind Kind,
    IReadOnlyList<string>? Tags,
    string Language);
