using System.Globalization;
using Microsoft.Extensions.Localization;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// The card form's words for a refused field ("give the card a title"); every other refusal is said by
/// <see cref="RuleText"/>, the one translator.
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

    /// <summary>The message for a failed call, in the UI language; a field problem says which field.</summary>
    public static string Message(IStringLocalizer localizer, ServiceResult result)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(result);
        // A form words a field's problem its own way; everything else is said by the one translator.
        return result.Input is { } input ? FieldMessage(localizer, input) : RuleText.Message(localizer, result);
    }

    /// <summary>The message for one field of a form, or null when the failure is about another field (or none).</summary>
    public static string? FieldError(IStringLocalizer localizer, ServiceResult? result, string field) =>
        result?.Input is { } input && input.Field == field ? FieldMessage(localizer, input) : null;

    /// <summary>
    /// While a field holds more than <paramref name="limit"/> characters, the same words the server would say on
    /// posting ("the problem can be at most 2000 characters"); null when it fits. A paste over the limit is kept in
    /// the field (and in the draft), so the person sees at once that it is too long and can cut it down.
    /// </summary>
    public static string? TooLong(IStringLocalizer localizer, string field, string? text, int limit) =>
        Characters(text) > limit ? FieldMessage(localizer, new InputError(field, InputProblem.TooLong, limit)) : null;

    /// <summary>Characters as the domain counts them: text elements of the trimmed text (one emoji, one Hangul syllable = 1).</summary>
    public static int Characters(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : new StringInfo(text.Trim()).LengthInTextElements;

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
