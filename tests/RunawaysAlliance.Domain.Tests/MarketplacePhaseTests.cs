using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>
/// Who may post or change cards and offers in each phase: everyone in Marketplace and Live, only organizers
/// in Setup (to seed a few cards), nobody once the event is archived.
/// </summary>
public class MarketplacePhaseTests
{
    [Theory]
    [InlineData(EventPhase.Marketplace, EventRole.Attendee)]
    [InlineData(EventPhase.Marketplace, EventRole.Moderator)]
    [InlineData(EventPhase.Marketplace, EventRole.Organizer)]
    [InlineData(EventPhase.Live, EventRole.Attendee)]
    [InlineData(EventPhase.Live, EventRole.Moderator)]
    [InlineData(EventPhase.Live, EventRole.Organizer)]
    [InlineData(EventPhase.Setup, EventRole.Organizer)]
    public void EnsureMarketplaceOpenFor_Allowed_DoesNotThrow(EventPhase phase, EventRole role)
    {
        var (evt, member) = EventWithMember(phase, role);

        var act = () => evt.EnsureMarketplaceOpenFor(member);

        act.Should().NotThrow();
    }

    [Theory]
    [InlineData(EventRole.Attendee)]
    [InlineData(EventRole.Moderator)]
    public void EnsureMarketplaceOpenFor_SetupAndNotOrganizer_ThrowsNotOpen(EventRole role)
    {
        var (evt, member) = EventWithMember(EventPhase.Setup, role);

        var act = () => evt.EnsureMarketplaceOpenFor(member);

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.MarketplaceNotOpen);
    }

    [Theory]
    [InlineData(EventRole.Attendee)]
    [InlineData(EventRole.Moderator)]
    [InlineData(EventRole.Organizer)]
    public void EnsureMarketplaceOpenFor_Archived_ThrowsArchivedForEveryone(EventRole role)
    {
        var (evt, member) = EventWithMember(EventPhase.Archived, role);

        var act = () => evt.EnsureMarketplaceOpenFor(member);

        act.Should().Throw<RuleViolationException>().WithMessage(CardMessages.EventArchived);
    }

    [Fact]
    public void EnsureMarketplaceOpenFor_OrganizerPromotedInSetup_IsAllowed()
    {
        var test = TestEvent.Create(EventPhase.Setup);
        var personId = test.NewAttendee();
        var member = test.Event.FindMember(personId)!;
        var before = () => test.Event.EnsureMarketplaceOpenFor(member);
        before.Should().Throw<RuleViolationException>();

        test.Event.SetRole(personId, EventRole.Organizer);

        var after = () => test.Event.EnsureMarketplaceOpenFor(member);
        after.Should().NotThrow();
    }

    [Fact]
    public void EnsureMarketplaceOpenFor_NullMember_ThrowsArgumentNull()
    {
        var evt = TestEvent.Create().Event;

        var act = () => evt.EnsureMarketplaceOpenFor(null!);

        act.Should().Throw<ArgumentNullException>();
    }

    private static (Event Event, EventMember Member) EventWithMember(EventPhase phase, EventRole role)
    {
        var test = TestEvent.Create(phase);
        var personId = role == EventRole.Organizer ? test.OrganizerId : test.NewMember(role);
        return (test.Event, test.Event.FindMember(personId)!);
    }
}
