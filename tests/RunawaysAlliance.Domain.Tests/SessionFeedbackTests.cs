using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>Issue 13: who may rate a session, when, and what a rating holds.</summary>
public class SessionFeedbackTests
{
    private readonly TestEvent _demo = TestEvent.Create();
    private readonly Session _session;
    private readonly Guid _moderator;
    private readonly Guid _seated = Guid.NewGuid();
    private readonly Guid _waiting = Guid.NewGuid();

    // Round 1 runs 19:00–19:45 Seoul time.
    private static readonly DateTimeOffset During = TestEvent.Seoul(19, 30);
    private static readonly DateTimeOffset After = TestEvent.Seoul(19, 45);

    public SessionFeedbackTests()
    {
        _moderator = _demo.NewModerator();
        _session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _moderator);
        _session.ChangeCapacity(1);
        _session.ReserveSeat(_seated, TestEvent.Now);
        _session.ReserveSeat(_waiting, TestEvent.Now);
    }

    private Round Round1 => _demo.Round(1);

    [Fact]
    public void GiveFeedback_SeatedPersonAfterTheRound_IsKept()
    {
        var feedback = _session.GiveFeedback(_seated, 4, SessionLength.TooShort, "  좋은 대화였어요, too short though  ", Round1, After);

        feedback.Rating.Should().Be(4);
        feedback.Length.Should().Be(SessionLength.TooShort);
        feedback.Comment.Should().Be("좋은 대화였어요, too short though");
        feedback.GivenAt.Should().Be(After);
        _session.Feedback.Should().ContainSingle().Which.PersonId.Should().Be(_seated);
    }

    [Fact]
    public void GiveFeedback_ModeratorAndHaver_TookPart()
    {
        _session.GiveFeedback(_moderator, 5, SessionLength.Right, null, Round1, After);
        _session.GiveFeedback(_session.HaverId, 3, null, "", Round1, After);

        _session.Feedback.Should().HaveCount(2);
        _session.Feedback.Single(f => f.PersonId == _session.HaverId).Comment.Should().BeNull("an empty comment is no comment");
    }

    [Fact]
    public void GiveFeedback_Again_ReplacesTheEarlierOne()
    {
        _session.GiveFeedback(_seated, 2, SessionLength.TooLong, "meh", Round1, After);

        _session.GiveFeedback(_seated, 5, SessionLength.Right, null, Round1, After.AddHours(1));

        var feedback = _session.Feedback.Should().ContainSingle().Subject;
        feedback.Rating.Should().Be(5);
        feedback.Length.Should().Be(SessionLength.Right);
        feedback.Comment.Should().BeNull();
        feedback.GivenAt.Should().Be(After);
        feedback.UpdatedAt.Should().Be(After.AddHours(1));
    }

    [Fact]
    public void GiveFeedback_WaitlistedOrStranger_Refused()
    {
        var waiting = () => _session.GiveFeedback(_waiting, 4, null, null, Round1, After);
        var stranger = () => _session.GiveFeedback(Guid.NewGuid(), 4, null, null, Round1, After);

        waiting.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.OnlyParticipantsRate);
        stranger.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.OnlyParticipantsRate);
        _session.Feedback.Should().BeEmpty();
    }

    [Fact]
    public void GiveFeedback_DuringTheRound_RefusedUntilTheTimerIsEnded()
    {
        var early = () => _session.GiveFeedback(_seated, 4, null, null, Round1, During);
        early.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.FeedbackBeforeEnd);

        _session.Timer.Start(TestEvent.Seoul(19, 1));
        _session.Timer.End(TestEvent.Seoul(19, 20));

        _session.GiveFeedback(_seated, 4, null, null, Round1, During).Rating.Should().Be(4);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void GiveFeedback_RatingOutsideOneToFive_Refused(int rating)
    {
        var act = () => _session.GiveFeedback(_seated, rating, null, null, Round1, After);

        act.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.RatingOutOfRange);
        _session.Feedback.Should().BeEmpty("a refused rating leaves nothing behind");
    }

    [Fact]
    public void GiveFeedback_CommentTooLong_RefusedWithTheLimit()
    {
        var act = () => _session.GiveFeedback(_seated, 4, null, new string('가', SessionFeedback.CommentMaxLength + 1), Round1, After);

        act.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.InputTooLong && e.Limit == SessionFeedback.CommentMaxLength);
        _session.Feedback.Should().BeEmpty();
    }

    [Fact]
    public void GiveFeedback_SessionGaveItsSlotBack_Refused()
    {
        _demo.Release(_session.Id, TestEvent.Now);

        var act = () => _session.GiveFeedback(_moderator, 4, null, null, Round1, After);

        act.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.SessionGaveSlotBack);
    }
}
