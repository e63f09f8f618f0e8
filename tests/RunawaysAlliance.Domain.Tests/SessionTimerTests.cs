using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class SessionTimerTests
{
    private static readonly DateTimeOffset Start = TestEvent.Utc(10);
    private readonly SessionTimer _timer;

    public SessionTimerTests()
    {
        var demo = TestEvent.Create();
        _timer = demo.Claim(demo.NewCard(), room: 2, round: 1, demo.NewModerator()).Timer;
    }

    [Fact]
    public void New_NotStarted_HasTheRoundsLengthLeft()
    {
        _timer.State.Should().Be(TimerState.NotStarted);
        _timer.RemainingAt(Start.AddHours(3)).Should().Be(TimeSpan.FromMinutes(45));
        _timer.EndsAt.Should().BeNull();
    }

    [Fact]
    public void Start_Running_EndsFortyFiveMinutesLater()
    {
        _timer.Start(Start);

        _timer.State.Should().Be(TimerState.Running);
        _timer.StartedAt.Should().Be(Start);
        _timer.EndsAt.Should().Be(Start.AddMinutes(45));
        _timer.RemainingAt(Start.AddMinutes(40)).Should().Be(TimeSpan.FromMinutes(5));
        _timer.RemainingAt(Start.AddMinutes(50)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void PauseThenResume_KeepsTheTimeLeft()
    {
        _timer.Start(Start);
        _timer.Pause(Start.AddMinutes(10));

        _timer.RemainingAt(Start.AddMinutes(30)).Should().Be(TimeSpan.FromMinutes(35), "a paused timer does not count down");
        _timer.Resume(Start.AddMinutes(30));

        _timer.EndsAt.Should().Be(Start.AddMinutes(65));
        _timer.State.Should().Be(TimerState.Running);
    }

    [Fact]
    public void Extend_Running_MovesTheEnd()
    {
        _timer.Start(Start);

        _timer.Extend(TimeSpan.FromMinutes(10), Start.AddMinutes(44));

        _timer.EndsAt.Should().Be(Start.AddMinutes(55));
    }

    [Fact]
    public void Extend_AfterItRanOut_CountsFromNow()
    {
        _timer.Start(Start);

        _timer.Extend(TimeSpan.FromMinutes(5), Start.AddMinutes(50));

        _timer.EndsAt.Should().Be(Start.AddMinutes(55));
    }

    [Fact]
    public void Extend_NotStarted_AddsToTheTimeLeft()
    {
        _timer.Extend(TimeSpan.FromMinutes(15), Start);

        _timer.RemainingAt(Start).Should().Be(TimeSpan.FromHours(1));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    [InlineData(61)]
    public void Extend_OutOfRange_ThrowsAndChangesNothing(int minutes)
    {
        _timer.Start(Start);

        var act = () => _timer.Extend(TimeSpan.FromMinutes(minutes), Start);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("extension");
        _timer.EndsAt.Should().Be(Start.AddMinutes(45));
    }

    [Fact]
    public void End_Running_StopsWithNothingLeft()
    {
        _timer.Start(Start);

        _timer.End(Start.AddMinutes(30));

        _timer.State.Should().Be(TimerState.Ended);
        _timer.EndedAt.Should().Be(Start.AddMinutes(30));
        _timer.RemainingAt(Start.AddMinutes(31)).Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void WrongOrder_EveryStepSaysWhy()
    {
        ((Action)(() => _timer.Pause(Start))).Should().Throw<RuleViolationException>().WithMessage("*running*");
        ((Action)(() => _timer.Resume(Start))).Should().Throw<RuleViolationException>().WithMessage("*paused*");
        _timer.Start(Start);
        ((Action)(() => _timer.Start(Start))).Should().Throw<RuleViolationException>().WithMessage("*already been started*");
        _timer.End(Start.AddMinutes(1));
        ((Action)(() => _timer.End(Start.AddMinutes(2)))).Should().Throw<RuleViolationException>().WithMessage("*already ended*");
        ((Action)(() => _timer.Extend(TimeSpan.FromMinutes(5), Start))).Should().Throw<RuleViolationException>().WithMessage("*ended*");
    }
}
