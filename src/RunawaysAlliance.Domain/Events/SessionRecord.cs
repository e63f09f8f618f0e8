using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>Who reads a session record beyond the organizers.</summary>
public enum RecordVisibility
{
    /// <summary>The session's people (moderator, haver, core solvers, seat holders) and the organizers.</summary>
    Private = 0,

    /// <summary>Every member of the event.</summary>
    Attendees = 1,

    /// <summary>Anyone, in the event's public archive once it is archived.</summary>
    Public = 2,
}

/// <summary>
/// What a session produced: the moderator's notes, outcomes and next steps. Its own row and concurrency
/// token, and a revision so that an edit from a stale tab is refused instead of overwriting (ADR 0010).
/// </summary>
public sealed class SessionRecord
{
    public const int NotesMaxLength = 10_000;
    public const int OutcomesMaxLength = 4_000;
    public const int NextStepsMaxLength = 4_000;

    private SessionRecord()
    {
        Notes = Outcomes = NextSteps = string.Empty;
    }

    internal SessionRecord(Guid sessionId)
        : this()
    {
        SessionId = sessionId;
    }

    public Guid SessionId { get; private set; }

    public string Notes { get; private set; }

    public string Outcomes { get; private set; }

    public string NextSteps { get; private set; }

    /// <summary>0 until the first edit; each edit adds one.</summary>
    public int Revision { get; private set; }

    public DateTimeOffset? UpdatedAt { get; private set; }

    public Guid? UpdatedBy { get; private set; }

    /// <summary>The moderator marked that 45 minutes were not enough: the session wants a follow-up meeting.</summary>
    public bool NeedsFollowUp { get; private set; }

    /// <summary>Who reads the record: private to the session's people until an organizer shares it.</summary>
    public RecordVisibility Visibility { get; private set; }

    /// <summary>When an organizer last shared the record beyond the session's people; null while it is private.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>Shared beyond the session's people (with the attendees or the public).</summary>
    public bool IsPublished => Visibility != RecordVisibility.Private;

    public bool IsEmpty => Notes.Length == 0 && Outcomes.Length == 0 && NextSteps.Length == 0;

    /// <summary>Replaces the record's text. <paramref name="expectedRevision"/> is the revision the editor started from.</summary>
    public void Edit(string? notes, string? outcomes, string? nextSteps, Guid editorId, DateTimeOffset now, int? expectedRevision = null) =>
        Edit(notes, outcomes, nextSteps, NeedsFollowUp, editorId, now, expectedRevision);

    /// <summary>Replaces the record's text and its follow-up mark, from the revision the editor started from.</summary>
    public void Edit(string? notes, string? outcomes, string? nextSteps, bool needsFollowUp, Guid editorId, DateTimeOffset now, int? expectedRevision = null)
    {
        if (expectedRevision is { } expected && expected != Revision)
        {
            throw new ConcurrentEditException(RuleCode.RecordEditedElsewhere, "This record was changed by someone else since you opened it. Reload to see their version, then make your change again.");
        }

        var checkedNotes = Guard.OptionalText(notes, "notes", NotesMaxLength);
        var checkedOutcomes = Guard.OptionalText(outcomes, "outcomes", OutcomesMaxLength);
        var checkedNextSteps = Guard.OptionalText(nextSteps, "next steps", NextStepsMaxLength);
        Notes = checkedNotes;
        Outcomes = checkedOutcomes;
        NextSteps = checkedNextSteps;
        NeedsFollowUp = needsFollowUp;
        UpdatedAt = now;
        UpdatedBy = editorId;
        Revision++;
    }

    /// <summary>
    /// Sets who reads the record (an organizer's decision, after the service's checks for names and contact details);
    /// sharing it again at the same level keeps the first instant.
    /// </summary>
    public void ChangeVisibility(RecordVisibility visibility, DateTimeOffset now)
    {
        if (!Enum.IsDefined(visibility))
        {
            throw new InvalidInputException("visibility", RuleCode.InputUnknownValue, "Choose private, attendees or public.");
        }

        PublishedAt = visibility == RecordVisibility.Private ? null : visibility == Visibility ? PublishedAt ?? now : now;
        Visibility = visibility;
    }

    /// <summary>Shares the record with every member of the event.</summary>
    public void Publish(DateTimeOffset now) => ChangeVisibility(RecordVisibility.Attendees, now);

    /// <summary>Makes the record private to the session's people and the organizers again.</summary>
    public void Unpublish() => ChangeVisibility(RecordVisibility.Private, default);

    /// <summary>The purge after the retention period: the record keeps its text, and no longer says who edited it.</summary>
    internal void Anonymize(Func<Guid, Guid> pseudonym)
    {
        if (UpdatedBy is { } editor)
        {
            UpdatedBy = pseudonym(editor);
        }
    }
}
