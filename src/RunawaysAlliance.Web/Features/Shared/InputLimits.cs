using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// The browser's side of the domain's text limits (ADR 0008). The domain counts characters as people see them
/// (text elements) and allows up to <c>Guard.MaxUnitsPerCharacter</c> UTF-16 units for each; an HTML
/// <c>maxlength</c> counts UTF-16 units. So a field's <c>maxlength</c> is its domain limit times that bound:
/// the browser never refuses text the domain accepts, and what a field can send the server stays bounded.
/// A paste longer than that is not cut silently: <c>TextLimits.razor.js</c> puts what does not fit beside the field.
/// </summary>
public static class InputLimits
{
    /// <summary>UTF-8 needs at most three bytes for one UTF-16 unit (a surrogate pair is four bytes for two units).</summary>
    public const int MaxUtf8BytesPerUnit = 3;

    /// <summary>
    /// Room for what travels with a field's text in one SignalR message: the event descriptor or interop call,
    /// the JSON around the values and its escapes (a quote or a line break is two bytes for one unit), the framing.
    /// </summary>
    public const int MessageOverheadBytes = 16 * 1024;

    /// <summary>The browser's <c>maxlength</c> (UTF-16 units) for a field the domain limits to <paramref name="characters"/>.</summary>
    public static int Units(int characters) => checked(characters * Guard.MaxUnitsPerCharacter);

    /// <summary>
    /// The card form's browser copy, sent in one message after a reconnect: every text field at its <c>maxlength</c>.
    /// </summary>
    public static int CardFormUnits { get; } =
        Units(ProblemCard.TitleMaxLength) + Units(ProblemCard.ProblemMaxLength) + Units(ProblemCard.HelpWantedMaxLength) +
        Units(ProblemCard.TagsTextMaxLength);

    /// <summary>
    /// The most UTF-16 units one message from a page carries: the card form's browser copy, or the longest field the
    /// domain has (the session record's notes) at its <c>maxlength</c>, whichever is larger.
    /// </summary>
    public static int LargestMessageUnits { get; } = Math.Max(CardFormUnits, Units(SessionRecord.NotesMaxLength));

    /// <summary>
    /// The hub's receive limit (<c>MaximumReceiveMessageSize</c>): the largest message in UTF-8 plus its overhead.
    /// The default (32 KB) is smaller than one Hangul problem at its limit can be; a message over the limit drops the
    /// connection, and the browser used to send the same text again after every reconnect (issue 15).
    /// </summary>
    public static int HubMessageBytes { get; } = LargestMessageUnits * MaxUtf8BytesPerUnit + MessageOverheadBytes;

    /// <summary>What the card form's script may push in one call (values as JSON, UTF-8): the hub limit less its overhead.</summary>
    public static int BrowserPushBytes { get; } = HubMessageBytes - MessageOverheadBytes;

    /// <summary>Identity's user name column (<c>IdentityUserContext</c>: <c>HasMaxLength(256)</c>).</summary>
    public const int UserName = 256;
}
