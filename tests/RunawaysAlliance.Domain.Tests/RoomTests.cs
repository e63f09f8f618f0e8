using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class RoomTests
{
    private readonly Event _event = TestEvent.Empty();

    [Fact]
    public void AddRoom_Valid_AddsRoomOfThisEvent()
    {
        var room = _event.AddRoom("  Hall  ", 35);

        room.Name.Should().Be("Hall");
        room.Capacity.Should().Be(35);
        room.EventId.Should().Be(_event.Id);
        room.Id.Should().NotBeEmpty();
        room.SortOrder.Should().Be(1);
        _event.Rooms.Should().ContainSingle().Which.Should().BeSameAs(room);
        _event.FindRoom(room.Id).Should().BeSameAs(room);
    }

    [Fact]
    public void AddRoom_Several_AreOrderedAsAdded()
    {
        _event.AddRoom("Hall", 35);
        _event.AddRoom("Library", 10);
        _event.AddRoom("Attic", 8);

        _event.Rooms.Select(r => r.Name).Should().Equal("Hall", "Library", "Attic");
        _event.Rooms.Select(r => r.SortOrder).Should().Equal(1, 2, 3);
    }

    [Fact]
    public void AddRoom_CapacityOfOne_IsAccepted()
    {
        _event.AddRoom("Booth", 1).Capacity.Should().Be(1);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void AddRoom_CapacityNotPositive_ThrowsAndAddsNothing(int capacity)
    {
        var act = () => _event.AddRoom("Hall", capacity);

        act.Should().Throw<InvalidInputException>()
            .WithMessage($"*at least one seat (capacity was {capacity})*")
            .Which.Field.Should().Be("capacity");
        _event.Rooms.Should().BeEmpty();
    }

    [Theory]
    [InlineData("Hall")]
    [InlineData("hall")]
    [InlineData(" HALL ")]
    public void AddRoom_DuplicateName_Throws(string name)
    {
        _event.AddRoom("Hall", 35);

        var act = () => _event.AddRoom(name, 10);

        act.Should().Throw<RuleViolationException>().WithMessage("*already a room called \"*\"*");
        _event.Rooms.Should().ContainSingle();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void AddRoom_MissingName_ThrowsInvalidInput(string? name)
    {
        var act = () => _event.AddRoom(name!, 10);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Room name is required.")
            .Which.Field.Should().Be("room name");
        _event.Rooms.Should().BeEmpty();
    }

    [Fact]
    public void AddRoom_NameAtLimit_IsAcceptedAndOneMoreIsRejected()
    {
        var atLimit = new string('r', Room.NameMaxLength);

        _event.AddRoom(atLimit, 10).Name.Should().Be(atLimit);
        var act = () => _event.AddRoom("x" + atLimit, 10);
        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("room name");
    }

    [Fact]
    public void ChangeRoomCapacity_Positive_ChangesCapacity()
    {
        var room = _event.AddRoom("Hall", 35);

        _event.ChangeRoomCapacity(room.Id, 40);

        room.Capacity.Should().Be(40);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void ChangeRoomCapacity_NotPositive_ThrowsAndKeepsCapacity(int capacity)
    {
        var room = _event.AddRoom("Hall", 35);

        var act = () => _event.ChangeRoomCapacity(room.Id, capacity);

        act.Should().Throw<InvalidInputException>()
            .WithMessage($"*capacity was {capacity}*")
            .Which.Field.Should().Be("capacity");
        room.Capacity.Should().Be(35);
    }

    [Fact]
    public void ChangeRoomCapacity_UnknownRoom_Throws()
    {
        _event.AddRoom("Hall", 35);

        var act = () => _event.ChangeRoomCapacity(Guid.NewGuid(), 10);

        act.Should().Throw<RuleViolationException>().WithMessage("*room is not part of this event*");
    }

    [Fact]
    public void FindRoom_RoomOfAnotherEvent_Throws()
    {
        var other = TestEvent.Empty("other-event");
        var foreign = other.AddRoom("Hall", 35);

        var act = () => _event.FindRoom(foreign.Id);

        act.Should().Throw<RuleViolationException>().WithMessage("*room is not part of this event*");
    }
}
