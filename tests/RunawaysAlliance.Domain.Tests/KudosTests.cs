using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>Issue 13: a haver thanks the people who took part, after the session, with a one-line note.</summary>
public class KudosTests
{
    private static readonly DateTimeOffset After = TestEvent.Seoul(19, 45);

    private readonly TestEvent _demo = TestEvent.Create();
    private readonly Session _session;
    private readonly Guid _moderator;
    private readonly Guid _helper = Guid.NewGuid();
    private readonly Guid _waiting = Guid.NewGuid();

    public KudosTests()
    {
        _moderator = _demo.NewModerator();
        _session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _moderator);
        _session.ChangeCapacity(1);
        _session.ReserveSeat(_helper, TestEvent.Now);
        _session.ReserveSeat(_waiting, TestEvent.Now);
    }

    private Guid Haver => _session.HaverId;

    private Round Round1 => _demo.Round(1);

    [Fact]
    public void GiveKudos_HaverToSeatedHelperAndModerator_Kept_AndAgainReplacesTheNote()
    {
        _session.GiveKudos(Haver, _helper, "  면접 질문 목록 고마워요 — thank you  ", Round1, After);
        _session.GiveKudos(Haver, _moderator, "Great moderation", Round1, After);
        _session.GiveKudos(Haver, _helper, "Thanks for the interview questions", Round1, After.AddMinutes(5));

        _session.Kudos.Should().HaveCount(2);
        var helper = _session.Kudos.Single(k => k.ToId == _helper);
        helper.Note.Should().Be("Thanks for the interview questions");
        helper.FromId.Should().Be(Haver);
        helper.GivenAt.Should().Be(After.AddMinutes(5));
    }

    [Fact]
    public void GiveKudos_SomeoneElseThanks_Refused()
    {
        var act = () => _session.GiveKudos(_moderator, _helper, "thanks", Round1, After);

        act.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.OnlyHaverGivesKudos);
    }

    [Fact]
    public void GiveKudos_ToWaitlistOrStrangerOrSelf_Refused()
    {
        var waiting = () => _session.GiveKudos(Haver, _waiting, "thanks", Round1, After);
        var stranger = () => _session.GiveKudos(Haver, Guid.NewGuid(), "thanks", Round1, After);
        var self = () => _session.GiveKudos(Haver, Haver, "thanks", Round1, After);

        waiting.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.KudosOnlyForParticipants);
        stranger.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.KudosOnlyForParticipants);
        self.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.KudosNotToYourself);
        _session.Kudos.Should().BeEmpty();
    }

    [Fact]
    public void GiveKudos_BeforeTheEnd_Refused()
    {
        var act = () => _session.GiveKudos(Haver, _helper, "thanks", Round1, TestEvent.Seoul(19, 30));

        act.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.KudosBeforeEnd);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("two\nlines")]
    public void GiveKudos_NoNoteOrNotOneLine_RefusedAndNothingKept(string note)
    {
        var act = () => _session.GiveKudos(Haver, _helper, note, Round1, After);

        act.Should().Throw<InvalidInputException>().Where(e => e.Field == "note");
        _session.Kudos.Should().BeEmpty();
    }

    [Fact]
    public void GiveKudos_NoteTooLong_Refused()
    {
        var act = () => _session.GiveKudos(Haver, _helper, new string('가', Kudos.NoteMaxLength + 1), Round1, After);

        act.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.InputTooLong && e.Limit == Kudos.NoteMaxLength);
    }
}
