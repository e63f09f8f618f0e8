using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Tests;

public class ProblemCardTests
{
    // Each of these is one character a person sees, but more than one UTF-16 code unit.
    private const string Rocket = "🚀";
    private const string Family = "👨‍👩‍👧";
    private const string KoreanFlag = "🇰🇷";
    private const string DecomposedHan = "\u1112\u1161\u11AB";

    [Fact]
    public void Constructor_ValidContent_CreatesOpenCard()
    {
        var id = Guid.NewGuid();
        var eventId = Guid.NewGuid();
        var authorId = Guid.NewGuid();
        var content = new CardContent(
            "  Our volunteers burn out  ",
            "  Half of them quit.  ",
            "  Ideas.  ",
            CardKind.Commercial,
            ["#Volunteers", "HR"],
            " ko ");

        var card = new ProblemCard(id, eventId, authorId, content, TestEvent.Now);

        card.Id.Should().Be(id);
        card.EventId.Should().Be(eventId);
        card.AuthorId.Should().Be(authorId);
        card.Title.Should().Be("Our volunteers burn out");
        card.Problem.Should().Be("Half of them quit.");
        card.HelpWanted.Should().Be("Ideas.");
        card.Kind.Should().Be(CardKind.Commercial);
        card.Tags.Should().Equal("volunteers", "hr");
        card.Language.Should().Be("ko");
        card.Status.Should().Be(CardStatus.Open);
        card.CreatedAt.Should().Be(TestEvent.Now);
        card.UpdatedAt.Should().Be(TestEvent.Now);
        card.Offers.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_NullContent_ThrowsArgumentNull()
    {
        var act = () => new ProblemCard(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null!, TestEvent.Now);

        act.Should().Throw<ArgumentNullException>();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData(null)]
    public void Constructor_MissingTitle_ThrowsInvalidInput(string? title)
    {
        var act = () => TestCard.Create(TestCard.Content(title: title!));

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Title is required.")
            .Which.Field.Should().Be("title");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Constructor_MissingProblem_ThrowsInvalidInput(string? problem)
    {
        var act = () => TestCard.Create(TestCard.Content(problem: problem!));

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Problem is required.")
            .Which.Field.Should().Be("problem");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Constructor_NoHelpWanted_IsEmpty(string? helpWanted)
    {
        var card = TestCard.Create(TestCard.Content(helpWanted: helpWanted));

        card.HelpWanted.Should().BeEmpty();
    }

    [Theory]
    [InlineData("a")]
    [InlineData("가")]
    [InlineData(Rocket)]
    [InlineData(Family)]
    [InlineData(KoreanFlag)]
    [InlineData(DecomposedHan)]
    public void Constructor_TitleOf120TextElements_IsAccepted(string element)
    {
        var title = string.Concat(Enumerable.Repeat(element, ProblemCard.TitleMaxLength));

        var card = TestCard.Create(TestCard.Content(title: title));

        card.Title.Should().Be(title);
    }

    [Theory]
    [InlineData("a")]
    [InlineData("가")]
    [InlineData(Rocket)]
    [InlineData(Family)]
    [InlineData(KoreanFlag)]
    [InlineData(DecomposedHan)]
    public void Constructor_TitleOf121TextElements_ThrowsInvalidInput(string element)
    {
        var title = string.Concat(Enumerable.Repeat(element, ProblemCard.TitleMaxLength + 1));

        var act = () => TestCard.Create(TestCard.Content(title: title));

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Title can be at most 120 characters (it has 121).")
            .Which.Field.Should().Be("title");
    }

    [Fact]
    public void Constructor_TitleAtLimitWithSurroundingSpaces_IsAcceptedTrimmed()
    {
        var title = new string('t', ProblemCard.TitleMaxLength);

        var card = TestCard.Create(TestCard.Content(title: "   " + title + "   "));

        card.Title.Should().Be(title);
    }

    [Theory]
    [InlineData("p")]
    [InlineData("문")]
    [InlineData(Rocket)]
    public void Constructor_ProblemAtLimit_IsAcceptedAndOneMoreIsRejected(string element)
    {
        var atLimit = string.Concat(Enumerable.Repeat(element, ProblemCard.ProblemMaxLength));

        TestCard.Create(TestCard.Content(problem: atLimit)).Problem.Should().Be(atLimit);
        var act = () => TestCard.Create(TestCard.Content(problem: atLimit + element));
        act.Should().Throw<InvalidInputException>()
            .WithMessage("Problem can be at most 2000 characters (it has 2001).")
            .Which.Field.Should().Be("problem");
    }

    [Theory]
    [InlineData("h")]
    [InlineData("도")]
    [InlineData(Rocket)]
    public void Constructor_HelpWantedAtLimit_IsAcceptedAndOneMoreIsRejected(string element)
    {
        var atLimit = string.Concat(Enumerable.Repeat(element, ProblemCard.HelpWantedMaxLength));

        TestCard.Create(TestCard.Content(helpWanted: atLimit)).HelpWanted.Should().Be(atLimit);
        var act = () => TestCard.Create(TestCard.Content(helpWanted: atLimit + element));
        act.Should().Throw<InvalidInputException>()
            .WithMessage("Help wanted can be at most 500 characters (it has 501).")
            .Which.Field.Should().Be("help wanted");
    }

    [Theory]
    [InlineData(CardKind.Commercial)]
    [InlineData(CardKind.NonCommercial)]
    public void Constructor_Kind_IsKept(CardKind kind)
    {
        TestCard.Create(TestCard.Content(kind: kind)).Kind.Should().Be(kind);
    }

    [Fact]
    public void Constructor_UndefinedKind_ThrowsInvalidInput()
    {
        var act = () => TestCard.Create(TestCard.Content(kind: (CardKind)7));

        act.Should().Throw<InvalidInputException>()
            .WithMessage("*commercial or non-commercial*")
            .Which.Field.Should().Be("kind");
    }

    [Theory]
    [InlineData("ko", "ko")]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData("fil", "fil")]
    [InlineData("en-US", "en-us")]
    [InlineData("zh-Hant-TW", "zh-hant-tw")]
    [InlineData("  ko  ", "ko")]
    public void Constructor_LanguageTag_IsStoredLowercase(string language, string expected)
    {
        TestCard.Create(TestCard.Content(language: language)).Language.Should().Be(expected);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("k")]
    [InlineData("english")]
    [InlineData("ko_KR")]
    [InlineData("en-")]
    [InlineData("-en")]
    [InlineData("en-U")]
    [InlineData("en-toolongsubtag")]
    [InlineData("12")]
    [InlineData("한국어")]
    [InlineData("en US")]
    public void Constructor_InvalidLanguageTag_ThrowsInvalidInput(string? language)
    {
        var act = () => TestCard.Create(TestCard.Content(language: language!));

        act.Should().Throw<InvalidInputException>()
            .WithMessage("*language*for example ko or en*")
            .Which.Field.Should().Be("language");
    }

    [Fact]
    public void Constructor_NullTags_HasNoTags()
    {
        var card = TestCard.Create(new CardContent("Title", "Problem", null, CardKind.NonCommercial, null, "en"));

        card.Tags.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_TagsNeedingNormalization_AreNormalized()
    {
        var card = TestCard.Create(TestCard.Content(tags: ["  #AI ", "Machine Learning", "서울 모임"]));

        card.Tags.Should().Equal("ai", "machine-learning", "서울-모임");
    }

    [Fact]
    public void Constructor_NineDistinctTags_ThrowsInvalidInput()
    {
        var tags = Enumerable.Range(1, ProblemCard.MaxTags + 1).Select(i => $"tag{i}").ToList();

        var act = () => TestCard.Create(TestCard.Content(tags: tags));

        act.Should().Throw<InvalidInputException>()
            .WithMessage("*at most 8 tags*")
            .Which.Field.Should().Be("tags");
    }

    [Theory]
    [InlineData("  ai  ", "ai")]
    [InlineData("#ai", "ai")]
    [InlineData("##ai", "ai")]
    [InlineData("# ai", "ai")]
    [InlineData("AI", "ai")]
    [InlineData("Machine Learning", "machine-learning")]
    [InlineData("machine   learning", "machine-learning")]
    [InlineData("machine\tlearning", "machine-learning")]
    [InlineData("machine\nlearning", "machine-learning")]
    [InlineData("ai-ethics", "ai-ethics")]
    [InlineData("서울", "서울")]
    [InlineData("#서울 모임", "서울-모임")]
    [InlineData("c#", "c#")]
    public void NormalizeTags_OneTag_IsNormalized(string raw, string expected)
    {
        ProblemCard.NormalizeTags([raw]).Should().Equal(expected);
    }

    [Fact]
    public void NormalizeTags_Null_IsEmpty()
    {
        ProblemCard.NormalizeTags(null).Should().BeEmpty();
    }

    [Fact]
    public void NormalizeTags_BlankAndHashOnly_AreDropped()
    {
        ProblemCard.NormalizeTags(["", "   ", "#", "##", " # "]).Should().BeEmpty();
    }

    [Fact]
    public void NormalizeTags_DuplicatesAfterNormalization_AreRemovedKeepingFirstOrder()
    {
        var tags = ProblemCard.NormalizeTags(["Design", "#AI", "ai", " AI ", "design", "Open Source", "open-source", "open  source"]);

        tags.Should().Equal("design", "ai", "open-source");
    }

    [Fact]
    public void NormalizeTags_EightTags_AreAccepted()
    {
        var raw = Enumerable.Range(1, ProblemCard.MaxTags).Select(i => $"tag{i}").ToList();

        ProblemCard.NormalizeTags(raw).Should().HaveCount(8).And.Equal(raw);
    }

    [Fact]
    public void NormalizeTags_NineTags_ThrowsInvalidInput()
    {
        var raw = Enumerable.Range(1, ProblemCard.MaxTags + 1).Select(i => $"tag{i}");

        var act = () => ProblemCard.NormalizeTags(raw);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("A card can have at most 8 tags.")
            .Which.Field.Should().Be("tags");
    }

    [Fact]
    public void NormalizeTags_NineEntriesThatAreEightAfterDeduplication_AreAccepted()
    {
        var raw = Enumerable.Range(1, ProblemCard.MaxTags).Select(i => $"tag{i}").Append("#TAG1").Append("   ");

        ProblemCard.NormalizeTags(raw).Should().HaveCount(8);
    }

    [Fact]
    public void NormalizeTags_ThirtyCharacters_IsAccepted()
    {
        var tag = new string('t', ProblemCard.TagMaxLength);

        ProblemCard.NormalizeTags(["#" + tag]).Should().Equal(tag);
    }

    [Fact]
    public void NormalizeTags_ThirtyHangulSyllables_IsAccepted()
    {
        var tag = string.Concat(Enumerable.Repeat("가", ProblemCard.TagMaxLength));

        ProblemCard.NormalizeTags([tag]).Should().Equal(tag);
    }

    [Fact]
    public void NormalizeTags_ThirtyOneCharacters_ThrowsInvalidInput()
    {
        var act = () => ProblemCard.NormalizeTags([new string('t', ProblemCard.TagMaxLength + 1)]);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("A tag can be at most 30 characters (\"tttttttttt…\" is longer).")
            .Which.Field.Should().Be("tags");
    }

    [Fact]
    public void NormalizeTags_LengthIsCountedAfterWhitespaceIsJoined()
    {
        var fits = new string('a', 14) + "   " + new string('b', 15);
        var tooLong = new string('a', 15) + "   " + new string('b', 15);

        ProblemCard.NormalizeTags([fits]).Single().Should().HaveLength(30);
        var act = () => ProblemCard.NormalizeTags([tooLong]);
        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("tags");
    }

    [Fact]
    public void Edit_ValidContent_ReplacesContentAndKeepsIdentity()
    {
        var card = TestCard.Create();
        var createdAt = card.CreatedAt;
        var later = TestEvent.Now.AddMinutes(10);

        card.Edit(new CardContent("New title", "New problem", null, CardKind.Commercial, ["New Tag"], "ko"), later);

        card.Title.Should().Be("New title");
        card.Problem.Should().Be("New problem");
        card.HelpWanted.Should().BeEmpty();
        card.Kind.Should().Be(CardKind.Commercial);
        card.Tags.Should().Equal("new-tag");
        card.Language.Should().Be("ko");
        card.UpdatedAt.Should().Be(later);
        card.CreatedAt.Should().Be(createdAt);
        card.Status.Should().Be(CardStatus.Open);
    }

    [Fact]
    public void Edit_TitleTooLong_Throws()
    {
        var card = TestCard.Create();

        var act = () => card.Edit(TestCard.Content(title: new string('x', 121)), TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("title");
    }

    [Fact]
    public void Edit_WithdrawnCard_ThrowsAndKeepsContent()
    {
        var card = TestCard.Create(TestCard.Content(title: "Original"));
        card.Withdraw(TestEvent.Now);

        var act = () => card.Edit(TestCard.Content(title: "Changed"), TestEvent.Now.AddMinutes(1));

        act.Should().Throw<RuleViolationException>().WithMessage("*withdrawn card cannot be edited*");
        card.Title.Should().Be("Original");
        card.UpdatedAt.Should().Be(TestEvent.Now);
    }

    [Fact]
    public void Edit_NullContent_ThrowsArgumentNull()
    {
        var card = TestCard.Create();

        var act = () => card.Edit(null!, TestEvent.Now);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void Withdraw_OpenCard_IsWithdrawn()
    {
        var card = TestCard.Create();
        var later = TestEvent.Now.AddHours(1);

        card.Withdraw(later);

        card.Status.Should().Be(CardStatus.Withdrawn);
        card.UpdatedAt.Should().Be(later);
    }

    [Fact]
    public void Withdraw_Twice_Throws()
    {
        var card = TestCard.Create();
        card.Withdraw(TestEvent.Now);

        var act = () => card.Withdraw(TestEvent.Now.AddMinutes(1));

        act.Should().Throw<RuleViolationException>().WithMessage("*already withdrawn*");
        card.UpdatedAt.Should().Be(TestEvent.Now);
    }

    [Theory]
    [InlineData("first\nsecond")]
    [InlineData("first\r\nsecond")]
    [InlineData("first\rsecond")]
    [InlineData("first\tsecond")]
    [InlineData("first\u0085second")]
    [InlineData("first\u2028second")]
    [InlineData("first\u2029second")]
    public void Constructor_TitleNotOneLine_ThrowsNotOneLine(string title)
    {
        var act = () => TestCard.Create(TestCard.Content(title: title));

        var error = act.Should().Throw<InvalidInputException>().WithMessage("Keep the title to one line.").Which;
        error.Field.Should().Be("title");
        error.Problem.Should().Be(InputProblem.NotOneLine);
        error.Limit.Should().BeNull();
    }

    [Fact]
    public void Constructor_TitleWithLineBreaksOnlyAround_IsTrimmedToOneLine()
    {
        TestCard.Create(TestCard.Content(title: "\r\n  One line  \n")).Title.Should().Be("One line");
    }

    [Fact]
    public void Constructor_ProblemOnSeveralLines_IsKept()
    {
        const string problem = "First line\nSecond line\r\n\tIndented third";

        TestCard.Create(TestCard.Content(problem: problem)).Problem.Should().Be(problem);
    }

    [Fact]
    public void Constructor_MissingTitle_ProblemIsRequired()
    {
        var act = () => TestCard.Create(TestCard.Content(title: " "));

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Problem.Should().Be(InputProblem.Required);
        error.Limit.Should().BeNull();
    }

    [Fact]
    public void Constructor_TitleOf120HangulSyllables_IsAccepted()
    {
        var title = string.Concat(Enumerable.Repeat("한", ProblemCard.TitleMaxLength));

        TestCard.Create(TestCard.Content(title: title)).Title.Should().Be(title);
    }

    [Fact]
    public void Constructor_TitleOf121HangulSyllables_ThrowsTooLongWithLimit()
    {
        var title = string.Concat(Enumerable.Repeat("한", ProblemCard.TitleMaxLength + 1));

        var act = () => TestCard.Create(TestCard.Content(title: title));

        var error = act.Should().Throw<InvalidInputException>().WithMessage("Title can be at most 120 characters (it has 121).").Which;
        error.Field.Should().Be("title");
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(ProblemCard.TitleMaxLength);
    }

    [Fact]
    public void Constructor_TitleOf120FamilyEmoji_IsAccepted()
    {
        // Each family of four is one character a person sees, but 7 code points and 11 UTF-16 units.
        const string familyOfFour = "👨‍👩‍👧‍👦";
        var title = string.Concat(Enumerable.Repeat(familyOfFour, ProblemCard.TitleMaxLength));

        var card = TestCard.Create(TestCard.Content(title: title));

        card.Title.Should().Be(title);
        title.Length.Should().Be(ProblemCard.TitleMaxLength * 11);
    }

    [Fact]
    public void Constructor_TitleOf121FamilyEmoji_ThrowsTooLongWithLimit()
    {
        var title = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", ProblemCard.TitleMaxLength + 1));

        var act = () => TestCard.Create(TestCard.Content(title: title));

        var error = act.Should().Throw<InvalidInputException>().WithMessage("*at most 120 characters (it has 121)*").Which;
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(ProblemCard.TitleMaxLength);
    }

    [Fact]
    public void Constructor_ProblemOverLimit_ProblemIsTooLongWithLimit()
    {
        var act = () => TestCard.Create(TestCard.Content(problem: new string('문', ProblemCard.ProblemMaxLength + 1)));

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Field.Should().Be("problem");
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(ProblemCard.ProblemMaxLength);
    }

    [Fact]
    public void Constructor_HtmlAndScript_StoredExactlyAsGiven()
    {
        const string title = "<script>alert('x')</script> & <b>bold</b>";
        const string problem = "<img src=x onerror=\"alert(1)\">\n<a href='javascript:void(0)'>link</a> &amp; &lt;";
        const string helpWanted = "</textarea><style>body{display:none}</style> \"quotes\" 'single'";

        var card = TestCard.Create(TestCard.Content(title: title, problem: problem, helpWanted: helpWanted));

        card.Title.Should().Be(title);
        card.Problem.Should().Be(problem);
        card.HelpWanted.Should().Be(helpWanted);
    }

    [Fact]
    public void Edit_HtmlAndScript_StoredExactlyAsGiven()
    {
        var card = TestCard.Create();
        const string title = "<iframe src=\"https://example.com\"></iframe>";

        card.Edit(TestCard.Content(title: title, problem: "<script>document.cookie</script>"), TestEvent.Now);

        card.Title.Should().Be(title);
        card.Problem.Should().Be("<script>document.cookie</script>");
    }

    [Fact]
    public void NormalizeTags_TagTooLong_ProblemIsTooLongWithTagLimit()
    {
        var act = () => ProblemCard.NormalizeTags([new string('가', ProblemCard.TagMaxLength + 1)]);

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Field.Should().Be("tags");
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(ProblemCard.TagMaxLength);
    }

    [Fact]
    public void NormalizeTags_TooManyTags_ProblemIsTooManyWithTagCount()
    {
        var act = () => ProblemCard.NormalizeTags(Enumerable.Range(1, ProblemCard.MaxTags + 1).Select(i => $"태그{i}"));

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Field.Should().Be("tags");
        error.Problem.Should().Be(InputProblem.TooMany);
        error.Limit.Should().Be(ProblemCard.MaxTags);
    }

    [Fact]
    public void Constructor_UndefinedKind_ProblemIsInvalid()
    {
        var act = () => TestCard.Create(TestCard.Content(kind: (CardKind)7));

        act.Should().Throw<InvalidInputException>().Which.Problem.Should().Be(InputProblem.Invalid);
    }
}
