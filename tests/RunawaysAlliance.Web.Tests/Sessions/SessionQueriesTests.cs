using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Schedule;
using RunawaysAlliance.Web.Features.Sessions;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>What a session page shows each viewer, derived from the shared snapshot: names only to the session's people.</summary>
public sealed class SessionQueriesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);
    private static readonly RoomView Room = new(Guid.NewGuid(), "Room 3", 8);
    private static readonly RoundView Round1 = new(Guid.NewGuid(), 1, Start, Start.AddMinutes(45));
    private static readonly RoomView OtherRoom = new(Guid.NewGuid(), "Hall", 35);

    private readonly Guid _moderator = Guid.NewGuid();
    private readonly Guid _haver = Guid.NewGuid();
    private readonly Guid _core = Guid.NewGuid();
    private readonly Guid _seated = Guid.NewGuid();
    private readonly Guid _waiting1 = Guid.NewGuid();
    private readonly Guid _waiting2 = Guid.NewGuid();
    private readonly Guid _outsider = Guid.NewGuid();
    private readonly Guid _organizer = Guid.NewGuid();
    private readonly Guid _elsewhere = Guid.NewGuid();
    private readonly Guid _sessionId = Guid.NewGuid();
    private readonly Guid _otherSessionId = Guid.NewGuid();

    [Fact]
    public void PageFor_SessionPerson_SeesEveryoneInOrderWithWaitlistPositions()
    {
        var page = SessionQueries.PageFor(Board(), _seated, _sessionId)!;

        page.People.Select(p => (p.Name, p.Part, p.WaitlistPosition)).Should().Equal(
            ("Mina", SessionPart.Moderator, null),
            ("Haver", SessionPart.Haver, null),
            ("Core", SessionPart.CoreSolver, null),
            ("Seated", SessionPart.Seated, null),
            ("Wait One", SessionPart.Waitlisted, 1),
            ("Wait Two", SessionPart.Waitlisted, 2));
        page.People.Where(p => p.AgreesToBeNamed).Select(p => p.Name).Should().Equal(["Core"], "only members who agreed may be named in the record");
        page.ViewerPart.Should().Be(SessionPart.Seated);
        page.CanRun.Should().BeFalse();
        page.MySeat!.IsWaitlisted.Should().BeFalse();
    }

    [Fact]
    public void PageFor_SecondOnTheWaitlist_KnowsTheirPosition()
    {
        var page = SessionQueries.PageFor(Board(), _waiting2, _sessionId)!;

        page.WaitlistPosition.Should().Be(2);
        page.ViewerPart.Should().Be(SessionPart.Waitlisted);
    }

    [Fact]
    public void PageFor_MemberOutsideTheSession_SeesCountsNotNames()
    {
        var page = SessionQueries.PageFor(Board(), _outsider, _sessionId)!;

        page.People.Should().BeEmpty();
        page.ViewerPart.Should().BeNull();
        page.CanRun.Should().BeFalse();
        page.InSessionOrOrganizer.Should().BeFalse();
        page.Session.SeatsTaken.Should().Be(3);
    }

    [Fact]
    public void PageFor_Visitor_SeesNoNamesAndNoOffers()
    {
        var page = SessionQueries.PageFor(Board(), null, _sessionId)!;

        page.People.Should().BeEmpty();
        page.Card.Offers.Should().BeEmpty();
        page.IsMember.Should().BeFalse();
    }

    [Fact]
    public void PageFor_OrganizerAndModerator_RunIt()
    {
        SessionQueries.PageFor(Board(), _organizer, _sessionId)!.CanRun.Should().BeTrue();
        SessionQueries.PageFor(Board(), _organizer, _sessionId)!.People.Should().HaveCount(6);
        SessionQueries.PageFor(Board(), _moderator, _sessionId)!.CanRun.Should().BeTrue();
    }

    [Fact]
    public void PageFor_SeatInAnotherSessionOfTheRound_OffersTheSwitch()
    {
        var page = SessionQueries.PageFor(Board(), _elsewhere, _sessionId)!;

        page.OtherSeatThisRound!.Id.Should().Be(_otherSessionId);
        page.MySeat.Should().BeNull();
    }

    [Fact]
    public void PageFor_UnknownSession_IsNull() =>
        SessionQueries.PageFor(Board(), _seated, Guid.NewGuid()).Should().BeNull();

    [Theory]
    [InlineData(5, 8, null)]
    [InlineData(6, 8, "Filling")]
    [InlineData(8, 8, "Full")]
    [InlineData(9, 8, "Full")]
    public void SeatBadge_FillingFromThreeQuartersFullAtCapacity(int taken, int capacity, string? level) =>
        SeatBadge.LevelOf(Session(_sessionId, Room, taken, capacity)).Should().Be(level);

    private BoardSnapshot Board()
    {
        var cardId = Guid.NewGuid();
        var otherCard = Guid.NewGuid();
        var offers = new List<OfferView>
        {
            new(_core, "Core", OfferKind.CanHelp, string.Empty, true, Start, Start),
            new(_outsider, "Outsider", OfferKind.Curious, string.Empty, false, Start, Start),
        };
        var cards = new List<CardRecord>
        {
            new(cardId, "Pricing", "How to price", string.Empty, CardKind.Commercial, [], "en", CardStatus.Open, 1, _haver, "Haver", Start, Start, offers),
            new(otherCard, "Hiring", "Who first", string.Empty, CardKind.Commercial, [], "en", CardStatus.Open, 1, _outsider, "Outsider", Start, Start, []),
        };
        var members = new List<MemberView>
        {
            new(_moderator, "Mina", EventRole.Moderator, AgreesToBeNamed: false),
            new(_haver, "Haver", EventRole.Attendee, AgreesToBeNamed: false),
            new(_core, "Core", EventRole.Attendee, AgreesToBeNamed: true),
            new(_seated, "Seated", EventRole.Attendee, AgreesToBeNamed: false),
            new(_waiting1, "Wait One", EventRole.Attendee, AgreesToBeNamed: false),
            new(_waiting2, "Wait Two", EventRole.Attendee, AgreesToBeNamed: false),
            new(_outsider, "Outsider", EventRole.Attendee, AgreesToBeNamed: false),
            new(_organizer, "Org", EventRole.Organizer, AgreesToBeNamed: false),
            new(_elsewhere, "Elsewhere", EventRole.Attendee, AgreesToBeNamed: false),
        };
        var seats = new List<SeatHolder>
        {
            new(_sessionId, _haver, false) { TakenAt = Start },
            new(_sessionId, _core, false) { TakenAt = Start.AddSeconds(1) },
            new(_sessionId, _seated, false) { TakenAt = Start.AddSeconds(2) },
            new(_sessionId, _waiting1, true) { TakenAt = Start.AddSeconds(3) },
            new(_sessionId, _waiting2, true) { TakenAt = Start.AddSeconds(4) },
            new(_otherSessionId, _elsewhere, false) { TakenAt = Start },
        };
        var sessions = new List<SessionView>
        {
            Session(_sessionId, Room, 3, 3, cardId) with { Waitlisted = 2, ModeratorId = _moderator },
            Session(_otherSessionId, OtherRoom, 1, 35, otherCard),
        };
        var schedule = new EventSchedule(Guid.NewGuid(), "demo", "Demo", "Venue", "Asia/Seoul", EventPhase.Live, [Room, OtherRoom], [Round1], sessions);
        return new BoardSnapshot(schedule, [], new CardBook(cards, members, seats), Start);
    }

    private static SessionView Session(Guid id, RoomView room, int taken, int capacity, Guid? cardId = null) =>
        new(id, room.Id, Round1.Id, cardId ?? Guid.NewGuid(), "Pricing", CardKind.Commercial, "en", "Mina", taken, 0, capacity);
}
