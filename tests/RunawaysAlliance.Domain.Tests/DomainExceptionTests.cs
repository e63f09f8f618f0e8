using FluentAssertions;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Tests;

public class DomainExceptionTests
{
    [Fact]
    public void SlotTakenException_WithName_SaysWhoClaimedIt()
    {
        var exception = new SlotTakenException("Room 3 · Round 2", "Mina");

        exception.Message.Should().Be("Room 3 · Round 2 was just claimed by Mina.");
        exception.SlotLabel.Should().Be("Room 3 · Round 2");
        exception.Should().BeAssignableTo<DomainException>();
    }

    [Fact]
    public void SlotTakenException_WithoutName_SaysSomeoneElse()
    {
        var exception = new SlotTakenException("Room 3 · Round 2", takenBy: null);

        exception.Message.Should().Be("Room 3 · Round 2 was just claimed by someone else.");
    }

    [Fact]
    public void InvalidInputException_KeepsFieldAndMessage()
    {
        var exception = new InvalidInputException("title", "Title is required.");

        exception.Field.Should().Be("title");
        exception.Message.Should().Be("Title is required.");
        exception.Should().BeAssignableTo<DomainException>();
    }

    [Fact]
    public void RuleViolationAndConcurrentEdit_AreDomainExceptions()
    {
        new RuleViolationException("no").Should().BeAssignableTo<DomainException>();
        new ConcurrentEditException("reload").Should().BeAssignableTo<DomainException>().Which.Message.Should().Be("reload");
    }

    [Fact]
    public void InvalidInputException_WithoutProblem_IsInvalidWithoutLimit()
    {
        var exception = new InvalidInputException("language", "Pick a language.");

        exception.Problem.Should().Be(InputProblem.Invalid);
        exception.Limit.Should().BeNull();
    }

    [Fact]
    public void InvalidInputException_WithProblemAndLimit_KeepsBoth()
    {
        var exception = new InvalidInputException("tags", "A card can have at most 8 tags.", InputProblem.TooMany, 8);

        exception.Field.Should().Be("tags");
        exception.Message.Should().Be("A card can have at most 8 tags.");
        exception.Problem.Should().Be(InputProblem.TooMany);
        exception.Limit.Should().Be(8);
    }

}
