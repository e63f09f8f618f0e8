using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>A time box in which every room can hold one session.</summary>
public sealed class Round
{
    /// <summary>The length of a round unless the organizer says otherwise.</summary>
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromMinutes(45);

    /// <summary>The longest round we accept; longer is almost certainly a typo.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(4);

    private Round()
    {
    }

    internal Round(Guid id, Guid eventId, int number, DateTimeOffset startsAt, TimeSpan duration)
    {
        Id = id;
        EventId = eventId;
        Number = number;
        StartsAt = startsAt.ToUniversalTime();
        Duration = CheckDuration(duration);
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    /// <summary>1, 2, 3 … in time order.</summary>
    public int Number { get; private set; }

    /// <summary>The start, as a UTC instant.</summary>
    public DateTimeOffset StartsAt { get; private set; }

    public TimeSpan Duration { get; private set; }

    public DateTimeOffset EndsAt => StartsAt + Duration;

    /// <summary>True when the two rounds share any moment; touching ends do not overlap.</summary>
    public bool Overlaps(DateTimeOffset startsAt, TimeSpan duration) =>
        StartsAt < startsAt + duration && startsAt < EndsAt;

    internal static TimeSpan CheckDuration(TimeSpan duration) =>
        duration >= TimeSpan.FromMinutes(5) && duration <= MaxDuration
            ? duration
            : throw new InvalidInputException("duration", RuleCode.RoundDuration, $"A round lasts between 5 minutes and {MaxDuration.TotalHours:0} hours (it was {duration.TotalMinutes:0} minutes).",
                arguments: [5, (int)MaxDuration.TotalHours, (int)Math.Round(duration.TotalMinutes)]);

    internal void Renumber(int number) => Number = number;

    internal void Reschedule(DateTimeOffset startsAt, TimeSpan duration)
    {
        StartsAt = startsAt.ToUniversalTime();
        Duration = CheckDuration(duration);
    }
}
