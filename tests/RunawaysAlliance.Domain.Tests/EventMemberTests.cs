using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class EventMemberTests
{
    private readonly Event _event = TestEvent.Empty();

    [Fact]
    public void AddMember_NewPerson_JoinsWithRoleAndTime()
    {
        var personId = Guid.NewGuid();

        var member = _event.AddMember(personId, EventRole.Moderator, TestEvent.Now);

        member.PersonId.Should().Be(personId);
        member.EventId.Should().Be(_event.Id);
        member.Role.Should().Be(EventRole.Moderator);
        member.JoinedAt.Should().Be(TestEvent.Now);
        _event.Members.Should().ContainSingle().Which.Should().BeSameAs(member);
        _event.FindMember(personId).Should().BeSameAs(member);
    }

    [Fact]
    public void AddMember_SamePersonWithLowerRole_KeepsHigherRole()
    {
        var personId = Guid.NewGuid();
        var first = _event.AddMember(personId, EventRole.Organizer, TestEvent.Now);

        var again = _event.AddMember(personId, EventRole.Attendee, TestEvent.Now.AddHours(1));

        again.Should().BeSameAs(first);
        again.Role.Should().Be(EventRole.Organizer);
        again.JoinedAt.Should().Be(TestEvent.Now);
        _event.Members.Should().ContainSingle();
    }

    [Fact]
    public void AddMember_SamePersonWithHigherRole_RaisesRole()
    {
        var personId = Guid.NewGuid();
        _event.AddMember(personId, EventRole.Attendee, TestEvent.Now);

        var member = _event.AddMember(personId, EventRole.Moderator, TestEvent.Now);

        member.Role.Should().Be(EventRole.Moderator);
        _event.Members.Should().ContainSingle();
    }

    [Fact]
    public void AddMember_SamePersonWithSameRole_ChangesNothing()
    {
        var personId = Guid.NewGuid();
        _event.AddMember(personId, EventRole.Moderator, TestEvent.Now);

        var member = _event.AddMember(personId, EventRole.Moderator, TestEvent.Now);

        member.Role.Should().Be(EventRole.Moderator);
        _event.Members.Should().ContainSingle();
    }

    [Fact]
    public void FindMember_Stranger_ReturnsNull()
    {
        _event.FindMember(Guid.NewGuid()).Should().BeNull();
    }

    [Theory]
    [InlineData(EventRole.Attendee, EventRole.Attendee, true)]
    [InlineData(EventRole.Attendee, EventRole.Moderator, false)]
    [InlineData(EventRole.Attendee, EventRole.Organizer, false)]
    [InlineData(EventRole.Moderator, EventRole.Attendee, true)]
    [InlineData(EventRole.Moderator, EventRole.Moderator, true)]
    [InlineData(EventRole.Moderator, EventRole.Organizer, false)]
    [InlineData(EventRole.Organizer, EventRole.Attendee, true)]
    [InlineData(EventRole.Organizer, EventRole.Moderator, true)]
    [InlineData(EventRole.Organizer, EventRole.Organizer, true)]
    public void Has_Role_IncludesPowersOfLowerRoles(EventRole role, EventRole asked, bool expected)
    {
        var member = _event.AddMember(Guid.NewGuid(), role, TestEvent.Now);

        member.Has(asked).Should().Be(expected);
    }

    [Fact]
    public void SetRole_Promote_ChangesRole()
    {
        var personId = Guid.NewGuid();
        _event.AddMember(personId, EventRole.Attendee, TestEvent.Now);

        _event.SetRole(personId, EventRole.Organizer);

        _event.FindMember(personId)!.Role.Should().Be(EventRole.Organizer);
    }

    [Fact]
    public void SetRole_DemoteModerator_ChangesRole()
    {
        var personId = Guid.NewGuid();
        _event.AddMember(personId, EventRole.Moderator, TestEvent.Now);

        _event.SetRole(personId, EventRole.Attendee);

        _event.FindMember(personId)!.Role.Should().Be(EventRole.Attendee);
    }

    [Theory]
    [InlineData(EventRole.Moderator)]
    [InlineData(EventRole.Attendee)]
    public void SetRole_DemoteLastOrganizer_ThrowsAndKeepsOrganizer(EventRole role)
    {
        var organizerId = Guid.NewGuid();
        _event.AddMember(organizerId, EventRole.Organizer, TestEvent.Now);
        _event.AddMember(Guid.NewGuid(), EventRole.Moderator, TestEvent.Now);

        var act = () => _event.SetRole(organizerId, role);

        act.Should().Throw<RuleViolationException>().WithMessage("*at least one organizer*");
        _event.FindMember(organizerId)!.Role.Should().Be(EventRole.Organizer);
    }

    [Fact]
    public void SetRole_LastOrganizerToOrganizer_IsAllowed()
    {
        var organizerId = Guid.NewGuid();
        _event.AddMember(organizerId, EventRole.Organizer, TestEvent.Now);

        _event.SetRole(organizerId, EventRole.Organizer);

        _event.FindMember(organizerId)!.Role.Should().Be(EventRole.Organizer);
    }

    [Fact]
    public void SetRole_DemoteOneOfTwoOrganizers_IsAllowedButNotTheSecond()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        _event.AddMember(first, EventRole.Organizer, TestEvent.Now);
        _event.AddMember(second, EventRole.Organizer, TestEvent.Now);

        _event.SetRole(first, EventRole.Moderator);
        var act = () => _event.SetRole(second, EventRole.Attendee);

        _event.FindMember(first)!.Role.Should().Be(EventRole.Moderator);
        act.Should().Throw<RuleViolationException>().WithMessage("*at least one organizer*");
        _event.FindMember(second)!.Role.Should().Be(EventRole.Organizer);
    }

    [Fact]
    public void SetRole_PersonNotInEvent_Throws()
    {
        var act = () => _event.SetRole(Guid.NewGuid(), EventRole.Moderator);

        act.Should().Throw<RuleViolationException>().WithMessage("*not joined this event*");
        _event.Members.Should().BeEmpty();
    }
}
