using System.Text;
using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>
/// Display names and tags are labels people read and trust: no invisible formatting characters, at least one letter
/// or digit, no pile of combining marks; Hangul, emoji and ordinary punctuation are welcome. Property tests over
/// seeded random text.
/// </summary>
public class NameLikeGuardTests
{
    private const int Cases = 300;

    // Bidi embeddings/overrides/isolates, marks, zero-width space, word joiner, BOM, soft hyphen, Arabic letter mark.
    private static readonly char[] Refused =
    [
        '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F',
        '\u200B', '\u2060', '\uFEFF', '\u00AD', '\u061C',
    ];

    private static readonly string[] Emoji = ["🌸", "👩‍💻", "👍🏽", "❤️", "🇰🇷", "1️⃣", "🧑‍🤝‍🧑"];

    private static readonly string[] Punctuation = [".", ",", "'", "-", "_", "!", "?", "(", ")", "&", " ", "·", "~"];

    [Fact]
    public void Names_HangulEmojiAndPunctuationWithALetter_AreAccepted()
    {
        var random = new Random(20261204);
        for (var i = 0; i < Cases; i++)
        {
            var name = RandomName(random);

            var act = () => new Person(Guid.NewGuid(), name, TestEvent.Now);

            act.Should().NotThrow("\"{0}\" is an ordinary name", name);
            act().DisplayName.Should().Be(name.Trim());
        }
    }

    [Fact]
    public void Tags_HangulEmojiAndPunctuationWithALetter_AreAccepted()
    {
        var random = new Random(42);
        for (var i = 0; i < Cases; i++)
        {
            var tag = RandomName(random, maxParts: 3);

            var act = () => ProblemCard.NormalizeTags([tag]);

            act.Should().NotThrow("\"{0}\" is an ordinary tag", tag);
        }
    }

    [Fact]
    public void NamesAndTags_WithAFormatCharacterAnywhere_AreRefusedNamingTheField()
    {
        var random = new Random(7);
        for (var i = 0; i < Cases; i++)
        {
            var text = RandomName(random, maxParts: 3);
            var at = random.Next(text.Length + 1);
            var spoofed = text.Insert(at, Refused[random.Next(Refused.Length)].ToString());
            if (spoofed.Trim().Length == 0)
            {
                continue;
            }

            var name = () => new Person(Guid.NewGuid(), spoofed, TestEvent.Now);
            var tag = () => ProblemCard.NormalizeTags([spoofed]);

            name.Should().Throw<InvalidInputException>().Which.Should().Match<InvalidInputException>(e =>
                e.Field == "display name" && e.Code == RuleCode.InputFormatCharacter, "\"{0}\" hides a format character", Escape(spoofed));
            tag.Should().Throw<InvalidInputException>().Which.Should().Match<InvalidInputException>(e =>
                e.Field == "tags" && e.Code == RuleCode.InputFormatCharacter, "\"{0}\" hides a format character", Escape(spoofed));
        }
    }

    [Theory]
    [InlineData("\u200B\u200B")]
    [InlineData("\u202E")]
    public void Names_OnlyInvisible_AreRefused(string name)
    {
        var act = () => new Person(Guid.NewGuid(), name, TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("display name");
    }

    [Theory]
    [InlineData("...")]
    [InlineData("―")] // a look-alike of the deleted-person mark "—"
    [InlineData("– –")]
    [InlineData("\u200D\u200D")]
    public void NamesAndTags_WithoutALetterDigitOrEmoji_AreRefused(string text)
    {
        var name = () => new Person(Guid.NewGuid(), text, TestEvent.Now);
        var tag = () => ProblemCard.NormalizeTags([text]);

        name.Should().Throw<InvalidInputException>().Which.Code.Should().BeOneOf(RuleCode.InputNeedsLetterOrDigit, RuleCode.DisplayNameNeedsLetter);
        tag.Should().Throw<InvalidInputException>().Which.Code.Should().Be(RuleCode.InputNeedsLetterOrDigit);
    }

    [Theory]
    [InlineData("🦊")]
    [InlineData("🌸🌸")]
    [InlineData("7")]
    public void NamesAndTags_AnEmojiOrADigitAlone_AreAccepted(string text)
    {
        new Person(Guid.NewGuid(), text, TestEvent.Now).DisplayName.Should().Be(text);
        ProblemCard.NormalizeTags([text]).Should().Equal(text);
    }

    [Fact]
    public void NamesAndTags_StackedCombiningMarks_AreRefused_AFewAreFine()
    {
        var zalgo = "Mina" + new string('\u0301', Guard.MaxMarksPerCharacter + 1);
        var accented = "Zoe\u0308 Ame\u0301lie 1\uFE0F\u20E3";

        ((Action)(() => _ = new Person(Guid.NewGuid(), zalgo, TestEvent.Now))).Should().Throw<InvalidInputException>().Which.Code.Should().Be(RuleCode.InputTooManyMarks);
        ((Action)(() => ProblemCard.NormalizeTags([zalgo]))).Should().Throw<InvalidInputException>().Which.Code.Should().Be(RuleCode.InputTooManyMarks);
        new Person(Guid.NewGuid(), accented, TestEvent.Now).DisplayName.Should().Be(accented);
    }

    [Fact]
    public void Tags_WithNul_AreRefusedBeforeTheStoreSeesThem()
    {
        var act = () => ProblemCard.NormalizeTags(["fund\0raising"]);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("tags");
    }

    // One to four parts: Hangul words, Latin words, digits, emoji, joined by ordinary punctuation; always a letter.
    private static string RandomName(Random random, int maxParts = 4)
    {
        var text = new StringBuilder();
        text.Append(random.Next(2) == 0 ? Hangul(random) : Latin(random));
        for (var parts = random.Next(maxParts); parts > 0; parts--)
        {
            text.Append(Punctuation[random.Next(Punctuation.Length)]);
            text.Append(random.Next(4) switch
            {
                0 => Hangul(random),
                1 => Latin(random),
                2 => random.Next(100).ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => Emoji[random.Next(Emoji.Length)],
            });
        }

        var result = text.ToString();
        return result.Length > 20 ? result[..20].TrimEnd('\uD83C', '\uD83D', '\uD83E', '\u200D') : result;
    }

    private static string Hangul(Random random) =>
        new([.. Enumerable.Range(0, random.Next(1, 4)).Select(_ => (char)random.Next(0xAC00, 0xD7A4))]);

    private static string Latin(Random random) =>
        new([.. Enumerable.Range(0, random.Next(1, 6)).Select(_ => (char)random.Next('a', 'z' + 1))]);

    private static string Escape(string text) =>
        string.Concat(text.Select(c => c < 0x20 || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.Format ? $"\\u{(int)c:X4}" : c.ToString()));
}
