using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class SlotTests
{
    private readonly TestEvent _demo = TestEvent.Create();

    [Fact]
    public void ClaimSlot_FreeSlot_CreatesActiveSession()
    {
        var card = _demo.NewCard();
        var moderatorId = _demo.NewModerator();

        var session = _demo.Claim(card, room: 3, round: 2, moderatorId);

        session.Id.Should().NotBeEmpty();
        session.EventId.Should().Be(_demo.Event.Id);
        session.CardId.Should().Be(card.Id);
        session.HaverId.Should().Be(card.AuthorId);
        session.RoomId.Should().Be(_demo.Room(3).Id);
        session.RoundId.Should().Be(_demo.Round(2).Id);
        session.ModeratorId.Should().Be(moderatorId);
        session.ClaimedAt.Should().Be(TestEvent.Now);
        session.Status.Should().Be(SessionStatus.Active);
        session.IsActive.Should().BeTrue();
        session.ReleasedAt.Should().BeNull();
        session.Reservations.Should().BeEmpty();
        _demo.Sessions.Should().ContainSingle().Which.Should().BeSameAs(session);
        _demo.SessionIn(_demo.Room(3).Id, _demo.Round(2).Id).Should().BeSameAs(session);
        _demo.Event.SlotLabel(session).Should().Be("Room 3 · Round 2");
    }

    [Fact]
    public void SessionIn_FreeSlot_ReturnsNull()
    {
        _demo.SessionIn(_demo.Room(1).Id, _demo.Round(1).Id).Should().BeNull();
    }

    [Fact]
    public void ClaimSlot_LiveEvent_IsAllowed()
    {
        var live = TestEvent.Create(EventPhase.Live);

        var session = live.Claim(live.NewCard(), room: 1, round: 1, live.NewModerator());

        session.IsActive.Should().BeTrue();
    }

    [Fact]
    public void ClaimSlot_EventInSetup_ThrowsAndPlacesNothing()
    {
        var setup = TestEvent.Create(EventPhase.Setup);

        var act = () => setup.Claim(setup.NewCard(), room: 1, round: 1, setup.NewModerator());

        act.Should().Throw<RuleViolationException>().WithMessage("*open for claiming when the marketplace opens*");
        setup.Sessions.Should().BeEmpty();
    }

    [Fact]
    public void ClaimSlot_ArchivedEvent_ThrowsAndPlacesNothing()
    {
        var archived = TestEvent.Create(EventPhase.Archived);

        var act = () => archived.Claim(archived.NewCard(), room: 1, round: 1, archived.NewModerator());

        act.Should().Throw<RuleViolationException>().WithMessage("*archived*can no longer be claimed*");
        archived.Sessions.Should().BeEmpty();
    }

    [Fact]
    public void ClaimSlot_TakenSlot_ThrowsSlotTakenWithSlotLabel()
    {
        var first = _demo.Claim(_demo.NewCard(), room: 3, round: 2, _demo.NewModerator());

        var act = () => _demo.Claim(_demo.NewCard(title: "Second"), room: 3, round: 2, _demo.NewModerator());

        act.Should().Throw<SlotTakenException>()
            .WithMessage("*Room 3 · Round 2*")
            .Which.SlotLabel.Should().Be("Room 3 · Round 2");
        _demo.Sessions.Should().ContainSingle().Which.Should().BeSameAs(first);
    }

    [Fact]
    public void ClaimSlot_TakenSlot_IsADomainExceptionAPersonCanRead()
    {
        _demo.Claim(_demo.NewCard(), room: 3, round: 2, _demo.NewModerator());

        var act = () => _demo.Claim(_demo.NewCard(), room: 3, round: 2, _demo.NewModerator());

        act.Should().Throw<DomainException>().WithMessage("Room 3 · Round 2 was just claimed by someone else.");
    }

    [Fact]
    public void ClaimSlot_SameCardIntoItsOwnSlotAgain_ThrowsSlotTaken()
    {
        var card = _demo.NewCard();
        var moderatorId = _demo.NewModerator();
        _demo.Claim(card, room: 1, round: 1, moderatorId);

        var act = () => _demo.Claim(card, room: 1, round: 1, moderatorId);

        act.Should().Throw<SlotTakenException>().WithMessage("*Room 1 · Round 1*");
        _demo.Sessions.Should().ContainSingle();
    }

    [Fact]
    public void ClaimSlot_SameRoomInOtherRounds_IsAllowed()
    {
        _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.NewModerator());
        _demo.Claim(_demo.NewCard(), room: 1, round: 2, _demo.NewModerator());
        _demo.Claim(_demo.NewCard(), room: 1, round: 3, _demo.NewModerator());

        _demo.Sessions.Should().HaveCount(3).And.OnlyContain(s => s.RoomId == _demo.Room(1).Id);
    }

    [Fact]
    public void ClaimSlot_EveryOneOfTheTwentyOneSlots_CanBeFilled()
    {
        var moderators = Enumerable.Range(0, 7).Select(_ => _demo.NewModerator()).ToList();

        for (var round = 1; round <= 3; round++)
        {
            for (var room = 1; room <= 7; room++)
            {
                _demo.Claim(_demo.NewCard(title: $"Card {room}-{round}"), room, round, moderators[room - 1]);
            }
        }

        _demo.Sessions.Should().HaveCount(21).And.OnlyContain(s => s.IsActive);
        _demo.Sessions.Select(s => (s.RoomId, s.RoundId)).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void ClaimSlot_CardAlreadyPlaced_ThrowsNamingTheSlot()
    {
        var card = _demo.NewCard(title: "Burnout");
        _demo.Claim(card, room: 1, round: 1, _demo.NewModerator());

        var act = () => _demo.Claim(card, room: 2, round: 3, _demo.NewModerator());

        act.Should().Throw<RuleViolationException>().WithMessage("\"Burnout\" is already placed in Room 1 · Round 1.");
        _demo.Sessions.Should().ContainSingle();
    }

    [Fact]
    public void ClaimSlot_CardAlreadyPlacedInSameRound_ThrowsAlreadyPlaced()
    {
        var card = _demo.NewCard(title: "Burnout");
        _demo.Claim(card, room: 1, round: 2, _demo.NewModerator());

        var act = () => _demo.Claim(card, room: 2, round: 2, _demo.NewModerator());

        act.Should().Throw<RuleViolationException>().WithMessage("*already placed in Room 1 · Round 2*");
    }

    [Fact]
    public void ClaimSlot_CardAfterItsSessionWasReleased_CanBePlacedElsewhere()
    {
        var card = _demo.NewCard();
        var first = _demo.Claim(card, room: 1, round: 1, _demo.NewModerator());
        _demo.Release(first.Id, TestEvent.Now);

        var second = _demo.Claim(card, room: 4, round: 3, _demo.NewModerator());

        second.CardId.Should().Be(card.Id);
        second.IsActive.Should().BeTrue();
        _demo.Sessions.Should().HaveCount(2);
        _demo.Sessions.Where(s => s.IsActive).Should().ContainSingle().Which.Should().BeSameAs(second);
    }

    [Fact]
    public void ClaimSlot_CardAfterRelease_CanBePlacedInTheSameSlotAgain()
    {
        var card = _demo.NewCard();
        var moderatorId = _demo.NewModerator();
        var first = _demo.Claim(card, room: 2, round: 2, moderatorId);
        _demo.Release(first.Id, TestEvent.Now);

        var again = _demo.Claim(card, room: 2, round: 2, moderatorId);

        again.Id.Should().NotBe(first.Id);
        _demo.SessionIn(_demo.Room(2).Id, _demo.Round(2).Id).Should().BeSameAs(again);
    }

    [Fact]
    public void ClaimSlot_ReleasedSlot_TakesAnotherCard()
    {
        var first = _demo.Claim(_demo.NewCard(), room: 5, round: 1, _demo.NewModerator());
        _demo.Release(first.Id, TestEvent.Now);

        var other = _demo.Claim(_demo.NewCard(title: "Other"), room: 5, round: 1, _demo.NewModerator());

        _demo.SessionIn(_demo.Room(5).Id, _demo.Round(1).Id).Should().BeSameAs(other);
    }

    [Fact]
    public void ClaimSlot_ModeratorBusyInSameRound_ThrowsNamingTheSlot()
    {
        var moderatorId = _demo.NewModerator();
        _demo.Claim(_demo.NewCard(), room: 2, round: 2, moderatorId);

        var act = () => _demo.Claim(_demo.NewCard(), room: 4, round: 2, moderatorId);

        act.Should().Throw<RuleViolationException>()
            .WithMessage("The moderator is already in Room 2 · Round 2 in round 2.");
        _demo.SessionIn(_demo.Room(4).Id, _demo.Round(2).Id).Should().BeNull();
    }

    [Fact]
    public void ClaimSlot_ModeratorInEveryRound_IsAllowed()
    {
        var moderatorId = _demo.NewModerator();

        _demo.Claim(_demo.NewCard(), room: 1, round: 1, moderatorId);
        _demo.Claim(_demo.NewCard(), room: 1, round: 2, moderatorId);
        _demo.Claim(_demo.NewCard(), room: 2, round: 3, moderatorId);

        _demo.Sessions.Should().HaveCount(3).And.OnlyContain(s => s.ModeratorId == moderatorId);
    }

    [Fact]
    public void ClaimSlot_ModeratorAfterReleasingTheRound_IsFreeAgain()
    {
        var moderatorId = _demo.NewModerator();
        var first = _demo.Claim(_demo.NewCard(), room: 1, round: 1, moderatorId);
        _demo.Release(first.Id, TestEvent.Now);

        var second = _demo.Claim(_demo.NewCard(), room: 2, round: 1, moderatorId);

        second.ModeratorId.Should().Be(moderatorId);
    }

    [Fact]
    public void ClaimSlot_ModeratorIsHaverInSameRound_Throws()
    {
        var moderatorId = _demo.NewModerator();
        _demo.Claim(_demo.NewCard(authorId: moderatorId), room: 1, round: 2, _demo.NewModerator());

        var act = () => _demo.Claim(_demo.NewCard(), room: 2, round: 2, moderatorId);

        act.Should().Throw<RuleViolationException>().WithMessage("*moderator is already in Room 1 · Round 2*");
        _demo.Sessions.Should().ContainSingle();
    }

    [Fact]
    public void ClaimSlot_ModeratorIsHaverInAnotherRound_IsAllowed()
    {
        var moderatorId = _demo.NewModerator();
        _demo.Claim(_demo.NewCard(authorId: moderatorId), room: 1, round: 1, _demo.NewModerator());

        var session = _demo.Claim(_demo.NewCard(), room: 2, round: 2, moderatorId);

        session.ModeratorId.Should().Be(moderatorId);
    }

    [Fact]
    public void ClaimSlot_HaverWithTwoCardsInSameRound_ThrowsNamingTheSlot()
    {
        var haverId = _demo.NewAttendee();
        _demo.Claim(_demo.NewCard(haverId, "First"), room: 1, round: 2, _demo.NewModerator());

        var act = () => _demo.Claim(_demo.NewCard(haverId, "Second"), room: 2, round: 2, _demo.NewModerator());

        act.Should().Throw<RuleViolationException>()
            .WithMessage("The card's author is already in Room 1 · Round 2 in round 2; pick another round.");
        _demo.Sessions.Should().ContainSingle();
    }

    [Fact]
    public void ClaimSlot_HaverWithTwoCardsInDifferentRounds_IsAllowed()
    {
        var haverId = _demo.NewAttendee();
        _demo.Claim(_demo.NewCard(haverId, "First"), room: 1, round: 1, _demo.NewModerator());

        var second = _demo.Claim(_demo.NewCard(haverId, "Second"), room: 1, round: 2, _demo.NewModerator());

        second.HaverId.Should().Be(haverId);
        _demo.Sessions.Should().HaveCount(2);
    }

    [Fact]
    public void ClaimSlot_HaverAfterReleasingTheRound_IsFreeAgain()
    {
        var haverId = _demo.NewAttendee();
        var first = _demo.Claim(_demo.NewCard(haverId, "First"), room: 1, round: 1, _demo.NewModerator());
        _demo.Release(first.Id, TestEvent.Now);

        var second = _demo.Claim(_demo.NewCard(haverId, "Second"), room: 2, round: 1, _demo.NewModerator());

        second.HaverId.Should().Be(haverId);
    }

    [Fact]
    public void ClaimSlot_HaverModeratesAnotherSessionInSameRound_Throws()
    {
        var haverId = _demo.NewModerator();
        _demo.Claim(_demo.NewCard(), room: 1, round: 3, haverId);

        var act = () => _demo.Claim(_demo.NewCard(haverId), room: 2, round: 3, _demo.NewModerator());

        act.Should().Throw<RuleViolationException>().WithMessage("*author is already in Room 1 · Round 3 in round 3*");
        _demo.Sessions.Should().ContainSingle();
    }

    [Fact]
    public void ClaimSlot_HaverModeratesInAnotherRound_IsAllowed()
    {
        var haverId = _demo.NewModerator();
        _demo.Claim(_demo.NewCard(), room: 1, round: 1, haverId);

        var session = _demo.Claim(_demo.NewCard(haverId), room: 1, round: 2, _demo.NewModerator());

        session.HaverId.Should().Be(haverId);
    }

    [Fact]
    public void ClaimSlot_ModeratorIsTheCardsAuthor_IsOneSessionAndAllowed()
    {
        var moderatorId = _demo.NewModerator();

        var session = _demo.Claim(_demo.NewCard(moderatorId), room: 1, round: 1, moderatorId);

        session.ModeratorId.Should().Be(moderatorId);
        session.HaverId.Should().Be(moderatorId);
    }

    [Fact]
    public void ClaimSlot_WithdrawnCard_ThrowsNamingTheCard()
    {
        var card = _demo.NewCard(title: "Burnout");
        card.Withdraw(TestEvent.Now);

        var act = () => _demo.Claim(card, room: 1, round: 1, _demo.NewModerator());

        act.Should().Throw<RuleViolationException>().WithMessage("\"Burnout\" was withdrawn*cannot be placed*");
        _demo.Sessions.Should().BeEmpty();
    }

    [Fact]
    public void ClaimSlot_CardOfAnotherEvent_Throws()
    {
        var foreignCard = TestCard.Create(eventId: Guid.NewGuid(), authorId: _demo.NewAttendee());

        var act = () => _demo.Claim(foreignCard, room: 1, round: 1, _demo.NewModerator());

        act.Should().Throw<RuleViolationException>().WithMessage("*belongs to another event*");
        _demo.Sessions.Should().BeEmpty();
    }

    [Fact]
    public void ClaimSlot_ByAttendee_Throws()
    {
        var attendeeId = _demo.NewAttendee();

        var act = () => _demo.Claim(_demo.NewCard(), room: 1, round: 1, attendeeId);

        act.Should().Throw<RuleViolationException>().WithMessage("*Only moderators and organizers*");
        _demo.Sessions.Should().BeEmpty();
    }

    [Fact]
    public void ClaimSlot_ByPersonNotInEvent_Throws()
    {
        var act = () => _demo.Claim(_demo.NewCard(), room: 1, round: 1, Guid.NewGuid());

        act.Should().Throw<RuleViolationException>().WithMessage("*Only moderators and organizers*");
        _demo.Sessions.Should().BeEmpty();
    }

    [Fact]
    public void ClaimSlot_ByOrganizer_IsAllowed()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.OrganizerId);

        session.ModeratorId.Should().Be(_demo.OrganizerId);
    }

    [Fact]
    public void ClaimSlot_ByDemotedModerator_Throws()
    {
        var moderatorId = _demo.NewModerator();
        _demo.Event.SetRole(moderatorId, EventRole.Attendee);

        var act = () => _demo.Claim(_demo.NewCard(), room: 1, round: 1, moderatorId);

        act.Should().Throw<RuleViolationException>().WithMessage("*Only moderators and organizers*");
    }

    [Fact]
    public void ClaimSlot_ByAttendeePromotedToModerator_IsAllowed()
    {
        var personId = _demo.NewAttendee();
        _demo.Event.AddMember(personId, EventRole.Moderator, TestEvent.Now);

        var session = _demo.Claim(_demo.NewCard(), room: 1, round: 1, personId);

        session.ModeratorId.Should().Be(personId);
    }

    [Fact]
    public void ClaimSlot_UnknownRoom_Throws()
    {
        var act = () => _demo.Event.ClaimSlot(_demo.NewCard(), Guid.NewGuid(), _demo.Round(1).Id, _demo.NewModerator(), _demo.Sessions, TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*room is not part of this event*");
    }

    [Fact]
    public void ClaimSlot_UnknownRound_Throws()
    {
        var act = () => _demo.Event.ClaimSlot(_demo.NewCard(), _demo.Room(1).Id, Guid.NewGuid(), _demo.NewModerator(), _demo.Sessions, TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*round is not part of this event*");
    }

    [Fact]
    public void ClaimSlot_NullCard_ThrowsArgumentNull()
    {
        var act = () => _demo.Event.ClaimSlot(null!, _demo.Room(1).Id, _demo.Round(1).Id, _demo.NewModerator(), _demo.Sessions, TestEvent.Now);

        act.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void ReleaseSession_Active_FreesSlotAndKeepsHistory()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 6, round: 3, _demo.NewModerator());
        var releasedAt = TestEvent.Now.AddMinutes(5);

        _demo.Release(session.Id, releasedAt);

        session.Status.Should().Be(SessionStatus.Released);
        session.IsActive.Should().BeFalse();
        session.ReleasedAt.Should().Be(releasedAt);
        _demo.SessionIn(_demo.Room(6).Id, _demo.Round(3).Id).Should().BeNull();
        _demo.Sessions.Should().ContainSingle().Which.Should().BeSameAs(session);
    }

    [Fact]
    public void ReleaseSession_Twice_Throws()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.NewModerator());
        _demo.Release(session.Id, TestEvent.Now);

        var act = () => _demo.Release(session.Id, TestEvent.Now.AddMinutes(1));

        act.Should().Throw<RuleViolationException>().WithMessage("*already given its slot back*");
        session.ReleasedAt.Should().Be(TestEvent.Now);
    }

    [Fact]
    public void Release_AnotherCard_ThrowsAndKeepsTheSlot()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.NewModerator());
        var other = _demo.NewCard(title: "Another problem");

        var act = () => session.Release(other, TestEvent.Now);

        act.Should().Throw<ArgumentException>();
        session.IsActive.Should().BeTrue();
        _demo.CardOf(session).SessionId.Should().Be(session.Id);
    }

    [Fact]
    public void ClaimSlot_MarksTheCardAsScheduled_AndReleaseClearsIt()
    {
        var card = _demo.NewCard();

        var session = _demo.Claim(card, room: 4, round: 2, _demo.NewModerator());

        card.SessionId.Should().Be(session.Id);
        card.IsScheduled.Should().BeTrue();
        _demo.Release(session.Id, TestEvent.Now);
        card.SessionId.Should().BeNull();
        card.IsScheduled.Should().BeFalse();
    }

    [Fact]
    public void ClaimSlot_CopiesTheRoomCapacityAndTheRoundLength()
    {
        var hall = _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.NewModerator());
        var small = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());

        _demo.Event.ChangeRoomCapacity(_demo.Room(2).Id, 20);

        hall.Capacity.Should().Be(TestEvent.HallCapacity);
        small.Capacity.Should().Be(TestEvent.SmallRoomCapacity, "a session keeps the seats it was claimed with");
        small.Timer.Planned.Should().Be(TimeSpan.FromMinutes(45));
        small.Timer.State.Should().Be(TimerState.NotStarted);
        small.Record.IsEmpty.Should().BeTrue();
        small.Seats.Should().BeEquivalentTo(new { SessionId = small.Id, Taken = 0, Waitlisted = 0, IsOpen = true });
    }

    [Fact]
    public void ClaimSlot_CardPlacedInASessionTheBoardDoesNotShow_StillRefused()
    {
        var card = _demo.NewCard();
        _demo.Claim(card, room: 1, round: 1, _demo.NewModerator());

        var act = () => _demo.Event.ClaimSlot(card, _demo.Room(2).Id, _demo.Round(2).Id, _demo.NewModerator(), [], TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*already placed in a slot*");
    }

    [Fact]
    public void SlotLabel_AfterEarlierRoundIsAdded_FollowsTheNewNumbering()
    {
        var session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());

        _demo.Event.AddRound(TestEvent.Seoul(18), TimeSpan.FromMinutes(30));

        _demo.Event.SlotLabel(session).Should().Be("Room 2 · Round 2");
    }
}
