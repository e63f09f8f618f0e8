using System.Globalization;
using Microsoft.Extensions.Localization;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// The one place that says a refusal in the reader's language: the resource <c>Rule.&lt;Code&gt;</c>, filled with
/// the refusal's arguments, each formatted for the reader (a slot by the <c>Rule.Slot</c> template, a field by its
/// <c>Field.*</c> label, a time in the UI culture, a phase or role by its name). Services and the domain speak
/// English only for logs and tests; pages show what this returns.
/// </summary>
public static class RuleText
{
    /// <summary>The resource that names a code.</summary>
    public static string Key(RuleCode code) => $"Rule.{code}";

    /// <summary>What a failed call says, in the UI language (a generic sentence when it names no code).</summary>
    public static string Message(IStringLocalizer localizer, ServiceResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Code is { } code ? Message(localizer, code, result.Arguments) : Failed(localizer);
    }

    /// <summary>What a refusal says, in the UI language.</summary>
    public static string Message(IStringLocalizer localizer, DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Message(localizer, exception.Code, exception.Arguments);
    }

    /// <summary>What <paramref name="code"/> says with <paramref name="arguments"/>, in the UI language.</summary>
    public static string Message(IStringLocalizer localizer, RuleCode code, IReadOnlyList<object> arguments)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(arguments);
        var text = localizer[Key(code), [.. arguments.Select(a => Format(localizer, a))]];
        return text.ResourceNotFound ? Failed(localizer) : text.Value;
    }

    /// <summary>One argument as the reader sees it; names and titles people typed stay as typed.</summary>
    public static string Format(IStringLocalizer localizer, object? argument)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        var culture = CultureInfo.CurrentUICulture;
        return argument switch
        {
            null => string.Empty,
            string text => text,
            SlotName slot => localizer["Rule.Slot", slot.Room, slot.Round.ToString(culture)],
            FieldName field => Label(localizer, field),
            TimeOnly time => time.ToString("HH:mm", culture),
            DateOnly date => date.ToString("yyyy-MM-dd", culture),
            DateTimeOffset instant => instant.ToString("g", culture),
            EventPhase phase => localizer[$"Phase.{phase}"],
            EventRole role => localizer[$"Role.{role}"],
            RuleMessage message => Message(localizer, message.Code, message.Arguments).TrimEnd('.'),
            IEnumerable<RuleMessage> messages => string.Join("; ", messages.Select(m => Format(localizer, m))),
            IFormattable formattable => formattable.ToString(null, culture),
            _ => argument.ToString() ?? string.Empty,
        };
    }

    /// <summary>The generic sentence for a failure that names nothing more specific.</summary>
    public static string Failed(IStringLocalizer localizer)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        return localizer["Rule.Failed"];
    }

    // "help wanted" → Field.HelpWanted; a field without a label is shown by its domain name (a test walks them all).
    private static string Label(IStringLocalizer localizer, FieldName field)
    {
        var key = "Field." + string.Concat(field.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(word => char.ToUpperInvariant(word[0]) + word[1..]));
        var label = localizer[key];
        return label.ResourceNotFound ? field.Name : label.Value;
    }
}
