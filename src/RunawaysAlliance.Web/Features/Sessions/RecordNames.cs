namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// Finds the display names of a session's people in a record's text, so that people who have not agreed to be named
/// are caught before the record is saved (a warning) and before it is published (a refusal). Case-insensitive; a
/// Latin name counts only as a whole word ("Mina" is not in "Minako"), a Korean name also with a particle attached
/// ("서연이", "서연님"), because Korean writes particles onto the name.
/// </summary>
public static class RecordNames
{
    /// <summary>Names shorter than this are too likely to be part of ordinary words to flag.</summary>
    public const int MinimumLength = 2;

    /// <summary>The names of <paramref name="names"/> that occur in <paramref name="text"/>, each once, in the given order.</summary>
    public static IReadOnlyList<string> Find(string? text, IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var found = new List<string>();
        foreach (var name in names.Select(n => n.Trim()).Where(n => n.Length >= MinimumLength).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (Occurs(text, name))
            {
                found.Add(name);
            }
        }

        return found;
    }

    private static bool Occurs(string text, string name)
    {
        for (var at = text.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0;
             at = text.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            var before = at == 0 ? ' ' : text[at - 1];
            var after = at + name.Length >= text.Length ? ' ' : text[at + name.Length];
            if (!IsWordChar(before) && !IsWordChar(after))
            {
                return true;
            }
        }

        return false;
    }

    // Latin letters and digits join words; Hangul after a name is a particle, before it usually a family name.
    private static bool IsWordChar(char c) => char.IsAsciiLetterOrDigit(c) || (c > 0x7F && char.IsLetter(c) && !IsHangul(c));

    private static bool IsHangul(char c) => c is >= '\uAC00' and <= '\uD7A3' or >= '\u1100' and <= '\u11FF' or >= '\u3130' and <= '\u318F';
}
