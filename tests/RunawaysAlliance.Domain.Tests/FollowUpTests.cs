using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>Issue 13: "continue this": a follow-up of a session, its invitations, the time poll, and the rules.</summary>
public class FollowUpTests
{
    private static readonly DateTimeOffset After = TestEvent.Seoul(21, 0);
    private static readonly DateTimeOffset NextWeek = After.AddDays(7);

    private readonly TestEvent _demo = TestEvent.Create();
    private readonly Session _session;
    private readonly Guid _moderator;
    private readonly Guid _helper = Guid.NewGuid();
    private readonly Guid _waiting = Guid.NewGuid();

    public FollowUpTests()
    {
        _moderator = _demo.NewModerator();
        _session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _moderator);
        _session.ChangeCapacity(1);
        _session.ReserveSeat(_helper, TestEvent.Now);
        _session.ReserveSeat(_waiting, TestEvent.Now);
    }

    private static FollowUpPlan Plan(params DateTimeOffset[] times) =>
        new("  Volunteer burnout, part 2 ", "Café Runaway, 2nd floor", "https://meet.example.org/burnout", 60, times);

    [Fact]
    public void Start_ByModerator_InvitesParticipants_PollOpenWithSeveralTimes()
    {
        var followUp = FollowUp.Start(_session, _moderator, false, Plan(NextWeek.AddDays(1), NextWeek), [_session.HaverId, _helper, _moderator], After);

        followUp.Title.Should().Be("Volunteer burnout, part 2");
        followUp.Invitations.Select(i => i.PersonId).Should().BeEquivalentTo([_session.HaverId, _helper], "the starter is not invited to their own meeting");
        followUp.Invitations.Should().OnlyContain(i => i.Answer == FollowUpAnswer.Pending);
        followUp.Times.Should().Equal([NextWeek.ToUniversalTime(), NextWeek.AddDays(1).ToUniversalTime()], "earliest first, in UTC");
        followUp.ChosenTime.Should().BeNull();
        followUp.SessionId.Should().Be(_session.Id);
    }

    [Fact]
    public void Start_OneTime_IsFixedAtOnce()
    {
        var followUp = FollowUp.Start(_session, _session.HaverId, false, Plan(NextWeek), [_helper], After);

        followUp.ChosenTime.Should().Be(NextWeek);
    }

    [Fact]
    public void Start_BySeatHolder_Refused_ByOrganizer_Allowed()
    {
        var bySeat = () => FollowUp.Start(_session, _helper, false, Plan(NextWeek), [_session.HaverId], After);
        bySeat.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.OnlySessionPeopleStartFollowUp);

        var organizer = Guid.NewGuid();
        FollowUp.Start(_session, organizer, true, Plan(NextWeek), [_helper], After).StarterId.Should().Be(organizer);
    }

    [Fact]
    public void Start_InvitingSomeoneWhoDidNotTakePart_Refused()
    {
        var stranger = () => FollowUp.Start(_session, _moderator, false, Plan(NextWeek), [_helper, Guid.NewGuid()], After);
        var waitlisted = () => FollowUp.Start(_session, _moderator, false, Plan(NextWeek), [_waiting], After);
        var nobody = () => FollowUp.Start(_session, _moderator, false, Plan(NextWeek), [_moderator], After);

        stranger.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.FollowUpOnlyForParticipants);
        waitlisted.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.FollowUpOnlyForParticipants, "the waitlist did not take part");
        nobody.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.FollowUpNeedsInvitees);
    }

    [Theory]
    [InlineData("", "", 60, RuleCode.FollowUpNeedsPlace, "place")]
    [InlineData("Café", "javascript:alert(1)", 60, RuleCode.FollowUpLinkInvalid, "link")]
    [InlineData("", "ftp://files.example.org", 60, RuleCode.FollowUpLinkInvalid, "link")]
    [InlineData("", "https://meet example.org", 60, RuleCode.FollowUpLinkInvalid, "link")]
    [InlineData("Café", "", 5, RuleCode.FollowUpLengthOutOfRange, "minutes")]
    [InlineData("Café", "", 481, RuleCode.FollowUpLengthOutOfRange, "minutes")]
    [InlineData("Café\nsecond line", "", 60, RuleCode.InputNotOneLine, "place")]
    public void Start_BadPlan_RefusedWithTheField(string place, string link, int minutes, RuleCode code, string field)
    {
        var act = () => FollowUp.Start(_session, _moderator, false, new FollowUpPlan("Part 2", place, link, minutes, [NextWeek]), [_helper], After);

        act.Should().Throw<InvalidInputException>().Where(e => e.Code == code && e.Field == field);
    }

    [Fact]
    public void Start_TimesInThePast_None_OrTooMany_Refused()
    {
        var past = () => FollowUp.Start(_session, _moderator, false, Plan(After.AddMinutes(-1), NextWeek), [_helper], After);
        var none = () => FollowUp.Start(_session, _moderator, false, Plan(), [_helper], After);
        var six = () => FollowUp.Start(_session, _moderator, false, Plan([.. Enumerable.Range(1, 6).Select(d => After.AddDays(d))]), [_helper], After);

        past.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.FollowUpTimeInPast);
        none.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.FollowUpNeedsTimes);
        six.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.FollowUpNeedsTimes);
    }

    [Fact]
    public void Start_ReleasedSession_Refused()
    {
        _demo.Release(_session.Id, After);

        var act = () => FollowUp.Start(_session, _moderator, false, Plan(NextWeek), [_helper], After);

        act.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.SessionGaveSlotBack);
    }

    [Fact]
    public void Poll_InviteesTickTimes_StarterChooses_VotesCount()
    {
        var followUp = FollowUp.Start(_session, _moderator, false, Plan(NextWeek, NextWeek.AddDays(1)), [_session.HaverId, _helper], After);

        followUp.Accept(_helper, [0, 1], After);
        followUp.Accept(_session.HaverId, [1], After);
        followUp.Votes(0).Should().Be(1);
        followUp.Votes(1).Should().Be(2);

        followUp.Ignore(_helper, After.AddMinutes(1));
        followUp.Votes(1).Should().Be(1, "an ignored invitation does not vote");

        var byInvitee = () => followUp.ChooseTime(_session.HaverId, false, 1);
        byInvitee.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.OnlyStarterChoosesTime);
        var unknown = () => followUp.ChooseTime(_moderator, false, 2);
        unknown.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.FollowUpTimeNotProposed);

        followUp.ChooseTime(_moderator, false, 1);
        followUp.ChosenTime.Should().Be(NextWeek.AddDays(1));
        followUp.Accept(_helper, [], After.AddMinutes(2));
        followUp.InvitationOf(_helper)!.CanMake(1).Should().BeTrue("accepting a fixed meeting means its time");
    }

    [Fact]
    public void Answer_NotInvited_OrNoTimeTicked_Refused()
    {
        var followUp = FollowUp.Start(_session, _moderator, false, Plan(NextWeek, NextWeek.AddDays(1)), [_helper], After);

        var stranger = () => followUp.Accept(_waiting, [0], After);
        var starter = () => followUp.Ignore(_moderator, After);
        var noTime = () => followUp.Accept(_helper, [], After);
        var badTime = () => followUp.Accept(_helper, [7], After);

        stranger.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.NotInvitedToFollowUp);
        starter.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.NotInvitedToFollowUp);
        noTime.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.FollowUpPickATime);
        badTime.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.FollowUpTimeNotProposed);
        followUp.Concerns(_moderator).Should().BeTrue();
        followUp.Concerns(_waiting).Should().BeFalse();
    }
}

/// <summary>Issue 13: record visibility and the archived event's retention.</summary>
public class ArchiveRulesTests
{
    private readonly TestEvent _demo = TestEvent.Create();

    [Fact]
    public void Visibility_PrivateByDefault_SharedLevels_AndBackToPrivate()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.NewModerator());
        var record = session.Record;

        record.Visibility.Should().Be(RecordVisibility.Private);
        record.ChangeVisibility(RecordVisibility.Public, TestEvent.Now);
        record.IsPublished.Should().BeTrue();
        record.PublishedAt.Should().Be(TestEvent.Now);
        record.ChangeVisibility(RecordVisibility.Public, TestEvent.Now.AddHours(1));
        record.PublishedAt.Should().Be(TestEvent.Now, "sharing again at the same level keeps the first instant");
        record.ChangeVisibility(RecordVisibility.Attendees, TestEvent.Now.AddHours(2));
        record.Visibility.Should().Be(RecordVisibility.Attendees);
        record.ChangeVisibility(RecordVisibility.Private, TestEvent.Now.AddHours(3));
        record.PublishedAt.Should().BeNull();
        var bad = () => record.ChangeVisibility((RecordVisibility)7, TestEvent.Now);
        bad.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.InputUnknownValue);
    }

    [Fact]
    public void Retention_OnlyWhenArchived_InRange_ThenDue_AndOnlyOnce()
    {
        var evt = _demo.Event;
        var early = () => evt.ScheduleRetention(30, TestEvent.Now);
        early.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.RetentionNeedsArchive);

        evt.AdvanceTo(EventPhase.Archived);
        var negative = () => evt.ScheduleRetention(-1, TestEvent.Now);
        var tooLong = () => evt.ScheduleRetention(Event.MaxRetentionDays + 1, TestEvent.Now);
        negative.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.RetentionOutOfRange);
        tooLong.Should().Throw<InvalidInputException>().Where(e => e.Code == RuleCode.RetentionOutOfRange);

        evt.ScheduleRetention(30, TestEvent.Now);
        evt.PurgeDueAt.Should().Be(TestEvent.Now.AddDays(30));
        evt.IsPurgeDue(TestEvent.Now.AddDays(29)).Should().BeFalse();
        evt.IsPurgeDue(TestEvent.Now.AddDays(30)).Should().BeTrue();

        var attendee = _demo.NewAttendee();
        evt.ErasePersonalData(TestEvent.Now.AddDays(30));
        evt.Members.Should().OnlyContain(m => m.Role == EventRole.Organizer).And.NotContain(m => m.PersonId == attendee);
        evt.IsPurgeDue(TestEvent.Now.AddDays(31)).Should().BeFalse("it ran");
        var again = () => evt.ScheduleRetention(1, TestEvent.Now.AddDays(31));
        again.Should().Throw<RuleViolationException>().Where(e => e.Code == RuleCode.PersonalDataAlreadyErased);
    }

    [Fact]
    public void Anonymize_Session_KeepsTheRecordText_DropsEveryPerson()
    {
        var moderator = _demo.NewModerator();
        var card = _demo.NewCard();
        var session = _demo.Claim(card, room: 1, round: 1, moderator);
        var seat = Guid.NewGuid();
        session.ReserveSeat(seat, TestEvent.Now);
        session.Record.Edit("이사회에서 논의한 내용", "Outcome", "Next", moderator, TestEvent.Now);
        var pseudonyms = new Dictionary<Guid, Guid>();
        Guid Map(Guid id) => pseudonyms.TryGetValue(id, out var p) ? p : pseudonyms[id] = Guid.NewGuid();

        session.Anonymize(Map);
        card.Anonymize(Map(card.AuthorId));

        session.Reservations.Should().BeEmpty();
        session.SeatsTaken.Should().Be(0);
        session.ModeratorId.Should().Be(pseudonyms[moderator]);
        session.Record.UpdatedBy.Should().Be(pseudonyms[moderator]);
        session.HaverId.Should().Be(card.AuthorId).And.NotBe(Guid.Empty);
        session.Record.Notes.Should().Be("이사회에서 논의한 내용");
    }
}
