using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>
/// A draft keeps what the haver typed, exactly and unchecked by the card rules, only bounded at twice a
/// field's limit times <see cref="Guard.MaxUnitsPerCharacter"/> UTF-16 units.
/// </summary>
public class CardDraftTests
{
    private static readonly DateTimeOffset Later = TestEvent.Now.AddMinutes(3);

    private readonly Guid _eventId = Guid.NewGuid();
    private readonly Guid _authorId = Guid.NewGuid();

    [Fact]
    public void Constructor_ForNewCard_IsEmptyAndForNewCard()
    {
        var id = Guid.NewGuid();

        var draft = new CardDraft(id, _eventId, _authorId, Guid.Empty, 0, TestEvent.Now);

        draft.Id.Should().Be(id);
        draft.EventId.Should().Be(_eventId);
        draft.AuthorId.Should().Be(_authorId);
        draft.CardId.Should().Be(Guid.Empty);
        draft.IsForNewCard.Should().BeTrue();
        draft.BaseRevision.Should().Be(0);
        draft.Title.Should().BeEmpty();
        draft.Problem.Should().BeEmpty();
        draft.HelpWanted.Should().BeEmpty();
        draft.Tags.Should().BeEmpty();
        draft.Language.Should().BeEmpty();
        draft.Kind.Should().Be(CardKind.NonCommercial);
        draft.CreatedAt.Should().Be(TestEvent.Now);
        draft.UpdatedAt.Should().Be(TestEvent.Now);
    }

    [Fact]
    public void Constructor_ForExistingCard_KeepsCardAndBaseRevision()
    {
        var cardId = Guid.NewGuid();

        var draft = new CardDraft(Guid.NewGuid(), _eventId, _authorId, cardId, 4, TestEvent.Now);

        draft.CardId.Should().Be(cardId);
        draft.IsForNewCard.Should().BeFalse();
        draft.BaseRevision.Should().Be(4);
    }

    [Fact]
    public void Update_TextAsTyped_IsKeptExactly()
    {
        var draft = NewDraft();
        const string title = "  작은 카페 ☕ 👨‍👩‍👧‍👦  \t";
        const string problem = "\n  첫 줄\r\n  <script>alert('x')</script>\n\n 끝  ";
        const string helpWanted = "<b>bold</b> & <img src=x onerror=alert(1)> \"quoted\" 'single' ";
        const string tags = " #마케팅,  Coffee , 🇰🇷 ";
        const string language = " KO-kr ";

        draft.Update(title, problem, helpWanted, CardKind.Commercial, tags, language, Later);

        draft.Title.Should().Be(title);
        draft.Problem.Should().Be(problem);
        draft.HelpWanted.Should().Be(helpWanted);
        draft.Kind.Should().Be(CardKind.Commercial);
        draft.Tags.Should().Be(tags);
        draft.Language.Should().Be(language);
        draft.UpdatedAt.Should().Be(Later);
        draft.CreatedAt.Should().Be(TestEvent.Now);
    }

    [Fact]
    public void Update_Nulls_AreEmpty()
    {
        var draft = NewDraft();
        draft.Update("t", "p", "h", CardKind.Commercial, "x", "en", TestEvent.Now);

        draft.Update(null, null, null, CardKind.NonCommercial, null, null, Later);

        draft.Title.Should().BeEmpty();
        draft.Problem.Should().BeEmpty();
        draft.HelpWanted.Should().BeEmpty();
        draft.Tags.Should().BeEmpty();
        draft.Language.Should().BeEmpty();
        draft.Kind.Should().Be(CardKind.NonCommercial);
    }

    [Fact]
    public void Update_TextThatBreaksTheCardRules_IsKept()
    {
        var draft = NewDraft();
        var title = "a title\non two lines that is also far too long " + new string('x', ProblemCard.TitleMaxLength);
        var tags = string.Join(" ", Enumerable.Range(1, 20).Select(i => $"#tag{i}"));

        draft.Update(title, "   ", new string('h', ProblemCard.HelpWantedMaxLength + 1), CardKind.Commercial, tags, "english, please", Later);

        draft.Title.Should().Be(title);
        draft.Problem.Should().Be("   ");
        draft.HelpWanted.Should().HaveLength(ProblemCard.HelpWantedMaxLength + 1);
        draft.Tags.Should().Be(tags);
        draft.Language.Should().Be("english, please");
    }

    [Theory]
    [InlineData(CardKind.Commercial, CardKind.Commercial)]
    [InlineData(CardKind.NonCommercial, CardKind.NonCommercial)]
    [InlineData((CardKind)2, CardKind.NonCommercial)]
    [InlineData((CardKind)(-1), CardKind.NonCommercial)]
    [InlineData((CardKind)int.MaxValue, CardKind.NonCommercial)]
    public void Update_Kind_UndefinedBecomesNonCommercial(CardKind kind, CardKind expected)
    {
        var draft = NewDraft();
        draft.Update("t", "p", "h", CardKind.Commercial, "x", "en", TestEvent.Now);

        draft.Update("t", "p", "h", kind, "x", "en", Later);

        draft.Kind.Should().Be(expected);
    }

    [Theory]
    [InlineData("title", ProblemCard.TitleMaxLength)]
    [InlineData("problem", ProblemCard.ProblemMaxLength)]
    [InlineData("help wanted", ProblemCard.HelpWantedMaxLength)]
    [InlineData("tags", ProblemCard.TagMaxLength * ProblemCard.MaxTags)]
    [InlineData("language", 35)]
    public void Update_FieldAtTheBound_IsKept(string field, int limit)
    {
        var draft = NewDraft();
        var text = new string('x', limit * 2 * Guard.MaxUnitsPerCharacter);

        Update(draft, field, text);

        Read(draft, field).Should().Be(text);
    }

    [Theory]
    [InlineData("title", ProblemCard.TitleMaxLength)]
    [InlineData("problem", ProblemCard.ProblemMaxLength)]
    [InlineData("help wanted", ProblemCard.HelpWantedMaxLength)]
    [InlineData("tags", ProblemCard.TagMaxLength * ProblemCard.MaxTags)]
    [InlineData("language", 35)]
    public void Update_FieldOneUnitOverTheBound_ThrowsTooLongAndChangesNothing(string field, int limit)
    {
        var draft = NewDraft();
        draft.Update("title", "problem", "help", CardKind.Commercial, "tags", "en", TestEvent.Now);
        var text = new string('x', (limit * 2 * Guard.MaxUnitsPerCharacter) + 1);

        var act = () => Update(draft, field, text);

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Field.Should().Be(field);
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(limit);
        (draft.Title, draft.Problem, draft.HelpWanted, draft.Kind, draft.Tags, draft.Language, draft.UpdatedAt)
            .Should().Be(("title", "problem", "help", CardKind.Commercial, "tags", "en", TestEvent.Now));
    }

    [Fact]
    public void Update_BoundIsCountedInUtf16Units()
    {
        var draft = NewDraft();
        // Each rocket is one character a person sees but two UTF-16 units.
        var atBound = string.Concat(Enumerable.Repeat("🚀", ProblemCard.TitleMaxLength * Guard.MaxUnitsPerCharacter));

        draft.Update(atBound, null, null, CardKind.NonCommercial, null, null, Later);
        var act = () => draft.Update(atBound + "x", null, null, CardKind.NonCommercial, null, null, Later);

        draft.Title.Should().Be(atBound);
        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("title");
    }

    [Fact]
    public void Update_LongestCardTheRulesAllowInWideText_IsKept()
    {
        var draft = NewDraft();
        var title = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", ProblemCard.TitleMaxLength));
        var problem = string.Concat(Enumerable.Repeat("\u1112\u1161\u11AB", ProblemCard.ProblemMaxLength));

        draft.Update(title, problem, null, CardKind.NonCommercial, null, "ko", Later);

        draft.Title.Should().Be(title);
        draft.Problem.Should().Be(problem);
    }

    private CardDraft NewDraft() => new(Guid.NewGuid(), _eventId, _authorId, Guid.Empty, 0, TestEvent.Now);

    private static void Update(CardDraft draft, string field, string text) =>
        draft.Update(
            field == "title" ? text : "title",
            field == "problem" ? text : "problem",
            field == "help wanted" ? text : "help",
            CardKind.NonCommercial,
            field == "tags" ? text : "tags",
            field == "language" ? text : "en",
            Later);

    private static string Read(CardDraft draft, string field) => field switch
    {
        "title" => draft.Title,
        "problem" => draft.Problem,
        "help wanted" => draft.HelpWanted,
        "tags" => draft.Tags,
        _ => draft.Language,
    };
}
