using System.Globalization;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>
/// The people services' refusals in English, as logs and tests read them; each goes out with its
/// <see cref="RuleCode"/>, and pages say it through <see cref="Shared.RuleText"/>. The profile form's per-field
/// words are here too.
/// </summary>
public static class PeopleMessages
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
    public const string NotYourself = "You cannot send a contact request to yourself.";
    public const string ChooseCards = "Choose what happens to your cards.";

    /// <summary>The refusal for a person who sent contact requests faster than the limit.</summary>
    public static RuleMessage TooMany(int retryAfterSeconds) => new(
        RuleCode.ContactRequestsTooFast,
        string.Create(CultureInfo.InvariantCulture, $"You sent many contact requests just now. Try again in {retryAfterSeconds} seconds."),
        retryAfterSeconds);

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
}
