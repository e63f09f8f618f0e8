using Microsoft.Extensions.Localization;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// Says the marketplace services' outcomes in the reader's language. Services and the domain speak English
/// (as the tests and logs do); a page asks here for the translation of a message or of a field's problem.
/// </summary>
public static class CardText
{
    // The domain's field names, as InvalidInputException.Field carries them, and their resource names.
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["title"] = "Title",
        ["problem"] = "Problem",
        ["help wanted"] = "HelpWanted",
        ["kind"] = "Kind",
        ["tags"] = "Tags",
        ["language"] = "Language",
        ["note"] = "Note",
    };

    private static readonly Dictionary<string, string> Messages = new(StringComparer.Ordinal)
    {
        [CardMessages.WithdrawnCannotBeEdited] = "Cards.Msg.WithdrawnCannotBeEdited",
        [CardMessages.AlreadyWithdrawn] = "Cards.Msg.AlreadyWithdrawn",
        [CardMessages.ScheduledCannotBeWithdrawn] = "Cards.Msg.ScheduledCannotBeWithdrawn",
        [CardMessages.WithdrawnTakesNoOffers] = "Cards.Msg.WithdrawnTakesNoOffers",
        [CardMessages.NotOnOwnCard] = "Cards.Msg.NotOnOwnCard",
        [CardMessages.NoOffer] = "Cards.Msg.NoOffer",
        [CardMessages.EditedElsewhere] = "Cards.Msg.EditedElsewhere",
        [CardMessages.OnlyAuthorPicks] = "Cards.Msg.OnlyAuthorPicks",
        [CardMessages.CoreNeedsCanHelp] = "Cards.Msg.CoreNeedsCanHelp",
        [CardMessages.TooManyCoreSolvers] = "Cards.Msg.TooManyCoreSolvers",
        [CardMessages.NoSuchOffer] = "Cards.Msg.NoSuchOffer",
        [CardMessages.EventArchived] = "Cards.Msg.EventArchived",
        [CardMessages.MarketplaceNotOpen] = "Cards.Msg.MarketplaceNotOpen",
        [CardService.NotAMember] = "Cards.Msg.NotAMember",
        [CardService.NoSuchCard] = "Cards.Msg.NoSuchCard",
        [CardService.NotYourCard] = "Cards.Msg.NotYourCard",
        [CardService.NoSuchEvent] = "Cards.Msg.NoSuchEvent",
    };

    /// <summary>The message for a failed call, in the UI language; a field problem says which field.</summary>
    public static string Message(IStringLocalizer localizer, ServiceResult result)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(result);
        if (result.Failure == ServiceFailure.RateLimited && result.RetryAfterSeconds is { } seconds)
        {
            return localizer["Cards.Msg.TooMany", seconds];
        }

        if (result.Failure == ServiceFailure.Conflict)
        {
            return localizer["Cards.Msg.EditedElsewhere"];
        }

        if (result.Input is { } input)
        {
            return FieldMessage(localizer, input);
        }

        return result.Error is { } error && Messages.TryGetValue(error, out var key)
            ? localizer[key]
            : localizer["Cards.Msg.Failed"];
    }

    /// <summary>The message for one field of a form, or null when the failure is about another field (or none).</summary>
    public static string? FieldError(IStringLocalizer localizer, ServiceResult? result, string field) =>
        result?.Input is { } input && input.Field == field ? FieldMessage(localizer, input) : null;

    /// <summary>Whether the translations cover a domain message (for tests: every card rule has its words).</summary>
    public static bool Knows(string message) => Messages.ContainsKey(message);

    /// <summary>The resource key for a field's problem, such as "Cards.Invalid.Title.TooLong".</summary>
    public static string FieldKey(InputError input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return $"Cards.Invalid.{Fields.GetValueOrDefault(input.Field, "Other")}.{input.Problem}";
    }

    private static string FieldMessage(IStringLocalizer localizer, InputError input)
    {
        var text = localizer[FieldKey(input), input.Limit ?? 0];
        // A combination without its own words falls back to a general one (still translated).
        return text.ResourceNotFound ? localizer[$"Cards.Invalid.{input.Problem}", input.Limit ?? 0] : text;
    }
}
