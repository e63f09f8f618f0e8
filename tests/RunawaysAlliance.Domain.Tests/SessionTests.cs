using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class SessionTests
{
    private readonly TestEvent _demo = TestEvent.Create();
    private readonly Session _session;

    public SessionTests()
    {
        _session = _demo.Claim(_demo.NewCard(), room: 2, round: 1, _demo.NewModerator());
    }

    [Fact]
    public void ReserveSeat_FreeSeats_HoldsASeat()
    {
        var personId = Guid.NewGuid();

        var reservation = _session.ReserveSeat(personId, roomCapacity: 12, TestEvent.Now);

        reservation.Id.Should().NotBeEmpty();
        reservation.SessionId.Should().Be(_session.Id);
        reservation.PersonId.Should().Be(personId);
        reservation.IsWaitlisted.Should().BeFalse();
        reservation.CreatedAt.Should().Be(TestEvent.Now);
        _session.SeatsTaken.Should().Be(1);
        _session.Reservations.Should().ContainSingle().Which.Should().BeSameAs(reservation);
    }

    [Fact]
    public void ReserveSeat_UpToCapacity_AllHoldSeats()
    {
        var reservations = Enumerable.Range(0, 3)
            .Select(_ => _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 3, TestEvent.Now))
            .ToList();

        reservations.Should().OnlyContain(r => !r.IsWaitlisted);
        _session.SeatsTaken.Should().Be(3);
    }

    [Fact]
    public void ReserveSeat_AtCapacity_GoesToWaitlist()
    {
        for (var i = 0; i < 3; i++)
        {
            _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 3, TestEvent.Now);
        }

        var fourth = _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 3, TestEvent.Now);
        var fifth = _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 3, TestEvent.Now);

        fourth.IsWaitlisted.Should().BeTrue();
        fifth.IsWaitlisted.Should().BeTrue();
        _session.SeatsTaken.Should().Be(3);
        _session.Reservations.Should().HaveCount(5);
    }

    [Fact]
    public void ReserveSeat_CapacityOfOne_SecondPersonWaits()
    {
        var first = _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 1, TestEvent.Now);
        var second = _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 1, TestEvent.Now);

        first.IsWaitlisted.Should().BeFalse();
        second.IsWaitlisted.Should().BeTrue();
    }

    [Fact]
    public void ReserveSeat_RoomGrewAfterItFilledUp_NextPersonGetsASeat()
    {
        _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 1, TestEvent.Now);
        _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 1, TestEvent.Now);

        var third = _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 5, TestEvent.Now);

        third.IsWaitlisted.Should().BeFalse();
        _session.SeatsTaken.Should().Be(2);
    }

    [Fact]
    public void ReserveSeat_Reservations_KeepTheOrderTheyWereMade()
    {
        var people = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        foreach (var personId in people)
        {
            _session.ReserveSeat(personId, roomCapacity: 2, TestEvent.Now);
        }

        _session.Reservations.Select(r => r.PersonId).Should().Equal(people);
        _session.Reservations.Select(r => r.IsWaitlisted).Should().Equal(false, false, true, true);
    }

    [Fact]
    public void ReserveSeat_SamePersonTwice_ThrowsAndKeepsOneReservation()
    {
        var personId = Guid.NewGuid();
        _session.ReserveSeat(personId, roomCapacity: 12, TestEvent.Now);

        var act = () => _session.ReserveSeat(personId, roomCapacity: 12, TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*already have a seat or a waitlist place*");
        _session.Reservations.Should().ContainSingle();
    }

    [Fact]
    public void ReserveSeat_SamePersonTwiceWhileWaitlisted_Throws()
    {
        _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 1, TestEvent.Now);
        var waiting = Guid.NewGuid();
        _session.ReserveSeat(waiting, roomCapacity: 1, TestEvent.Now);

        var act = () => _session.ReserveSeat(waiting, roomCapacity: 1, TestEvent.Now);

        act.Should().Throw<RuleViolationException>();
        _session.Reservations.Should().HaveCount(2);
    }

    [Fact]
    public void ReserveSeat_ReleasedSession_Throws()
    {
        _demo.Event.ReleaseSession(_session.Id, TestEvent.Now);

        var act = () => _session.ReserveSeat(Guid.NewGuid(), roomCapacity: 12, TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*no longer holds its slot*");
        _session.Reservations.Should().BeEmpty();
    }

    [Fact]
    public void ReserveSeat_HallCapacity_SeatsThirtyFiveThenWaitlists()
    {
        var hall = _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.NewModerator());
        var capacity = _demo.Room(1).Capacity;

        var reservations = Enumerable.Range(0, 36)
            .Select(_ => hall.ReserveSeat(Guid.NewGuid(), capacity, TestEvent.Now))
            .ToList();

        capacity.Should().Be(TestEvent.HallCapacity);
        hall.SeatsTaken.Should().Be(35);
        reservations.Count(r => r.IsWaitlisted).Should().Be(1);
        reservations[^1].IsWaitlisted.Should().BeTrue();
    }
}
