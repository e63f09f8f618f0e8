using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>
/// A haver's thanks to someone who helped in their session, with a one-line note (issue 13). One per session and
/// person thanked; thanking again replaces the note.
/// </summary>
public sealed class Kudos
{
    public const int NoteMaxLength = 140;

    private Kudos()
    {
        Note = string.Empty;
    }

    internal Kudos(Guid sessionId, Guid fromId, Guid toId, DateTimeOffset now)
        : this()
    {
        SessionId = sessionId;
        FromId = fromId;
        ToId = toId;
        GivenAt = now;
    }

    public Guid SessionId { get; private set; }

    /// <summary>The haver who says thank you.</summary>
    public Guid FromId { get; private set; }

    /// <summary>The person thanked.</summary>
    public Guid ToId { get; private set; }

    public string Note { get; private set; }

    public DateTimeOffset GivenAt { get; private set; }

    internal void Write(string? note, DateTimeOffset now)
    {
        var text = Guard.RequiredText(note, "note", NoteMaxLength);
        if (Guard.IsNotOneLine(text))
        {
            throw new InvalidInputException("note", RuleCode.InputNotOneLine, "Keep the note to one line.", InputProblem.NotOneLine);
        }

        Note = text;
        GivenAt = now;
    }
}
