using System.Text.RegularExpressions;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.People;

/// <summary>The kinds of contact channel a person can keep. Flags, so that a request can reveal a subset.</summary>
[Flags]
public enum ContactChannels
{
    None = 0,
    Email = 1,
    Phone = 2,
    Messenger = 4,
    LinkedIn = 8,
    All = Email | Phone | Messenger | LinkedIn,
}

/// <summary>
/// A person's private contact channels. Never shown, exported or logged unless a contact request between the
/// two people was accepted, and then only the channels that request reveals.
/// </summary>
public sealed partial record ContactDetails
{
    public static ContactDetails None { get; } = new();

    /// <summary>The longest email address a mail system delivers (RFC 5321 path limit).</summary>
    public const int EmailMaxLength = 254;

    /// <summary>Digits, spaces and punctuation of an international phone number.</summary>
    public const int PhoneMaxLength = 32;

    public const int MessengerMaxLength = 64;

    public const int LinkedInMaxLength = 200;

    private ContactDetails()
    {
    }

    public string? Email { get; private init; }

    public string? Phone { get; private init; }

    /// <summary>A messenger handle, for example a KakaoTalk or Signal id.</summary>
    public string? Messenger { get; private init; }

    public string? LinkedIn { get; private init; }

    /// <summary>Which channels have a value.</summary>
    public ContactChannels Present =>
        (Email is null ? 0 : ContactChannels.Email) | (Phone is null ? 0 : ContactChannels.Phone) |
        (Messenger is null ? 0 : ContactChannels.Messenger) | (LinkedIn is null ? 0 : ContactChannels.LinkedIn);

    /// <summary>Checks and normalizes the channels; empty values mean "not given".</summary>
    public static ContactDetails Create(string? email, string? phone, string? messenger, string? linkedIn)
    {
        var mail = Optional(email, "email", EmailMaxLength);
        if (mail is not null && !EmailShape().IsMatch(mail))
        {
            throw new InvalidInputException("email", RuleCode.EmailShape, "That does not look like an email address (name@example.com).");
        }

        var tel = Optional(phone, "phone", PhoneMaxLength);
        if (tel is not null && !PhoneShape().IsMatch(tel))
        {
            throw new InvalidInputException("phone", RuleCode.PhoneShape, "A phone number has digits, spaces, '+', '-' or brackets only.");
        }

        var handle = Optional(messenger, "messenger", MessengerMaxLength);
        var linked = Optional(linkedIn, "LinkedIn", LinkedInMaxLength);
        if (linked is not null &&
            !(Uri.TryCreate(linked, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps &&
              (uri.Host.Equals("linkedin.com", StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith(".linkedin.com", StringComparison.OrdinalIgnoreCase))))
        {
            throw new InvalidInputException("LinkedIn", RuleCode.LinkedInShape, "Give your LinkedIn profile address, starting with https://www.linkedin.com/.");
        }

        return new ContactDetails { Email = mail, Phone = tel, Messenger = handle, LinkedIn = linked };
    }

    /// <summary>Only the channels in <paramref name="channels"/>; the rest are left out.</summary>
    public ContactDetails Only(ContactChannels channels) => new()
    {
        Email = channels.HasFlag(ContactChannels.Email) ? Email : null,
        Phone = channels.HasFlag(ContactChannels.Phone) ? Phone : null,
        Messenger = channels.HasFlag(ContactChannels.Messenger) ? Messenger : null,
        LinkedIn = channels.HasFlag(ContactChannels.LinkedIn) ? LinkedIn : null,
    };

    /// <summary>Never print contact details by accident (logs, exceptions, debugger displays).</summary>
    public override string ToString() => $"ContactDetails({Present})";

    private static string? Optional(string? value, string field, int maxLength)
    {
        var text = Guard.OptionalText(value, field, maxLength);
        if (Guard.IsNotOneLine(text))
        {
            throw new InvalidInputException(field, RuleCode.InputNotOneLine, "Keep it to one line.");
        }

        return text.Length == 0 ? null : text;
    }

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailShape();

    [GeneratedRegex(@"^\+?[0-9 ()\-]{4,32}$")]
    private static partial Regex PhoneShape();
}
