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

    /// <summary>The most combining marks one character may carry (a keycap emoji needs two; "zalgo" text has dozens).</summary>
    public const int MaxMarksPerCharacter = 4;

    /// <summary>
    /// Checks text that names something people read as a label (a display name, a tag): no invisible format
    /// characters (bidi overrides, zero-width spaces; the joiners inside emoji and scripts stay), at least one
    /// letter, digit or emoji, and no pile of combining marks. Call after the length check.
    /// </summary>
    public static string NameLike(string value, string field)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Any(IsRefusedFormat) || HasHiddenControls(value))
        {
            throw new InvalidInputException(field, RuleCode.InputFormatCharacter, $"{Label(field)} contains an invisible formatting character (such as a text-direction override); remove it and try again.");
        }

        // Something a person can see and tell apart: a letter, a digit or an emoji ("🦊" is a fine name; "―", "..."
        // or nothing visible is not).
        if (!value.EnumerateRunes().Any(r => System.Text.Rune.IsLetterOrDigit(r) || System.Text.Rune.GetUnicodeCategory(r) == System.Globalization.UnicodeCategory.OtherSymbol))
        {
            throw new InvalidInputException(field, RuleCode.InputNeedsLetterOrDigit, $"{Label(field)} needs at least one letter, digit or emoji.");
        }

        var marks = 0;
        foreach (var c in value)
        {
            marks = char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark or System.Globalization.UnicodeCategory.EnclosingMark ? marks + 1 : 0;
            if (marks > MaxMarksPerCharacter)
            {
                throw new InvalidInputException(field, RuleCode.InputTooManyMarks, $"{Label(field)} stacks too many accents or marks on one character.", InputProblem.Invalid, MaxMarksPerCharacter, [MaxMarksPerCharacter]);
            }
        }

        return value;
    }

    // Format characters (Cf) are invisible and can reorder or hide text; the zero-width (non-)joiner is part of how
    // emoji and some scripts are written, so it stays (the emoji tag characters, outside the basic plane, are seen
    // here as surrogates and stay too).
    private static bool IsRefusedFormat(char c) =>
        char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format && c is not ('\u200C' or '\u200D');

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
