using System.Text.RegularExpressions;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// Finds text that looks like an email address or a phone number (international and Korean forms such as
/// 010-1234-5678, +82 10 1234 5678, 02-123-4567), so that a record asks before it keeps contact details. Times,
/// dates and short numbers (rooms, rounds, prices) are not flagged. A warning, never a refusal: the person decides.
/// </summary>
public static partial class ContactLookalikes
{
    private const int MinPhoneDigits = 9;
    private const int MaxPhoneDigits = 15;

    /// <summary>Each piece of <paramref name="text"/> that looks like contact details, in order, each once.</summary>
    public static IReadOnlyList<string> Find(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return [];
        }

        var found = new List<string>();
        foreach (Match match in Email().Matches(text))
        {
            found.Add(match.Value);
        }

        foreach (Match match in PhoneLike().Matches(text))
        {
            var value = match.Value.Trim();
            var digits = value.Count(char.IsAsciiDigit);
            if (digits is >= MinPhoneDigits and <= MaxPhoneDigits && !StartsWithDate().IsMatch(value))
            {
                found.Add(value);
            }
        }

        return [.. found.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>Whether any of <paramref name="texts"/> holds something that looks like contact details.</summary>
    public static bool AnyIn(params string?[] texts) => texts.Any(t => Find(t).Count > 0);

    [GeneratedRegex(@"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Email();

    // Digits with the separators people type in phone numbers; never across a colon (times) or a Latin letter
    // (Hangul right next to a number, as in 전화010-1234-5678, still counts).
    [GeneratedRegex(@"(?<![A-Za-z0-9.+])\+?\(?[0-9][0-9 \-.()]{6,}[0-9](?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"^\d{4}[-./]\d{1,2}[-./]\d{1,2}", RegexOptions.CultureInvariant)]
    private static partial Regex StartsWithDate();
}
