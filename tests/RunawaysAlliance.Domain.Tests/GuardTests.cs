using FluentAssertions;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Tests;

public class GuardTests
{
    [Fact]
    public void RequiredText_Present_ReturnsTrimmed()
    {
        Guard.RequiredText("  hello  ", "greeting", 10).Should().Be("hello");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \t ")]
    public void RequiredText_Missing_ThrowsWithCapitalizedField(string? value)
    {
        var act = () => Guard.RequiredText(value, "greeting", 10);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Greeting is required.")
            .Which.Field.Should().Be("greeting");
    }

    [Fact]
    public void RequiredText_AtLimit_IsAccepted()
    {
        Guard.RequiredText("0123456789", "code", 10).Should().Be("0123456789");
    }

    [Fact]
    public void RequiredText_OverLimit_ThrowsWithLengthSeen()
    {
        var act = () => Guard.RequiredText("01234567890", "code", 10);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Code can be at most 10 characters (it has 11).")
            .Which.Field.Should().Be("code");
    }

    [Fact]
    public void OptionalText_Null_ReturnsEmpty()
    {
        Guard.OptionalText(null, "note", 10).Should().BeEmpty();
    }

    [Fact]
    public void OptionalText_Whitespace_ReturnsEmpty()
    {
        Guard.OptionalText("   ", "note", 10).Should().BeEmpty();
    }

    [Fact]
    public void OptionalText_OverLimit_Throws()
    {
        var act = () => Guard.OptionalText("abcdef", "note", 5);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("note");
    }

    [Theory]
    [InlineData("🇰🇷🇰🇷🇰🇷", 3)]
    [InlineData("👨‍👩‍👧👨‍👩‍👧", 2)]
    [InlineData("\u1112\u1161\u11AB\u1112\u1161\u11AB", 2)]
    [InlineData("e\u0301e\u0301", 2)]
    public void RequiredText_CombinedCharacters_CountAsWhatAPersonSees(string value, int elements)
    {
        Guard.RequiredText(value, "text", elements).Should().Be(value);
        var act = () => Guard.RequiredText(value, "text", elements - 1);
        act.Should().Throw<InvalidInputException>().WithMessage($"*(it has {elements})*");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  \n ")]
    public void RequiredText_Missing_ProblemIsRequiredWithoutLimit(string? value)
    {
        var act = () => Guard.RequiredText(value, "title", 10);

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Problem.Should().Be(InputProblem.Required);
        error.Limit.Should().BeNull();
    }

    [Fact]
    public void RequiredText_OverLimit_ProblemIsTooLongWithTheLimit()
    {
        var act = () => Guard.RequiredText("01234567890", "code", 10);

        var error = act.Should().Throw<InvalidInputException>().Which;
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(10);
    }

    [Fact]
    public void OptionalText_OverLimit_ProblemIsTooLongWithTheLimit()
    {
        var act = () => Guard.OptionalText("가나다라마바", "note", 5);

        var error = act.Should().Throw<InvalidInputException>().WithMessage("Note can be at most 5 characters (it has 6).").Which;
        error.Field.Should().Be("note");
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(120)]
    public void RequiredText_HangulSyllablesAtLimit_AcceptedAndOneMoreRefused(int limit)
    {
        var atLimit = string.Concat(Enumerable.Repeat("한", limit));

        Guard.RequiredText(atLimit, "title", limit).Should().Be(atLimit);
        var act = () => Guard.RequiredText(atLimit + "글", "title", limit);
        act.Should().Throw<InvalidInputException>()
            .WithMessage($"Title can be at most {limit} characters (it has {limit + 1}).")
            .Which.Limit.Should().Be(limit);
    }

    [Fact]
    public void RequiredText_OneCharacterOfSixteenUnits_IsAccepted()
    {
        // One text element: a letter with fifteen combining marks, 16 UTF-16 units.
        var wide = "e" + new string('\u0301', Guard.MaxUnitsPerCharacter - 1);

        Guard.RequiredText(wide, "title", 1).Should().Be(wide);
    }

    [Fact]
    public void RequiredText_OneCharacterOfSeventeenUnits_IsTooLongEvenThoughAPersonSeesOne()
    {
        // Storage stays bounded: more than 16 UTF-16 units per allowed character is refused whatever it shows.
        var wide = "e" + new string('\u0301', Guard.MaxUnitsPerCharacter);

        var act = () => Guard.RequiredText(wide, "title", 1);

        var error = act.Should().Throw<InvalidInputException>().WithMessage("Title is too long: it can be at most 1 characters.").Which;
        error.Field.Should().Be("title");
        error.Problem.Should().Be(InputProblem.TooLong);
        error.Limit.Should().Be(1);
    }

    [Theory]
    [InlineData("one line", false)]
    [InlineData("한 줄 🚀 <b>ok</b>", false)]
    [InlineData("", false)]
    [InlineData("a\nb", true)]
    [InlineData("a\rb", true)]
    [InlineData("a\tb", true)]
    [InlineData("a\u0000b", true)]
    [InlineData("a\u0085b", true)]
    [InlineData("a\u2028b", true)]
    [InlineData("a\u2029b", true)]
    public void IsNotOneLine_Text_TrueForLineBreaksAndControlCharacters(string text, bool expected)
    {
        Guard.IsNotOneLine(text).Should().Be(expected);
    }
}

public sealed class GuardHiddenControlTests
{
    [Theory]
    [InlineData("pasted\u0000text")]
    [InlineData("bell\u0007")]
    [InlineData("escape\u001b[31m")]
    [InlineData("delete\u007f")]
    public void OptionalText_HiddenControlCharacter_RefusedAsInvalid(string text)
    {
        var act = () => Guard.OptionalText(text, "problem", 2000);

        act.Should().Throw<InvalidInputException>().Which.Should().Match<InvalidInputException>(e => e.Field == "problem" && e.Problem == InputProblem.Invalid);
    }

    [Fact]
    public void RequiredText_TabsAndLineBreaks_KeptAsTyped()
    {
        const string text = "첫 줄\r\n\tindented\nlast";

        Guard.RequiredText(text, "problem", 2000).Should().Be(text);
    }
}
