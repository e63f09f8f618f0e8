using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.People;

/// <summary>Someone who takes part in events: a haver, a solver, a moderator or an organizer.</summary>
public sealed class Person
{
    /// <summary>The longest display name, in characters a person sees.</summary>
    public const int DisplayNameMaxLength = 40;

    /// <summary>The longest "ask me about" line.</summary>
    public const int AskMeAboutMaxLength = 100;

    /// <summary>What an erased person is shown as; their sessions and kept cards carry no name.</summary>
    public const string ErasedName = "—";

    private Person()
    {
        DisplayName = AskMeAbout = string.Empty;
        Contact = ContactDetails.None;
    }

    /// <summary>Creates a person with a display name (a pseudonym is fine).</summary>
    public Person(Guid id, string displayName, DateTimeOffset now)
        : this()
    {
        Id = id;
        DisplayName = CheckDisplayName(displayName);
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public string DisplayName { get; private set; }

    /// <summary>One line that tells others what to ask this person about. Public.</summary>
    public string AskMeAbout { get; private set; }

    /// <summary>Private contact channels: shown only through an accepted contact request.</summary>
    public ContactDetails Contact { get; private set; }

    /// <summary>
    /// The channels ticked at first when the person asks for or accepts a contact exchange. None until the person
    /// ticks some on their profile: one hurried tap must never share a phone number nobody chose to share.
    /// </summary>
    public ContactChannels DefaultSharedChannels { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>True once the account was deleted: the row stays so that history keeps its shape, without a name.</summary>
    public bool IsErased { get; private set; }

    /// <summary>Whether the credit ledger (thanks received, sessions helped) shows on the public profile; off until the person turns it on.</summary>
    public bool SharesCredits { get; private set; }

    /// <summary>Shows or hides the credit ledger on the public profile.</summary>
    public void ShareCredits(bool share)
    {
        EnsureNotErased();
        SharesCredits = share;
    }

    /// <summary>Changes the name shown to others.</summary>
    public void Rename(string displayName)
    {
        EnsureNotErased();
        DisplayName = CheckDisplayName(displayName);
    }

    /// <summary>Changes the public profile line.</summary>
    public void DescribeInterests(string? askMeAbout)
    {
        EnsureNotErased();
        var line = Guard.OptionalText(askMeAbout, "ask me about", AskMeAboutMaxLength);
        AskMeAbout = Guard.IsNotOneLine(line)
            ? throw new InvalidInputException("ask me about", RuleCode.InputNotOneLine, "Keep \"ask me about\" to one line.")
            : line;
    }

    /// <summary>Replaces the private contact channels and which of them requests reveal by default.</summary>
    public void SetContact(ContactDetails contact, ContactChannels sharedByDefault)
    {
        EnsureNotErased();
        ArgumentNullException.ThrowIfNull(contact);
        Contact = contact;
        DefaultSharedChannels = sharedByDefault & ContactChannels.All;
    }

    /// <summary>Forgets everything personal. The id stays so that kept cards and sessions still hold together.</summary>
    public void Erase()
    {
        DisplayName = ErasedName;
        AskMeAbout = string.Empty;
        SharesCredits = false;
        Contact = ContactDetails.None;
        DefaultSharedChannels = ContactChannels.None;
        IsErased = true;
    }

    private void EnsureNotErased()
    {
        if (IsErased)
        {
            throw new RuleViolationException(RuleCode.AccountDeleted, "This account was deleted.");
        }
    }

    private static string CheckDisplayName(string displayName)
    {
        var name = Guard.RequiredText(displayName, "display name", DisplayNameMaxLength);
        if (Guard.IsNotOneLine(name))
        {
            throw new InvalidInputException("display name", RuleCode.InputNotOneLine, "A display name is one line of text.");
        }

        if (name == ErasedName)
        {
            throw new InvalidInputException("display name", RuleCode.DisplayNameNeedsLetter, "Pick a name with at least one letter or digit.");
        }

        return Guard.NameLike(name, "display name");
    }
}
