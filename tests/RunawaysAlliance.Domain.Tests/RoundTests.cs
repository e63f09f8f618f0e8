using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class RoundTests
{
    private readonly Event _event = TestEvent.Empty();

    [Fact]
    public void AddRound_NoDuration_LastsFortyFiveMinutes()
    {
        var round = _event.AddRound(TestEvent.Seoul(19));

        round.Duration.Should().Be(Round.DefaultDuration).And.Be(TimeSpan.FromMinutes(45));
        round.StartsAt.Should().Be(TestEvent.Utc(10));
        round.EndsAt.Should().Be(TestEvent.Utc(10, 45));
        round.Number.Should().Be(1);
        round.EventId.Should().Be(_event.Id);
        _event.FindRound(round.Id).Should().BeSameAs(round);
    }

    [Fact]
    public void AddRound_LocalStart_IsStoredAsUtcInstant()
    {
        var round = _event.AddRound(TestEvent.Seoul(19));

        round.StartsAt.Offset.Should().Be(TimeSpan.Zero);
        round.StartsAt.UtcDateTime.Should().Be(new DateTime(2025, 12, 11, 10, 0, 0, DateTimeKind.Utc));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(90)]
    [InlineData(240)]
    public void AddRound_DurationWithinLimits_IsAccepted(int minutes)
    {
        var round = _event.AddRound(TestEvent.Utc(10), TimeSpan.FromMinutes(minutes));

        round.Duration.Should().Be(TimeSpan.FromMinutes(minutes));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(241)]
    [InlineData(600)]
    public void AddRound_DurationOutsideLimits_ThrowsInvalidInput(int minutes)
    {
        var act = () => _event.AddRound(TestEvent.Utc(10), TimeSpan.FromMinutes(minutes));

        act.Should().Throw<InvalidInputException>()
            .WithMessage($"*between 5 minutes and 4 hours (it was {minutes} minutes)*")
            .Which.Field.Should().Be("duration");
        _event.Rounds.Should().BeEmpty();
    }

    [Fact]
    public void AddRound_StartsWhenPreviousEnds_IsAllowed()
    {
        _event.AddRound(TestEvent.Utc(10));

        var next = _event.AddRound(TestEvent.Utc(10, 45));

        next.Number.Should().Be(2);
        _event.Rounds.Should().HaveCount(2);
    }

    [Fact]
    public void AddRound_EndsWhenNextStarts_IsAllowed()
    {
        _event.AddRound(TestEvent.Utc(10));

        var earlier = _event.AddRound(TestEvent.Utc(9, 15));

        earlier.Number.Should().Be(1);
        _event.Rounds.Should().HaveCount(2);
    }

    [Fact]
    public void AddRound_FillsGapTouchingBothNeighbours_IsAllowed()
    {
        var demo = TestEvent.Create(EventPhase.Setup);

        var gap = demo.Event.AddRound(TestEvent.Utc(10, 45), TimeSpan.FromMinutes(15));

        gap.Number.Should().Be(2);
        demo.Event.Rounds.Should().HaveCount(4);
    }

    [Theory]
    [InlineData(9, 30, 45)]    // overlaps the start of 10:00–10:45
    [InlineData(10, 30, 45)]   // overlaps the end
    [InlineData(10, 10, 10)]   // inside it
    [InlineData(9, 0, 180)]    // contains it
    [InlineData(10, 0, 45)]    // the same time box
    [InlineData(10, 0, 5)]     // same start, shorter
    [InlineData(9, 16, 45)]    // one minute of overlap at the start
    [InlineData(10, 44, 45)]   // one minute of overlap at the end
    public void AddRound_Overlapping_ThrowsAndAddsNothing(int hour, int minute, int minutes)
    {
        var existing = _event.AddRound(TestEvent.Utc(10));

        var act = () => _event.AddRound(TestEvent.Utc(hour, minute), TimeSpan.FromMinutes(minutes));

        act.Should().Throw<RuleViolationException>().WithMessage("*would overlap round 1*");
        _event.Rounds.Should().ContainSingle().Which.Should().BeSameAs(existing);
    }

    [Fact]
    public void AddRound_Overlapping_MessageShowsTimesInEventTimeZone()
    {
        _event.AddRound(TestEvent.Utc(10));

        var act = () => _event.AddRound(TestEvent.Utc(10, 30), TimeSpan.FromMinutes(60));

        act.Should().Throw<RuleViolationException>()
            .WithMessage("A round from 19:30 for 60 minutes would overlap round 1 (19:00–19:45).");
    }

    [Fact]
    public void AddRound_SameInstantWithOtherOffset_IsAnOverlap()
    {
        _event.AddRound(TestEvent.Seoul(19));

        var act = () => _event.AddRound(TestEvent.Utc(10));

        act.Should().Throw<RuleViolationException>();
    }

    [Fact]
    public void AddRound_OverlapWithSecondOfThree_NamesThatRound()
    {
        var demo = TestEvent.Create(EventPhase.Setup);

        var act = () => demo.Event.AddRound(TestEvent.Utc(11, 30));

        act.Should().Throw<RuleViolationException>().WithMessage("*overlap round 2 (20:00–20:45)*");
        demo.Event.Rounds.Should().HaveCount(3);
    }

    [Fact]
    public void AddRound_OutOfOrder_NumbersFollowStartTime()
    {
        var third = _event.AddRound(TestEvent.Seoul(21));
        var first = _event.AddRound(TestEvent.Seoul(19));
        var second = _event.AddRound(TestEvent.Seoul(20));

        first.Number.Should().Be(1);
        second.Number.Should().Be(2);
        third.Number.Should().Be(3);
        _event.Rounds.Should().Equal(first, second, third);
        _event.Rounds.Select(r => r.Number).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void AddRound_EarlierThanAll_RenumbersTheOthers()
    {
        var demo = TestEvent.Create(EventPhase.Setup);
        var oldFirst = demo.Round(1);

        var opener = demo.Event.AddRound(TestEvent.Seoul(18), TimeSpan.FromMinutes(30));

        opener.Number.Should().Be(1);
        oldFirst.Number.Should().Be(2);
        demo.Event.Rounds.Select(r => r.Number).Should().Equal(1, 2, 3, 4);
        demo.Event.Rounds.Select(r => r.StartsAt).Should().BeInAscendingOrder();
    }

    [Theory]
    [InlineData(9, 0, 61, true)]
    [InlineData(10, 44, 1, true)]
    [InlineData(10, 0, 45, true)]
    [InlineData(9, 0, 60, false)]
    [InlineData(10, 45, 10, false)]
    [InlineData(8, 0, 60, false)]
    public void Overlaps_AgainstTenToTenFortyFive_SharesAMomentOnlyWhenOverlapping(int hour, int minute, int minutes, bool expected)
    {
        var round = _event.AddRound(TestEvent.Utc(10));

        round.Overlaps(TestEvent.Utc(hour, minute), TimeSpan.FromMinutes(minutes)).Should().Be(expected);
    }

    [Fact]
    public void FindRound_Unknown_Throws()
    {
        var act = () => _event.FindRound(Guid.NewGuid());

        act.Should().Throw<RuleViolationException>().WithMessage("*round is not part of this event*");
    }
}
