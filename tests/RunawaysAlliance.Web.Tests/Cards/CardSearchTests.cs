using System.Diagnostics;
using System.Globalization;
using System.Text;
using FluentAssertions;
using RunawaysAlliance.Web.Features.Cards;

namespace RunawaysAlliance.Web.Tests.Cards;

public sealed class CardSearchTests
{
    private static bool Finds(string? query, params string?[] parts) =>
        SearchQuery.Parse(query).Matches(SearchText.Of(parts));

    [Theory]
    [InlineData("회의", "주간 회의록 정리", "매주 반복되는 일")]
    [InlineData("회의", "팀 운영", "주간 회의록 정리가 늘 밀려요")]
    [InlineData("회의록", "주간 회의록 정리", null)]
    public void Matches_HangulWordInTitleOrProblem_True(string query, string title, string? problem)
    {
        Finds(query, title, problem).Should().BeTrue();
    }

    [Theory]
    [InlineData("회계", "주간 회의록 정리")]
    [InlineData("의회", "주간 회의록 정리")]
    [InlineData("회의실", "주간 회의록 정리")]
    public void Matches_DifferentHangulWord_False(string query, string title)
    {
        Finds(query, title).Should().BeFalse();
    }

    [Theory]
    [InlineData("ㅎㅇ", "회의")]
    [InlineData("ㅎㅇ", "주간 회의록 정리")]
    [InlineData("ㅈㄱ", "주간 회의록 정리")]
    [InlineData("ㅎㅇㄹ", "주간 회의록 정리")]
    [InlineData("ㅅㅌㅌㅇ", "스타트업 MVP 검증")]
    public void Matches_ChoseongTerm_FindsSyllablesWithThoseInitials(string query, string title)
    {
        Finds(query, title).Should().BeTrue();
    }

    [Theory]
    [InlineData("ㅇㅎ", "회의")]
    [InlineData("ㅎㄱ", "회의")]
    [InlineData("ㅎㅇ", "회 의")]
    [InlineData("ㅎㅇ", "hello")]
    public void Matches_ChoseongTermNotInSequence_False(string query, string title)
    {
        Finds(query, title).Should().BeFalse();
    }

    [Theory]
    [InlineData("회ㅇ", "회의")]
    [InlineData("주ㄱ", "주간 회의록 정리")]
    [InlineData("ㅎ의", "회의")]
    [InlineData("주간 회ㅇ", "주간 회의록 정리")]
    public void Matches_MidCompositionTerm_FindsWord(string query, string title)
    {
        Finds(query, title).Should().BeTrue();
    }

    [Theory]
    [InlineData("회ㄱ", "회의")]
    [InlineData("희ㅇ", "회의")]
    [InlineData("회ㅇ", "의회")]
    public void Matches_MidCompositionTermWithWrongLetters_False(string query, string title)
    {
        Finds(query, title).Should().BeFalse();
    }

    [Fact]
    public void Parse_DecomposedHangul_FoldsToPrecomposedSyllables()
    {
        var decomposed = "회의".Normalize(NormalizationForm.FormD);
        decomposed.Should().HaveLength(4, "the test needs a really decomposed query");

        SearchQuery.Parse(decomposed).Terms.Should().Equal("회의");
    }

    [Fact]
    public void Matches_DecomposedQuery_FindsPrecomposedText()
    {
        var query = "회의록".Normalize(NormalizationForm.FormD);

        Finds(query, "주간 회의록 정리").Should().BeTrue();
        Finds(query, "주간 회계 정리").Should().BeFalse();
    }

    [Fact]
    public void Matches_PrecomposedQuery_FindsDecomposedText()
    {
        var text = "주간 회의록 정리".Normalize(NormalizationForm.FormD);

        Finds("회의록", text).Should().BeTrue();
        Finds("ㅎㅇㄹ", text).Should().BeTrue();
    }

    [Fact]
    public void Matches_ConjoiningJamoTypedMidComposition_FindsSyllables()
    {
        // ㅎ ㅚ as conjoining jamo compose into 회; the lone U+110B stays a consonant, as if typed as ㅇ.
        const string query = "\u1112\u116C\u110B";

        SearchQuery.Parse(query).Terms.Should().Equal("회ㅇ");
        Finds(query, "회의").Should().BeTrue();
    }

    [Theory]
    [InlineData("Figma", "FIGMA 대신 쓸 툴")]
    [InlineData("FIGMA", "Figma components")]
    [InlineData("figma", "Prototyping in FiGmA")]
    public void Matches_EnglishInAnotherCase_True(string query, string title)
    {
        Finds(query, title).Should().BeTrue();
    }

    [Fact]
    public void Matches_TurkishCurrentCulture_StillFoldsInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("tr-TR");
        try
        {
            // Culture-sensitive lowering would turn 'I' into dotless 'ı' and miss "invoice".
            Finds("INVOICE", "invoice automation").Should().BeTrue();
            Finds("invoice", "INVOICE AUTOMATION").Should().BeTrue();
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Matches_MixedScriptTermsInDifferentFields_True()
    {
        var card = SearchText.Of("주간 회의록 정리", "매주 한 시간씩 걸려요", "자동화 경험", "ai llm", "Mina");

        SearchQuery.Parse("AI 회의").Matches(card).Should().BeTrue();
        SearchQuery.Parse("회의 AI").Matches(card).Should().BeTrue();
        SearchQuery.Parse("mina 자동화").Matches(card).Should().BeTrue();
    }

    [Theory]
    [InlineData("AI 회계")]
    [InlineData("회의 blockchain")]
    [InlineData("회의 ai blockchain")]
    public void Matches_OneTermMissing_False(string query)
    {
        var card = SearchText.Of("주간 회의록 정리", "매주 한 시간씩 걸려요", "자동화 경험", "ai llm", "Mina");

        SearchQuery.Parse(query).Matches(card).Should().BeFalse();
    }

    [Theory]
    [InlineData("mvp")]
    [InlineData("MVP")]
    [InlineData("스타트업")]
    [InlineData("스타트업mvp")]
    [InlineData("업mv")]
    [InlineData("ㅅㅌㅌㅇmvp")]
    public void Matches_TermInsideMixedScriptWord_True(string query)
    {
        Finds(query, "스타트업MVP 검증하기").Should().BeTrue();
    }

    [Theory]
    [InlineData("🚀", "출시 준비 🚀")]
    [InlineData("❤", "❤️ 동네 커뮤니티")]
    [InlineData("❤️", "❤ 동네 커뮤니티")]
    [InlineData("👩‍💻", "개발자 👩‍💻 모임")]
    [InlineData("👍🏽", "좋아요 👍🏽 받기")]
    [InlineData("모임👩‍💻", "개발자 모임👩‍💻")]
    public void Matches_EmojiPresent_True(string query, string title)
    {
        Finds(query, title).Should().BeTrue();
    }

    [Theory]
    [InlineData("🚀", "출시 준비 🛸")]
    [InlineData("👍🏽", "좋아요 👍🏿 받기")]
    [InlineData("👩‍💻", "개발자 👩 💻 모임")]
    [InlineData("❤", "💙 동네 커뮤니티")]
    public void Matches_DifferentEmoji_False(string query, string title)
    {
        Finds(query, title).Should().BeFalse();
    }

    [Fact]
    public void Of_EmojiWithVariationSelector_DropsOnlyTheSelector()
    {
        var text = SearchText.Of("❤️ 👩‍💻");

        text.Folded.Should().Be("❤ 👩\u200D💻");
    }

    [Theory]
    [InlineData("ＦＩＧＭＡ", "figma 대체")]
    [InlineData("figma", "ＦＩＧＭＡ 대체")]
    [InlineData("ｍｖｐ", "스타트업MVP")]
    [InlineData("㈜", "(주)런어웨이즈")]
    public void Matches_FullWidthOrCompatibilityForm_True(string query, string title)
    {
        Finds(query, title).Should().BeTrue();
    }

    [Theory]
    [InlineData("#ux")]
    [InlineData("#UX")]
    [InlineData("＃ux")]
    [InlineData("ux")]
    public void Matches_HashTagTerm_FindsTag(string query)
    {
        Finds(query, "온보딩 개선", null, null, "ux research").Should().BeTrue();
    }

    [Fact]
    public void Parse_HashTag_DropsLeadingHash()
    {
        SearchQuery.Parse("#ux #회의").Terms.Should().Equal("ux", "회의");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u3000\t\n")]
    [InlineData("# ##")]
    [InlineData("\uFE0F")]
    public void Parse_EmptyOrBlankQuery_IsEmptyAndMatchesEverything(string? query)
    {
        var parsed = SearchQuery.Parse(query);

        parsed.IsEmpty.Should().BeTrue();
        parsed.Terms.Should().BeEmpty();
        parsed.Matches(SearchText.Of("주간 회의록 정리")).Should().BeTrue();
        parsed.Matches(SearchText.Empty).Should().BeTrue();
    }

    [Fact]
    public void Matches_QueryAgainstEmptyText_False()
    {
        var parsed = SearchQuery.Parse("회의");

        parsed.IsEmpty.Should().BeFalse();
        parsed.Matches(SearchText.Empty).Should().BeFalse();
        parsed.Matches(SearchText.Of(null, "", null)).Should().BeFalse();
    }

    [Fact]
    public void Parse_MoreThanEightTerms_KeepsTheFirstEight()
    {
        var parsed = SearchQuery.Parse("a b c d e f g h zzz");

        parsed.Terms.Should().Equal("a", "b", "c", "d", "e", "f", "g", "h");
        parsed.Matches(SearchText.Of("abcdefgh")).Should().BeTrue("the ninth term is ignored");
    }

    [Fact]
    public void Parse_DuplicateTerms_CountOnce()
    {
        SearchQuery.Parse("회의 회의 #회의 AI ai").Terms.Should().Equal("회의", "ai");
    }

    [Fact]
    public void Parse_QueryLongerThan200Characters_UsesOnlyTheFirst200()
    {
        var query = new string('x', 195) + " abcdefghij";

        var parsed = SearchQuery.Parse(query);

        parsed.Terms.Should().Equal(new string('x', 195), "abcd");
        parsed.Matches(SearchText.Of(new string('x', 195), "abcd")).Should().BeTrue();
    }

    [Fact]
    public void Parse_CutThroughAnEmoji_DropsTheHalfEmoji()
    {
        var query = new string('a', 199) + "🚀";

        SearchQuery.Parse(query).Terms.Should().Equal(new string('a', 199));
    }

    [Fact]
    public void Parse_HugePastedQuery_StaysBoundedAndFast()
    {
        var query = string.Concat(Enumerable.Repeat("회의 ㅎㅇ 🚀 mvp ", 50_000));
        var card = SearchText.Of(string.Concat(Enumerable.Repeat("스타트업MVP 검증 ", 200)));

        var watch = Stopwatch.StartNew();
        var parsed = SearchQuery.Parse(query);
        var matched = parsed.Matches(card);
        watch.Stop();

        parsed.Terms.Should().HaveCount(4);
        parsed.Terms.Sum(t => t.Length).Should().BeLessThanOrEqualTo(200);
        matched.Should().BeFalse();
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Theory]
    [InlineData("회의록")]
    [InlineData("의록")]
    [InlineData("ㅎㅇㄹ")]
    [InlineData("회ㅇㄹ")]
    public void Matches_TermSpanningTwoParts_False(string query)
    {
        var card = SearchText.Of("주간 회의", "록 정리");

        SearchQuery.Parse(query).Matches(card).Should().BeFalse();
        SearchQuery.Parse("회의").Matches(card).Should().BeTrue("each part on its own still matches");
    }

    [Theory]
    [InlineData("designsprint")]
    [InlineData("gnsp")]
    public void Matches_EnglishTermSpanningTwoParts_False(string query)
    {
        Finds(query, "Design", "Sprint").Should().BeFalse();
    }

    [Fact]
    public void Of_HangulText_ProjectsInitialsAlignedWithFolded()
    {
        var text = SearchText.Of("회의 AI", "까치🚀");

        text.Folded.Should().Be("회의 ai\n까치🚀");
        text.Initials.Should().Be("ㅎㅇ ai\nㄲㅊ🚀");
        text.Initials.Should().HaveLength(text.Folded.Length);
    }

    [Fact]
    public void Of_LoneSurrogate_DoesNotThrow()
    {
        var text = SearchText.Of("broken \uD83D text", "\uDE80");

        SearchQuery.Parse("broken").Matches(text).Should().BeTrue();
        SearchQuery.Parse("\uD83D").Matches(text).Should().BeTrue("both sides fold a lone surrogate the same way");
    }
}
