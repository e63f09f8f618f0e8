using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class DomainExceptionTests
{
    [Fact]
    public void SlotTakenException_WithName_SaysWhoClaimedIt()
    {
        var exception = new SlotTakenException(new SlotName("Room 3", 2), "Mina");

        exception.Message.Should().Be("Room 3 · Round 2 was just claimed by Mina.");
        exception.SlotLabel.Should().Be("Room 3 · Round 2");
        exception.Should().BeAssignableTo<DomainException>();
    }

    [Fact]
    public void SlotTakenException_WithoutName_SaysSomeoneElse()
    {
        var exception = new SlotTakenException(new SlotName("Room 3", 2), takenBy: null);

        exception.Message.Should().Be("Room 3 · Round 2 was just claimed by someone else.");
    }

    [Fact]
    public void InvalidInputException_KeepsFieldAndMessage()
    {
        var exception = new InvalidInputException("title", RuleCode.InputRequired, "Title is required.");

        exception.Field.Should().Be("title");
        exception.Message.Should().Be("Title is required.");
        exception.Should().BeAssignableTo<DomainException>();
    }

    [Fact]
    public void RuleViolationAndConcurrentEdit_AreDomainExceptions()
    {
        new RuleViolationException(RuleCode.NotJoined, "no").Should().BeAssignableTo<DomainException>();
        new ConcurrentEditException(RuleCode.ChangedConcurrently, "reload").Should().BeAssignableTo<DomainException>().Which.Message.Should().Be("reload");
    }

    [Fact]
    public void InvalidInputException_WithoutProblem_IsInvalidWithoutLimit()
    {
        var exception = new InvalidInputException("language", RuleCode.CardLanguageMissing, "Pick a language.");

        exception.Problem.Should().Be(InputProblem.Invalid);
        exception.Limit.Should().BeNull();
    }

    [Fact]
    public void InvalidInputException_WithProblemAndLimit_KeepsBoth()
    {
        var exception = new InvalidInputException("tags", RuleCode.TooManyTags, "A card can have at most 8 tags.", InputProblem.TooMany, 8, [8]);

        exception.Field.Should().Be("tags");
        exception.Message.Should().Be("A card can have at most 8 tags.");
        exception.Problem.Should().Be(InputProblem.TooMany);
        exception.Limit.Should().Be(8);
    }

    [Fact]
    public void SlotTakenException_CarriesCodeAndSlotAsValues()
    {
        var named = new SlotTakenException(new SlotName("Room 3", 2), "Mina");
        var anonymous = new SlotTakenException(new SlotName("Room 3", 2), takenBy: null);

        named.Code.Should().Be(RuleCode.SlotTakenBy);
        named.Arguments.Should().Equal(new SlotName("Room 3", 2), "Mina");
        anonymous.Code.Should().Be(RuleCode.SlotTaken);
        anonymous.Arguments.Should().Equal(new SlotName("Room 3", 2));
    }

    [Fact]
    public void InvalidInputException_PutsTheFieldFirstInItsArguments()
    {
        var exception = new InvalidInputException("tags", RuleCode.TooManyTags, "A card can have at most 8 tags.", InputProblem.TooMany, 8, [8]);

        exception.Code.Should().Be(RuleCode.TooManyTags);
        exception.Arguments.Should().Equal(new FieldName("tags"), 8);
    }

    [Fact]
    public void AddRound_Overlapping_NamesTheLocalTimesAsValues()
    {
        var evt = new Event(Guid.NewGuid(), "codes", "Codes", "Hall", "Asia/Seoul", DateTimeOffset.UtcNow);
        evt.AddRound(new DateTimeOffset(2025, 12, 11, 19, 0, 0, TimeSpan.FromHours(9)));

        var act = () => evt.AddRound(new DateTimeOffset(2025, 12, 11, 19, 30, 0, TimeSpan.FromHours(9)));

        var error = act.Should().Throw<RuleViolationException>().Which;
        error.Code.Should().Be(RuleCode.RoundsOverlap);
        error.Arguments.Should().Equal(new TimeOnly(19, 30), 45, 1, new TimeOnly(19, 0), new TimeOnly(19, 45));
        error.Message.Should().Be("A round from 19:30 for 45 minutes would overlap round 1 (19:00–19:45).");
    }
}
