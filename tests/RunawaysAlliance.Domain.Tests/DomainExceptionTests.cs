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
}
