using Microsoft.Extensions.Localization;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>The signed-in person's own profile, private channels included (only ever handed to that person).</summary>
public sealed record MyProfile(
    Guid PersonId,
    string DisplayName,
    string AskMeAbout,
    ContactDetails Contact,
    ContactChannels DefaultSharedChannels)
{
    /// <summary>No contact values in logs or debugger displays.</summary>
    public override string ToString() => $"MyProfile({PersonId}, {Contact})";
}

/// <summary>What the profile form edits. Empty channel values mean "not given".</summary>
public sealed class ProfileInput
{
    public string? DisplayName { get; set; }

    public string? AskMeAbout { get; set; }

    public string? Email { get; set; }

    public string? Phone { get; set; }

    public string? Messenger { get; set; }

    public string? LinkedIn { get; set; }

    /// <summary>Nothing until the person ticks a channel: the profile form never pre-ticks what a request shares.</summary>
    public ContactChannels DefaultSharedChannels { get; set; }

    public static ProfileInput From(MyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new ProfileInput
        {
            DisplayName = profile.DisplayName,
            AskMeAbout = profile.AskMeAbout,
            Email = profile.Contact.Email,
            Phone = profile.Contact.Phone,
            Messenger = profile.Contact.Messenger,
            LinkedIn = profile.Contact.LinkedIn,
            DefaultSharedChannels = profile.DefaultSharedChannels,
        };
    }

    /// <summary>No contact values in logs or debugger displays.</summary>
    public override string ToString() => nameof(ProfileInput);
}

/// <summary>The outcome of saving a profile: <see cref="Field"/> names the input a refusal is about.</summary>
public sealed record ProfileSaveResult(ServiceResult Outcome, string? Field = null)
{
    public static ProfileSaveResult Ok { get; } = new(ServiceResult.Ok);

    public bool Succeeded => Outcome.Succeeded;

    public string? Error => Outcome.Error;
}

/// <summary>Where the caller stands with another person of an event.</summary>
public enum ContactState
{
    None,
    Self,

    /// <summary>The caller asked and waits for an answer.</summary>
    Requested,

    /// <summary>The other person asked the caller.</summary>
    AskedMe,
    Exchanged,
}

/// <summary>A member of an event as everyone sees them: the public profile, nothing private.</summary>
public sealed record EventPerson(Guid PersonId, string DisplayName, string AskMeAbout, EventRole Role, ContactState State);

/// <summary>The people of an event, and what the caller (if any) can do with them.</summary>
public sealed record EventPeople(
    Guid EventId,
    string Slug,
    string EventName,
    bool CallerIsMember,
    ContactChannels CallerChannels,
    ContactChannels CallerDefaultChannels,
    IReadOnlyList<EventPerson> People);

/// <summary>
/// One contact request seen by one side of it. <see cref="TheirContact"/> holds values only while the request is
/// accepted, and then only the channels the other person chose to reveal.
/// </summary>
public sealed record ContactExchange(
    Guid RequestId,
    Guid OtherPersonId,
    string OtherName,
    string OtherAskMeAbout,
    bool SentByMe,
    ContactRequestStatus Status,
    ContactChannels MyShares,
    ContactChannels TheirShares,
    ContactDetails TheirContact,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AnsweredAt)
{
    /// <summary>No contact values in logs or debugger displays.</summary>
    public override string ToString() => $"ContactExchange({RequestId}, {Status}, {TheirContact})";
}

/// <summary>The caller's contact requests: asked of them, asked by them, and the accepted exchanges.</summary>
public sealed record MyContacts(
    IReadOnlyList<ContactExchange> Incoming,
    IReadOnlyList<ContactExchange> Outgoing,
    IReadOnlyList<ContactExchange> Exchanged,
    ContactChannels MyChannels,
    ContactChannels MyDefaultChannels)
{
    public IEnumerable<ContactExchange> All => Incoming.Concat(Outgoing).Concat(Exchanged);
}

/// <summary>A person's data as a downloadable document.</summary>
public sealed record PersonalDataExport(string FileName, byte[] Content)
{
    public override string ToString() => $"PersonalDataExport({FileName}, {Content.Length} bytes)";
}

/// <summary>What happens to a person's cards when they delete their account.</summary>
public enum CardsOnDelete
{
    /// <summary>Cards stay on the board without a name.</summary>
    KeepAnonymously = 0,

    /// <summary>Cards that were never placed are deleted with their offers; placed ones are kept without a name.</summary>
    Delete = 1,
}

internal static class Channels
{
    public static readonly ContactChannels[] Each = [ContactChannels.Email, ContactChannels.Phone, ContactChannels.Messenger, ContactChannels.LinkedIn];

    public static IEnumerable<ContactChannels> In(ContactChannels channels) => Each.Where(c => channels.HasFlag(c));

    public static string[] Names(ContactChannels channels) => In(channels).Select(c => c.ToString()).ToArray();

    /// <summary>"Email, Phone" in the UI language.</summary>
    public static string Localized(IStringLocalizer localizer, ContactChannels channels) =>
        string.Join(", ", In(channels).Select(c => localizer[$"Channel.{c}"].Value));
}
