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
}
