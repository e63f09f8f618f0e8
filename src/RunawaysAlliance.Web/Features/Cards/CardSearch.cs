using System.Collections.ObjectModel;
using System.Text;

namespace RunawaysAlliance.Web.Features.Cards;

/// <summary>
/// The searchable form of a card's text, computed once per card per snapshot (not per keystroke).
/// <see cref="Folded"/> and <see cref="Initials"/> have the same length and alignment: position i of
/// <see cref="Initials"/> is the initial consonant of the Hangul syllable at position i of <see cref="Folded"/>.
/// </summary>
public sealed record SearchText(string Folded, string Initials)
{
    // A line feed: queries are split on whitespace and folding never produces one, so no term can contain
    // it and a term can never match across the end of one part and the start of the next.
    private const char PartSeparator = '\n';

    public static SearchText Empty { get; } = new(string.Empty, string.Empty);

    /// <summary>Joins the parts (title, problem, help wanted, tags, author name...) with a separator that no query can span.</summary>
    public static SearchText Of(params string?[] parts)
    {
        var joined = string.Join(PartSeparator, parts.Where(p => !string.IsNullOrEmpty(p)));
        if (joined.Length == 0)
        {
            return Empty;
        }
        var folded = SearchFolding.Fold(joined);
        return new SearchText(folded, SearchFolding.Initials(folded));
    }
}

/// <summary>A parsed query: whitespace-separated terms, all of which must match (AND), in any field, in any order.</summary>
public sealed class SearchQuery
{
    // A search box must not become a CPU sink: whatever is pasted, the work per card stays bounded.
    /// <summary>The longest query that is searched (in UTF-16 units); the rest of a pasted text is not.</summary>
    public const int MaxQueryLength = 200;
    private const int MaxTerms = 8;

    private readonly string[] _terms;
    // Per term with a compatibility consonant: the term projected to initials (each syllable its initial
    // consonant), found in the card's Initials with the same vectorized search a word uses; null for other terms.
    private readonly string?[] _projected;
    // Per such term: the positions that are not consonants, the only ones a found place must still check.
    private readonly int[]?[] _literal;

    private SearchQuery(string[] terms)
    {
        _terms = terms;
        _projected = Array.ConvertAll(terms, t => UsesInitials(t) ? SearchFolding.Initials(t) : null);
        _literal = Array.ConvertAll(terms, t => UsesInitials(t)
            ? Enumerable.Range(0, t.Length).Where(i => !SearchFolding.IsConsonant(t[i])).ToArray()
            : null);
        Terms = new ReadOnlyCollection<string>(terms);
    }

    public static SearchQuery Empty { get; } = new([]);

    public bool IsEmpty => _terms.Length == 0;

    /// <summary>The folded terms, in the order typed, without duplicates.</summary>
    public IReadOnlyList<string> Terms { get; }

    public static SearchQuery Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return Empty;
        }
        if (query.Length > MaxQueryLength)
        {
            // Never cut an emoji in half: a lone surrogate would match nothing and confuse folding.
            var cut = char.IsHighSurrogate(query[MaxQueryLength - 1]) ? MaxQueryLength - 1 : MaxQueryLength;
            query = query[..cut];
        }

        var terms = new List<string>(MaxTerms);
        foreach (var raw in query.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            // "#ux" is how people write tags; the tag itself is stored as "ux". Dropped after folding so that
            // a full-width '＃' goes too.
            var term = SearchFolding.Fold(raw).TrimStart('#');
            if (term.Length == 0 || terms.Contains(term, StringComparer.Ordinal))
            {
                continue;
            }
            terms.Add(term);
            if (terms.Count == MaxTerms)
            {
                break;
            }
        }
        return terms.Count == 0 ? Empty : new SearchQuery([.. terms]);
    }

    /// <summary>True when every term occurs in the text. Allocates nothing: both sides are already folded.</summary>
    public bool Matches(SearchText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        for (var t = 0; t < _terms.Length; t++)
        {
            var found = _projected[t] is { } projected
                ? ContainsWithInitials(text.Folded, text.Initials, _terms[t], projected, _literal[t]!)
                : text.Folded.Contains(_terms[t], StringComparison.Ordinal);
            if (!found)
            {
                return false;
            }
        }
        return true;
    }

    private static bool UsesInitials(string term) =>
        term.AsSpan().ContainsAnyInRange(SearchFolding.FirstConsonant, SearchFolding.LastConsonant);

    // A term with consonants ("ㅎㅇ", or "회ㅇ" as a phone IME shows it mid-composition) matches at i when every
    // term character equals the folded text there, or is a consonant equal to that syllable's initial. Both imply
    // that the term's initials equal the text's initials there, so candidates come from one vectorized IndexOf in
    // Initials (the cost of a word query), and only the term's non-consonant positions are checked in Folded.
    // A term of initials only ("ㅎㅇㅎㅇ…") is one IndexOf and no check: a long one costs what a long word costs.
    private static bool ContainsWithInitials(string folded, string initials, string term, string projected, int[] literal)
    {
        // Without Hangul syllables Initials is Folded itself (see SearchFolding.Initials); a hand-made
        // SearchText with misaligned strings falls back to plain text matching rather than reading past the end.
        if (ReferenceEquals(folded, initials) || folded.Length != initials.Length)
        {
            return folded.Contains(term, StringComparison.Ordinal);
        }

        var heads = initials.AsSpan();
        var from = 0;
        while (from <= heads.Length - projected.Length)
        {
            var found = heads[from..].IndexOf(projected, StringComparison.Ordinal);
            if (found < 0)
            {
                return false;
            }

            var i = from + found;
            var k = 0;
            while (k < literal.Length && term[literal[k]] == folded[i + literal[k]])
            {
                k++;
            }

            if (k == literal.Length)
            {
                return true;
            }

            from = i + 1;
        }

        return false;
    }
}

/// <summary>The one folding both card text and queries go through, so that they compare ordinally.</summary>
internal static class SearchFolding
{
    // Hangul compatibility consonants, the letters a Korean keyboard types on their own (ㄱ .. ㅎ).
    internal const char FirstConsonant = '\u3131';
    internal const char LastConsonant = '\u314E';

    private const char FirstSyllable = '\uAC00';
    private const char LastSyllable = '\uD7A3';
    private const int SyllablesPerInitial = 21 * 28;

    // Initial consonants in syllable order (U+1100..U+1112), as compatibility jamo.
    private const string InitialConsonants = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ";
    // Final consonants in syllable order (U+11A8..U+11C2), as compatibility jamo.
    private const string FinalConsonants = "ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ";

    internal static bool IsConsonant(char c) => c is >= FirstConsonant and <= LastConsonant;

    internal static string Fold(string value)
    {
        // NFKC: full-width 'Ａ' is 'A', compatibility forms fold, and decomposed Hangul (what some keyboards and
        // macOS file names produce) composes into the same syllables as precomposed text. Normalize throws on
        // a lone surrogate, which pasted or truncated input can contain, so those become U+FFFD first.
        var normalized = ReplaceLoneSurrogates(value).Normalize(NormalizationForm.FormKC);
        // Invariant culture: "TITLE" folds to "title" for a user whose browser says tr-TR, too.
        var lowered = normalized.ToLowerInvariant();

        var builder = new StringBuilder(lowered.Length);
        foreach (var c in lowered)
        {
            switch (c)
            {
                // Variation selectors only choose text or emoji presentation: "❤" and "❤️" are one heart.
                // The zero-width joiner is kept, so "👩‍💻" stays one sequence and matches only itself.
                case '\uFE0E' or '\uFE0F':
                    break;
                // NFKC turns a lone compatibility jamo ("ㅇ") into a conjoining one (U+110B) when it cannot compose;
                // mapping it back makes "ㅎㅇ" typed either way a consonant term.
                case >= '\u1100' and <= '\u1112':
                    builder.Append(InitialConsonants[c - '\u1100']);
                    break;
                case >= '\u1161' and <= '\u1175':
                    builder.Append((char)(c - '\u1161' + '\u314F'));
                    break;
                case >= '\u11A8' and <= '\u11C2':
                    builder.Append(FinalConsonants[c - '\u11A8']);
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }
        return builder.ToString();
    }

    /// <summary>Each Hangul syllable becomes its initial consonant; everything else stays, so positions align.</summary>
    internal static string Initials(string folded)
    {
        if (!folded.AsSpan().ContainsAnyInRange(FirstSyllable, LastSyllable))
        {
            return folded; // Nothing to project: share the string instead of copying it.
        }
        return string.Create(folded.Length, folded, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= FirstSyllable and <= LastSyllable
                    ? InitialConsonants[(c - FirstSyllable) / SyllablesPerInitial]
                    : c;
            }
        });
    }

    private static string ReplaceLoneSurrogates(string value)
    {
        char[]? copy = null;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }
            if (char.IsSurrogate(c))
            {
                copy ??= value.ToCharArray();
                copy[i] = '\uFFFD';
            }
        }
        return copy is null ? value : new string(copy);
    }
}
