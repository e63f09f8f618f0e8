using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class EventSetupTests
{
    private readonly TestEvent _demo = TestEvent.Create();

    [Fact]
    public void ApplyGenerativeConferenceTemplate_EmptyEvent_SevenRoomsWithAHallAndThreeRoundsAtSevenEightNine()
    {
        var evt = TestEvent.Empty();

        evt.ApplyGenerativeConferenceTemplate(new DateOnly(2025, 12, 11));

        evt.Rooms.Should().HaveCount(7);
        evt.Rooms.Count(r => r.Capacity == 35).Should().Be(1);
        evt.Rooms[0].Name.Should().Be("Hall");
        evt.Rounds.Select(r => r.StartsAt).Should().Equal(TestEvent.Seoul(19), TestEvent.Seoul(20), TestEvent.Seoul(21));
        evt.Rounds.Should().OnlyContain(r => r.Duration == TimeSpan.FromMinutes(45));
        evt.Rounds.Select(r => r.Number).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void ApplyGenerativeConferenceTemplate_EventWithRooms_RefusedAndUnchanged()
    {
        var act = () => _demo.Event.ApplyGenerativeConferenceTemplate(new DateOnly(2025, 12, 11));

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.TemplateNeedsEmptyEvent);
        _demo.Event.Rooms.Should().HaveCount(7);
        _demo.Event.Rounds.Should().HaveCount(3);
    }

    [Fact]
    public void ApplyGenerativeConferenceTemplate_BerlinInSummer_LocalClockTimesInThatZone()
    {
        var evt = new Event(Guid.NewGuid(), "berlin", "Berlin", "", "Europe/Berlin", TestEvent.Now);

        evt.ApplyGenerativeConferenceTemplate(new DateOnly(2026, 7, 2));

        evt.Rounds[0].StartsAt.Should().Be(new DateTimeOffset(2026, 7, 2, 17, 0, 0, TimeSpan.Zero), "19:00 in Berlin in July is UTC+2");
    }

    [Fact]
    public void AtLocal_TimeTheClocksSkip_RefusedWithTheZone()
    {
        var evt = new Event(Guid.NewGuid(), "berlin", "Berlin", "", "Europe/Berlin", TestEvent.Now);

        var act = () => evt.AtLocal(new DateOnly(2026, 3, 29), new TimeOnly(2, 30));

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.LocalTimeSkipped);
    }

    [Fact]
    public void AtLocal_TimeThatHappensTwice_TheFirstOne()
    {
        var evt = new Event(Guid.NewGuid(), "berlin", "Berlin", "", "Europe/Berlin", TestEvent.Now);

        evt.AtLocal(new DateOnly(2026, 10, 25), new TimeOnly(2, 30)).Should().Be(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ChangeTimeZone_RoundsKeepTheirClockTimes()
    {
        _demo.Event.ChangeTimeZone("Europe/Berlin");

        _demo.Event.TimeZoneId.Should().Be("Europe/Berlin");
        _demo.Event.Rounds.Select(r => r.StartsAt).Should().Equal(
            new DateTimeOffset(2025, 12, 11, 19, 0, 0, TimeSpan.FromHours(1)),
            new DateTimeOffset(2025, 12, 11, 20, 0, 0, TimeSpan.FromHours(1)),
            new DateTimeOffset(2025, 12, 11, 21, 0, 0, TimeSpan.FromHours(1)));
    }

    [Fact]
    public void ChangeTimeZone_Unknown_RefusedAndUnchanged()
    {
        var act = () => _demo.Event.ChangeTimeZone("Mars/Olympus");

        act.Should().Throw<InvalidInputException>().Which.Code.Should().Be(RuleCode.UnknownTimeZone);
        _demo.Event.TimeZoneId.Should().Be("Asia/Seoul");
        _demo.Event.Rounds[0].StartsAt.Should().Be(TestEvent.Seoul(19));
    }

    [Fact]
    public void ChangeDetails_BlankName_RefusedAndUnchanged()
    {
        var act = () => _demo.Event.ChangeDetails("  ", "Somewhere");

        act.Should().Throw<InvalidInputException>();
        _demo.Event.Name.Should().Be("Runaways' Alliance");
        _demo.Event.Venue.Should().Be("Seoul");
    }

    [Fact]
    public void RenameRoom_ToAnotherRoomsName_Refused()
    {
        var act = () => _demo.Event.RenameRoom(_demo.Room(2).Id, " room 3 ");

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.RoomNameTaken);
        _demo.Room(2).Name.Should().Be("Room 2");
    }

    [Fact]
    public void RenameRoom_SameNameOtherCase_Allowed()
    {
        _demo.Event.RenameRoom(_demo.Room(2).Id, "ROOM 2");

        _demo.Room(2).Name.Should().Be("ROOM 2");
    }

    [Fact]
    public void ChangeRound_LaterStart_RenumbersAndReplansTimersNotStarted()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());
        var first = _demo.Round(1);

        _demo.Event.ChangeRound(first.Id, TestEvent.Seoul(22), TimeSpan.FromMinutes(30), _demo.Sessions);

        first.Number.Should().Be(3);
        _demo.Event.Rounds.Select(r => r.Number).Should().Equal(1, 2, 3);
        session.RoundId.Should().Be(first.Id, "the session moves with its round");
        session.Timer.Planned.Should().Be(TimeSpan.FromMinutes(30));
    }

    [Fact]
    public void ChangeRound_OverlapsAnother_RefusedAndUnchanged()
    {
        var act = () => _demo.Event.ChangeRound(_demo.Round(1).Id, TestEvent.Seoul(19, 30), TimeSpan.FromMinutes(45), _demo.Sessions);

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.RoundsOverlap);
        _demo.Round(1).StartsAt.Should().Be(TestEvent.Seoul(19));
    }

    [Fact]
    public void ChangeRound_LongerButStillBeforeTheNext_Allowed()
    {
        _demo.Event.ChangeRound(_demo.Round(1).Id, TestEvent.Seoul(19), TimeSpan.FromMinutes(60), _demo.Sessions);

        _demo.Round(1).EndsAt.Should().Be(TestEvent.Seoul(20));
    }

    [Fact]
    public void SessionsAffectedBy_RemoveRoom_OnlyActiveSessionsInThatRoom()
    {
        var inRoom = _demo.Claim(_demo.NewCard(), room: 3, round: 1, _demo.NewModerator());
        var released = _demo.Claim(_demo.NewCard(), room: 3, round: 2, _demo.NewModerator());
        _demo.Release(released.Id, TestEvent.Now);
        _demo.Claim(_demo.NewCard(), room: 4, round: 1, _demo.NewModerator());

        _demo.Event.SessionsAffectedBy(new RemoveRoom(_demo.Room(3).Id), _demo.Sessions).Should().ContainSingle().Which.Should().BeSameAs(inRoom);
    }

    [Fact]
    public void SessionsAffectedBy_ResizeRoom_OnlySessionsWithMoreSeatsTakenThanTheNewCapacity()
    {
        var crowded = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());
        var quiet = _demo.Claim(_demo.NewCard(), room: 2, round: 2, _demo.NewModerator());
        for (var i = 0; i < 5; i++)
        {
            crowded.ReserveSeat(_demo.NewAttendee(), TestEvent.Now);
        }

        quiet.ReserveSeat(_demo.NewAttendee(), TestEvent.Now);

        _demo.Event.SessionsAffectedBy(new ResizeRoom(_demo.Room(2).Id, 4), _demo.Sessions).Should().ContainSingle().Which.Should().BeSameAs(crowded);
    }

    [Fact]
    public void ChangeGrid_RemoveRoomWithAnUnsettledSession_RefusedAndNothingChanges()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 3, round: 1, _demo.NewModerator());

        var act = () => _demo.Event.ChangeGrid(new RemoveRoom(_demo.Room(3).Id), [], _demo.Sessions, _demo.Cards, TestEvent.Now);

        var refusal = act.Should().Throw<RuleViolationException>().Which;
        refusal.Code.Should().Be(RuleCode.GridChangeUnresolved);
        refusal.Message.Should().Contain("Room 3 · Round 1");
        _demo.Event.Rooms.Should().HaveCount(7);
        session.IsActive.Should().BeTrue();
    }

    [Fact]
    public void ChangeGrid_RemoveRoomMovingOneSessionAndReleasingAnother_BothSettledAndTheRoomGone()
    {
        var room3 = _demo.Room(3);
        var toMove = _demo.Claim(_demo.NewCard(), room: 3, round: 1, _demo.NewModerator());
        var toRelease = _demo.Claim(_demo.NewCard(), room: 3, round: 2, _demo.NewModerator());
        var seated = _demo.NewAttendee();
        toMove.ReserveSeat(seated, TestEvent.Now);

        var outcome = _demo.Event.ChangeGrid(
            new RemoveRoom(room3.Id),
            [SessionResolution.MoveTo(toMove.Id, _demo.Room(5).Id, _demo.Round(1).Id), SessionResolution.Release(toRelease.Id)],
            _demo.Sessions, _demo.Cards, TestEvent.Now);

        _demo.Event.Rooms.Should().HaveCount(6).And.NotContain(room3);
        toMove.RoomId.Should().Be(_demo.Event.Rooms.Single(r => r.Name == "Room 5").Id);
        toMove.Reservations.Should().ContainSingle(r => r.PersonId == seated && !r.IsWaitlisted, "a moved session keeps its seats");
        toRelease.IsActive.Should().BeFalse();
        _demo.CardOf(toRelease).SessionId.Should().BeNull("a released card goes back to the marketplace");
        outcome.Moved.Should().ContainSingle().Which.Should().BeSameAs(toMove);
        outcome.Released.Should().ContainSingle().Which.Should().BeSameAs(toRelease);
    }

    [Fact]
    public void ChangeGrid_MoveIntoTheRoomBeingRemoved_Refused()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 3, round: 1, _demo.NewModerator());

        var act = () => _demo.Event.ChangeGrid(new RemoveRoom(_demo.Room(3).Id),
            [SessionResolution.MoveTo(session.Id, _demo.Room(3).Id, _demo.Round(2).Id)], _demo.Sessions, _demo.Cards, TestEvent.Now);

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.MoveIntoChangedSlot);
        _demo.Event.Rooms.Should().HaveCount(7);
    }

    [Fact]
    public void ChangeGrid_MoveIntoATakenSlot_Refused()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 3, round: 1, _demo.NewModerator());
        _demo.Claim(_demo.NewCard(), room: 4, round: 1, _demo.NewModerator());

        var act = () => _demo.Event.ChangeGrid(new RemoveRoom(_demo.Room(3).Id),
            [SessionResolution.MoveTo(session.Id, _demo.Room(4).Id, _demo.Round(1).Id)], _demo.Sessions, _demo.Cards, TestEvent.Now);

        act.Should().Throw<SlotTakenException>();
    }

    [Fact]
    public void ChangeGrid_RemoveRound_RenumbersTheRest()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());

        _demo.Event.ChangeGrid(new RemoveRound(_demo.Round(1).Id), [SessionResolution.MoveTo(session.Id, _demo.Room(2).Id, _demo.Round(3).Id)],
            _demo.Sessions, _demo.Cards, TestEvent.Now);

        _demo.Event.Rounds.Select(r => (r.Number, r.StartsAt)).Should().Equal((1, TestEvent.Seoul(20)), (2, TestEvent.Seoul(21)));
        _demo.Event.SlotLabel(session).Should().Be("Room 2 · Round 2");
    }

    [Fact]
    public void ChangeGrid_BiggerRoom_SessionsGetTheSeatsAndTheLongestWaitingMovesUp()
    {
        _demo.Event.ChangeRoomCapacity(_demo.Room(2).Id, 1);
        var session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());
        session.ReserveSeat(_demo.NewAttendee(), TestEvent.Now);
        var first = _demo.NewAttendee();
        var second = _demo.NewAttendee();
        session.ReserveSeat(first, TestEvent.Now.AddMinutes(1));
        session.ReserveSeat(second, TestEvent.Now.AddMinutes(2));

        var outcome = _demo.Event.ChangeGrid(new ResizeRoom(_demo.Room(2).Id, 2), [], _demo.Sessions, _demo.Cards, TestEvent.Now);

        session.Capacity.Should().Be(2);
        outcome.Promoted.Should().ContainSingle().Which.PersonId.Should().Be(first);
        session.Reservations.Single(r => r.PersonId == second).IsWaitlisted.Should().BeTrue();
    }

    [Fact]
    public void ChangeGrid_SmallerRoomThanSeatsTaken_NeedsAChoiceThenReleasesWhenAsked()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());
        session.ReserveSeat(_demo.NewAttendee(), TestEvent.Now);
        session.ReserveSeat(_demo.NewAttendee(), TestEvent.Now);

        var refused = () => _demo.Event.ChangeGrid(new ResizeRoom(_demo.Room(2).Id, 1), [], _demo.Sessions, _demo.Cards, TestEvent.Now);
        refused.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.GridChangeUnresolved);
        _demo.Room(2).Capacity.Should().Be(TestEvent.SmallRoomCapacity);

        _demo.Event.ChangeGrid(new ResizeRoom(_demo.Room(2).Id, 1), [SessionResolution.MoveTo(session.Id, _demo.Room(1).Id, _demo.Round(1).Id)],
            _demo.Sessions, _demo.Cards, TestEvent.Now);

        _demo.Room(2).Capacity.Should().Be(1);
        session.RoomId.Should().Be(_demo.Room(1).Id);
        session.Capacity.Should().Be(TestEvent.HallCapacity);
    }

    [Fact]
    public void ChangeGrid_LastRoundOfAnOpenEvent_Refused()
    {
        var evt = TestEvent.Empty();
        evt.AddRoom("Hall", 10);
        var round = evt.AddRound(TestEvent.Seoul(19));
        evt.AdvanceTo(EventPhase.Marketplace);

        var act = () => evt.ChangeGrid(new RemoveRound(round.Id), [], [], new Dictionary<Guid, Domain.Cards.ProblemCard>(), TestEvent.Now);

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.NeedsRoomsAndRounds);
    }

    [Fact]
    public void GridChanges_ArchivedEvent_Refused()
    {
        _demo.Event.AdvanceTo(EventPhase.Archived);

        var changes = new Action[]
        {
            () => _demo.Event.AddRoom("Attic", 5),
            () => _demo.Event.AddRound(TestEvent.Seoul(22)),
            () => _demo.Event.RenameRoom(_demo.Room(1).Id, "Main hall"),
            () => _demo.Event.ChangeRound(_demo.Round(1).Id, TestEvent.Seoul(18), TimeSpan.FromMinutes(45), []),
            () => _demo.Event.ChangeGrid(new RemoveRoom(_demo.Room(7).Id), [], [], _demo.Cards, TestEvent.Now),
            () => _demo.Event.ChangeTimeZone("Europe/Berlin"),
        };

        foreach (var change in changes)
        {
            change.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.ArchivedGridFixed);
        }
    }

    [Fact]
    public void FreeSlotsFor_SkipsTakenSlotsAndRoundsWhereEitherPersonIsBusy_ButNotTheSessionBeingMoved()
    {
        var moderator = _demo.NewModerator();
        var haver = _demo.NewModerator();
        var moving = _demo.Claim(_demo.NewCard(haver), room: 2, round: 1, moderator);
        _demo.Claim(_demo.NewCard(), room: 3, round: 2, _demo.NewModerator());
        var busyHaverElsewhere = _demo.Claim(_demo.NewCard(), room: 4, round: 3, haver);

        var free = _demo.Event.FreeSlotsFor(haver, moderator, _demo.Sessions, moving.Id).ToList();

        free.Should().NotContain(s => s.Round.Id == busyHaverElsewhere.RoundId, "the haver moderates in round 3");
        free.Should().Contain(s => s.Room.Id == _demo.Room(2).Id && s.Round.Id == _demo.Round(1).Id, "the moving session's own slot counts as free");
        free.Should().NotContain(s => s.Room.Id == _demo.Room(3).Id && s.Round.Id == _demo.Round(2).Id, "taken");
        free.Should().HaveCount(7 + 6);
    }

    [Fact]
    public void OpensWall_SecretLinkOnly_UntilMadePublic()
    {
        var evt = _demo.Event;
        var code = evt.WallCode;

        evt.OpensWall(code).Should().BeTrue();
        evt.OpensWall(null).Should().BeFalse();
        evt.OpensWall("").Should().BeFalse();
        evt.OpensWall(code.ToUpperInvariant() + "x").Should().BeFalse();

        evt.RenewWallCode();
        evt.WallCode.Should().NotBe(code);
        evt.OpensWall(code).Should().BeFalse("a renewed link replaces the old one");

        evt.SetWallPublic(true);
        evt.OpensWall(null).Should().BeTrue();
    }
}
