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

        var reservation = _session.ReserveSeat(personId, TestEvent.Now);

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
        _session.ChangeCapacity(3);
        var reservations = Enumerable.Range(0, 3)
            .Select(_ => _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now))
            .ToList();

        reservations.Should().OnlyContain(r => !r.IsWaitlisted);
        _session.SeatsTaken.Should().Be(3);
    }

    [Fact]
    public void ReserveSeat_AtCapacity_GoesToWaitlist()
    {
        _session.ChangeCapacity(3);
        for (var i = 0; i < 3; i++)
        {
            _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);
        }

        var fourth = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);
        var fifth = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);

        fourth.IsWaitlisted.Should().BeTrue();
        fifth.IsWaitlisted.Should().BeTrue();
        _session.SeatsTaken.Should().Be(3);
        _session.Reservations.Should().HaveCount(5);
    }

    [Fact]
    public void ReserveSeat_CapacityOfOne_SecondPersonWaits()
    {
        _session.ChangeCapacity(1);
        var first = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);
        var second = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);

        first.IsWaitlisted.Should().BeFalse();
        second.IsWaitlisted.Should().BeTrue();
        _session.Seats.Taken.Should().Be(1);
        _session.Seats.Waitlisted.Should().Be(1);
    }

    [Fact]
    public void ChangeCapacity_MoreSeatsAfterItFilledUp_WaitingPersonAndNextPersonGetSeats()
    {
        _session.ChangeCapacity(1);
        _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);
        var waiting = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);

        var promoted = _session.ChangeCapacity(5);
        var third = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);

        promoted.Should().ContainSingle().Which.Should().BeSameAs(waiting);
        waiting.IsWaitlisted.Should().BeFalse();
        third.IsWaitlisted.Should().BeFalse();
        _session.SeatsTaken.Should().Be(3);
        _session.Seats.Waitlisted.Should().Be(0);
    }

    [Fact]
    public void ReserveSeat_Reservations_KeepTheOrderTheyWereMade()
    {
        var people = Enumerable.Range(0, 4).Select(_ => Guid.NewGuid()).ToList();

        _session.ChangeCapacity(2);
        foreach (var personId in people)
        {
            _session.ReserveSeat(personId, TestEvent.Now);
        }

        _session.Reservations.Select(r => r.PersonId).Should().Equal(people);
        _session.Reservations.Select(r => r.IsWaitlisted).Should().Equal(false, false, true, true);
    }

    [Fact]
    public void ReserveSeat_SamePersonTwice_ThrowsAndKeepsOneReservation()
    {
        var personId = Guid.NewGuid();
        _session.ReserveSeat(personId, TestEvent.Now);

        var act = () => _session.ReserveSeat(personId, TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*already have a seat or a waitlist place*");
        _session.Reservations.Should().ContainSingle();
    }

    [Fact]
    public void ReserveSeat_SamePersonTwiceWhileWaitlisted_Throws()
    {
        _session.ChangeCapacity(1);
        _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);
        var waiting = Guid.NewGuid();
        _session.ReserveSeat(waiting, TestEvent.Now);

        var act = () => _session.ReserveSeat(waiting, TestEvent.Now);

        act.Should().Throw<RuleViolationException>();
        _session.Reservations.Should().HaveCount(2);
    }

    [Fact]
    public void ReserveSeat_ReleasedSession_Throws()
    {
        _demo.Release(_session.Id, TestEvent.Now);

        var act = () => _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);

        act.Should().Throw<RuleViolationException>().WithMessage("*no longer holds its slot*");
        _session.Reservations.Should().BeEmpty();
    }

    [Fact]
    public void ReserveSeat_HallCapacity_SeatsThirtyFiveThenWaitlists()
    {
        var hall = _demo.Claim(_demo.NewCard(), room: 1, round: 1, _demo.NewModerator());

        var reservations = Enumerable.Range(0, 36)
            .Select(_ => hall.ReserveSeat(Guid.NewGuid(), TestEvent.Now))
            .ToList();

        hall.Capacity.Should().Be(TestEvent.HallCapacity);
        hall.SeatsTaken.Should().Be(35);
        reservations.Count(r => r.IsWaitlisted).Should().Be(1);
        reservations[^1].IsWaitlisted.Should().BeTrue();
    }

    [Fact]
    public void CancelSeat_SeatHolder_LongestWaitingPersonIsPromoted()
    {
        _session.ChangeCapacity(1);
        var holder = Guid.NewGuid();
        _session.ReserveSeat(holder, TestEvent.Now);
        var first = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now.AddMinutes(1));
        var second = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now.AddMinutes(2));

        var promoted = _session.CancelSeat(holder);

        promoted.Should().BeSameAs(first);
        first.IsWaitlisted.Should().BeFalse();
        second.IsWaitlisted.Should().BeTrue();
        _session.Seats.Taken.Should().Be(1);
        _session.Seats.Waitlisted.Should().Be(1);
        _session.Reservations.Should().HaveCount(2);
    }

    [Fact]
    public void CancelSeat_Waitlisted_NobodyIsPromoted()
    {
        _session.ChangeCapacity(1);
        _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);
        var waiting = Guid.NewGuid();
        _session.ReserveSeat(waiting, TestEvent.Now);

        var promoted = _session.CancelSeat(waiting);

        promoted.Should().BeNull();
        _session.Seats.Taken.Should().Be(1);
        _session.Seats.Waitlisted.Should().Be(0);
    }

    [Fact]
    public void CancelSeat_NoReservation_Throws()
    {
        var act = () => _session.CancelSeat(Guid.NewGuid());

        act.Should().Throw<RuleViolationException>().WithMessage("*no seat or waitlist place*");
    }

    [Fact]
    public void ChangeCapacity_Fewer_KeepsEverySeatAlreadyHeld()
    {
        _session.ChangeCapacity(3);
        for (var i = 0; i < 3; i++)
        {
            _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);
        }

        var promoted = _session.ChangeCapacity(1);
        var next = _session.ReserveSeat(Guid.NewGuid(), TestEvent.Now);

        promoted.Should().BeEmpty();
        _session.SeatsTaken.Should().Be(3);
        next.IsWaitlisted.Should().BeTrue();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void ChangeCapacity_NotPositive_Throws(int capacity)
    {
        var act = () => _session.ChangeCapacity(capacity);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("capacity");
        _session.Capacity.Should().Be(TestEvent.SmallRoomCapacity);
    }

    [Fact]
    public void Release_ClosesTheSeats()
    {
        _demo.Release(_session.Id, TestEvent.Now);

        _session.Seats.IsOpen.Should().BeFalse();
    }
}
