using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>Whether 45 minutes (the round) was enough for the session, in the eyes of one participant.</summary>
public enum SessionLength
{
    TooShort,
    Right,
    TooLong,
}

/// <summary>
/// One participant's word on a session once it ended: a rating from 1 to 5, whether the time was too short, right
/// or too long, and an optional comment. One per person and session; giving it again replaces it (issue 13).
/// </summary>
public sealed class SessionFeedback
{
    public const int MinRating = 1;
    public const int MaxRating = 5;
    public const int CommentMaxLength = 500;

    private SessionFeedback()
    {
    }

    internal SessionFeedback(Guid sessionId, Guid personId, DateTimeOffset now)
    {
        SessionId = sessionId;
        PersonId = personId;
        GivenAt = now;
        UpdatedAt = now;
    }

    public Guid SessionId { get; private set; }

    public Guid PersonId { get; private set; }

    public int Rating { get; private set; }

    /// <summary>Null when the person did not say.</summary>
    public SessionLength? Length { get; private set; }

    public string? Comment { get; private set; }

    public DateTimeOffset GivenAt { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    internal void Change(int rating, SessionLength? length, string? comment, DateTimeOffset now)
    {
        if (rating is < MinRating or > MaxRating)
        {
            throw new RuleViolationException(RuleCode.RatingOutOfRange, $"A rating is from {MinRating} to {MaxRating} stars.", MinRating, MaxRating);
        }

        if (length is { } given && !Enum.IsDefined(given))
        {
            throw new InvalidInputException("length", RuleCode.InputUnknownValue, $"Length \"{given}\" is not one of too short, right, too long.", InputProblem.Invalid, null, [given.ToString()]);
        }

        Rating = rating;
        Length = length;
        Comment = Guard.OptionalText(comment, "comment", CommentMaxLength) is { Length: > 0 } text ? text : null;
        UpdatedAt = now;
    }
}
