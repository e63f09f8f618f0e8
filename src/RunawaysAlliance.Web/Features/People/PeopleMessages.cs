using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>
/// The messages the people services return, in English as the services and tests speak, and the resource key a
/// page shows instead. Services stay free of UI types; pages call <see cref="Localize"/>.
/// </summary>
public static partial class PeopleMessages
{
    public const string NoSuchPerson = "Your account was not found. Sign in again.";
    public const string NotInCommonEvent = "You can ask for contacts only of people in one of your events.";
    public const string NoSuchRecipient = "That person is not here any more.";
    public const string NoChannels = "Add a contact channel to your profile first.";
    public const string PickChannel = "Pick at least one of your channels to share.";
    public const string AlreadyOpen = "You already have an open contact request with this person.";
    public const string AlreadyAskedYou = "This person already asked you: answer their request in My contacts.";
    public const string AlreadyExchanged = "You already exchanged contacts with this person.";
    public const string NoSuchRequest = "That contact request does not exist any more.";
    public const string OnlyRecipient = "Only the person asked can answer this contact request.";
    public const string NotYours = "This contact request is not yours.";
    public const string Saved = "Saved.";

    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        [NoSuchPerson] = "People.Msg.NoSuchPerson",
        [NotInCommonEvent] = "People.Msg.NotInCommonEvent",
        [NoSuchRecipient] = "People.Msg.NoSuchRecipient",
        [NoChannels] = "People.Msg.NoChannels",
        [PickChannel] = "People.Msg.PickChannel",
        [AlreadyOpen] = "People.Msg.AlreadyOpen",
        [AlreadyAskedYou] = "People.Msg.AlreadyAskedYou",
        [AlreadyExchanged] = "People.Msg.AlreadyExchanged",
        [NoSuchRequest] = "People.Msg.NoSuchRequest",
        [OnlyRecipient] = "People.Msg.OnlyRecipient",
        [NotYours] = "People.Msg.NotYours",
        // The domain's own words for the contact request rules.
        ["You cannot send a contact request to yourself."] = "People.Msg.NotYourself",
        ["This contact request was already answered."] = "People.Msg.AlreadyAnswered",
        ["This contact request is already closed."] = "People.Msg.AlreadyClosed",
        ["Decline the request instead."] = "People.Msg.DeclineInstead",
        ["This account was deleted."] = "People.Msg.AccountDeleted",
        ["Someone else changed this at the same time. Reload to see their change, then try again."] = "People.Msg.Concurrent",
    };

    /// <summary>The message for a person who was rate limited.</summary>
    public static string TooMany(int retryAfterSeconds) =>
        string.Create(CultureInfo.InvariantCulture, $"You sent many contact requests just now. Try again in {retryAfterSeconds} seconds.");

    /// <summary>The message in the UI language when it is a known one; otherwise as the service said it.</summary>
    public static string Localize(IStringLocalizer localizer, string? message)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (string.IsNullOrEmpty(message))
        {
            return localizer["People.Msg.Failed"];
        }

        if (Keys.TryGetValue(message, out var key))
        {
            return localizer[key];
        }

        var tooMany = TooManyPattern().Match(message);
        return tooMany.Success ? localizer["People.Msg.TooMany", tooMany.Groups["s"].Value] : message;
    }

    /// <summary>
    /// The resource key of the per-field message for a profile field the domain named ("display name",
    /// "ask me about", "email", "phone", "messenger", "LinkedIn"), or null for an unknown field.
    /// </summary>
    public static string? FieldKey(string? field) => field switch
    {
        "display name" => "Profile.Invalid.DisplayName",
        "ask me about" => "Profile.Invalid.AskMeAbout",
        "email" => "Profile.Invalid.Email",
        "phone" => "Profile.Invalid.Phone",
        "messenger" => "Profile.Invalid.Messenger",
        "LinkedIn" => "Profile.Invalid.LinkedIn",
        _ => null,
    };

    [GeneratedRegex(@"^You sent many contact requests just now\. Try again in (?<s>[0-9]+) seconds\.$")]
    private static partial Regex TooManyPattern();
}
