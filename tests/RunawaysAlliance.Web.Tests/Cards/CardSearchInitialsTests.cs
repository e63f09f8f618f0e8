using FluentAssertions;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests.Cards;

/// <summary>
/// The initials path finds candidates with IndexOf over the precomputed initials (ADR 0013); it must match exactly
/// what the position-by-position definition matches, on seeded Hangul text with consonants, syllables and spaces.
/// </summary>
public sealed class CardSearchInitialsTests
{
    private const string Syllables = "회의행사해외후원홍보자원봉사지역주민카페수리모임공간";
    private const string Consonants = "ㄱㄴㄷㅁㅂㅅㅇㅈㅊㅋㅎ";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Matches_SeededHangulTermsWithInitials_SameAsScanningEveryPosition(int seed)
    {
        var random = new Random(seed);
        var checkedMatches = 0;
        for (var i = 0; i < 2000; i++)
        {
            var text = SearchText.Of(Random(random, Syllables + Consonants + " a", random.Next(0, 40)));
            var query = SearchQuery.Parse(Random(random, Syllables[..8] + Consonants[..6], random.Next(1, 4)));

            var expected = query.Terms.All(t => Scan(text, t));

            query.Matches(text).Should().Be(expected, $"\"{string.Join(' ', query.Terms)}\" in \"{text.Folded}\"");
            checkedMatches += expected ? 1 : 0;
        }

        checkedMatches.Should().BeGreaterThan(50, "the sample must contain matches, not only misses");
    }

    // The definition: a term matches at i when each character equals the text there, or is a consonant equal to
    // the initial of the syllable there.
    private static bool Scan(SearchText text, string term)
    {
        for (var i = 0; i + term.Length <= text.Folded.Length; i++)
        {
            var k = 0;
            while (k < term.Length && (term[k] == text.Folded[i + k] || (term[k] is >= 'ㄱ' and <= 'ㅎ' && term[k] == text.Initials[i + k])))
            {
                k++;
            }

            if (k == term.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static string Random(Random random, string alphabet, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
}
