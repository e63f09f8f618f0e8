namespace RunawaysAlliance.Domain.Common;

/// <summary>Input checks shared by the entities, so that every field gets the same kind of message.</summary>
public static class Guard
{
    /// <summary>UTF-16 units allowed per visible character; a family emoji takes 11, so 16 leaves room for real text.</summary>
    public const int MaxUnitsPerCharacter = 16;

    /// <summary>Trims the text and checks that it is present and not longer than <paramref name="maxLength"/>.</summary>
    public static string RequiredText(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new InvalidInputException(field, RuleCode.InputRequired, $"{Label(field)} is required.", InputProblem.Required);
        }

        return MaxLength(trimmed, field, maxLength);
    }

    /// <summary>Trims the text (null becomes empty) and checks that it is not longer than <paramref name="maxLength"/>.</summary>
    public static string OptionalText(string? value, string field, int maxLength) =>
        MaxLength(value?.Trim() ?? string.Empty, field, maxLength);

    /// <summary>True for text that is not one line: control characters, or the Unicode line and paragraph separators.</summary>
    public static bool IsNotOneLine(string text) =>
        text.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029');

    /// <summary>True for text with control characters other than tab and line breaks (NUL cannot even be stored by PostgreSQL); one-line fields refuse the line breaks themselves.</summary>
    public static bool HasHiddenControls(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r' or '\v' or '\f' or '\u0085'));

    private static string MaxLength(string value, string field, int maxLength)
    {
        if (HasHiddenControls(value))
        {
            throw new InvalidInputException(field, RuleCode.InputHiddenControl, $"{Label(field)} contains a hidden control character (often pasted from a PDF); remove it and try again.");
        }

        // Storage stays bounded even for text made of long grapheme clusters (combining marks, emoji sequences).
        if (value.Length > maxLength * MaxUnitsPerCharacter)
        {
            throw new InvalidInputException(field, RuleCode.InputTooLong, $"{Label(field)} is too long: it can be at most {maxLength} characters.", InputProblem.TooLong, maxLength, [maxLength]);
        }

        // Count what a person sees (text elements), so that emoji and Hangul jamo are not over-counted.
        var length = new System.Globalization.StringInfo(value).LengthInTextElements;
        if (length > maxLength)
        {
            throw new InvalidInputException(field, RuleCode.InputTooLong, $"{Label(field)} can be at most {maxLength} characters (it has {length}).", InputProblem.TooLong, maxLength, [maxLength]);
        }

        return value;
    }

    private static string Label(string field) =>
        field.Length == 0 ? field : char.ToUpperInvariant(field[0]) + field[1..];
}
