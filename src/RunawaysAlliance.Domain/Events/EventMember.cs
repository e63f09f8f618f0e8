namespace RunawaysAlliance.Domain.Events;

/// <summary>A person's role in one event.</summary>
public sealed class EventMember
{
    private EventMember()
    {
    }

    internal EventMember(Guid eventId, Guid personId, EventRole role, DateTimeOffset now)
    {
        EventId = eventId;
        PersonId = personId;
        Role = role;
        JoinedAt = now;
    }

    public Guid EventId { get; private set; }

    public Guid PersonId { get; private set; }

    public EventRole Role { get; private set; }

    public DateTimeOffset JoinedAt { get; private set; }

    /// <summary>
    /// The member agreed that session records may name them (issue 10). Off until they say so: a record that names
    /// a participant who has not agreed is not published.
    /// </summary>
    public bool AgreesToBeNamed { get; private set; }

    /// <summary>True when the member may do what <paramref name="role"/> may do.</summary>
    public bool Has(EventRole role) => Role >= role;

    internal void ChangeRole(EventRole role) => Role = role;

    internal void AgreeToBeNamed(bool agrees) => AgreesToBeNamed = agrees;

    /// <summary>The secret in the address of the member's personal calendar feed; null until they ask for one.</summary>
    public string? CalendarToken { get; private set; }

    /// <summary>The longest calendar token accepted.</summary>
    public const int CalendarTokenMaxLength = 64;

    internal void SetCalendarToken(string token) => CalendarToken = token;
}
