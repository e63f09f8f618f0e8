using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.People;

/// <summary>Someone who takes part in events: a haver, a solver, a moderator or an organizer.</summary>
public sealed class Person
{
    /// <summary>The longest display name, in characters a person sees.</summary>
    public const int DisplayNameMaxLength = 40;

    private Person()
    {
        DisplayName = string.Empty;
    }

    /// <summary>Creates a person with a display name (a pseudonym is fine).</summary>
    public Person(Guid id, string displayName, DateTimeOffset now)
    {
        Id = id;
        DisplayName = Guard.RequiredText(displayName, "display name", DisplayNameMaxLength);
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public string DisplayName { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Changes the name shown to others.</summary>
    public void Rename(string displayName) =>
        DisplayName = Guard.RequiredText(displayName, "display name", DisplayNameMaxLength);
}
