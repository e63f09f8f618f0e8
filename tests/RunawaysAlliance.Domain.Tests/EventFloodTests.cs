using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>The event's limits against floods: newcomers per hour, open cards per person, closing joining, removing a person.</summary>
public class EventFloodTests
{
    private static readonly DateTimeOffset Evening = TestEvent.Utc(10);

    [Fact]
    public void NewEvent_Limits_AreSizedForAHundredFortyPeopleWithMargin()
    {
        var evt = TestEvent.Empty();

        evt.GuestsPerHour.Should().Be(200);
        evt.CardsPerPerson.Should().Be(5);
        evt.IsJoiningClosed.Should().BeFalse();
    }

    [Fact]
    public void Admit_OneMoreThanTheHourlyLimit_RefusedWithTheLimitAndWhenAPlaceComesFree()
    {
        var evt = TestEvent.Empty();
        evt.SetLimits(guestsPerHour: 3, cardsPerPerson: 5);
        evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening);
        evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening.AddMinutes(10));
        evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening.AddMinutes(20));

        var refused = () => evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening.AddMinutes(30));

        var ex = refused.Should().Throw<RuleViolationException>().Which;
        ex.Code.Should().Be(RuleCode.JoinLimitReached);
        ex.Arguments.Should().Equal(3, 30);
        evt.Members.Should().HaveCount(3);
        evt.AdmittedCount.Should().Be(3);
    }

    [Fact]
    public void Admit_AfterTheFirstJoinLeftTheHour_AdmittedAgain()
    {
        var evt = TestEvent.Empty();
        evt.SetLimits(guestsPerHour: 2, cardsPerPerson: 5);
        evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening);
        evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening.AddMinutes(30));

        evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening.AddHours(1));

        evt.Members.Should().HaveCount(3);
        evt.AdmittedWithinHour(Evening.AddHours(1)).Should().Be(2);
    }

    [Fact]
    public void Admit_AMemberWhenFullOrClosed_LetInAndNotCounted()
    {
        var evt = TestEvent.Empty();
        evt.SetLimits(guestsPerHour: 1, cardsPerPerson: 5);
        var member = Guid.NewGuid();
        evt.Admit(member, EventRole.Attendee, Evening);
        evt.SetJoiningClosed(true);

        evt.Admit(member, EventRole.Moderator, Evening.AddMinutes(1));

        evt.FindMember(member)!.Role.Should().Be(EventRole.Moderator, "the moderator link still raises a member's role");
        evt.AdmittedCount.Should().Be(1);
    }

    [Fact]
    public void Admit_JoiningClosed_NewcomerRefusedUntilOpenedAgain()
    {
        var evt = TestEvent.Empty();
        evt.SetJoiningClosed(true);

        var refused = () => evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening);

        refused.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.JoiningClosed);
        evt.Members.Should().BeEmpty();
        evt.SetJoiningClosed(false);
        evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening);
        evt.Members.Should().ContainSingle();
    }

    [Theory]
    [InlineData(0, 5, "guests per hour")]
    [InlineData(Event.MaxGuestsPerHour + 1, 5, "guests per hour")]
    [InlineData(200, 0, "cards per person")]
    [InlineData(200, Event.MaxCardsPerPerson + 1, "cards per person")]
    public void SetLimits_OutOfRange_RefusedNamingTheField(int guests, int cards, string field)
    {
        var evt = TestEvent.Empty();

        var act = () => evt.SetLimits(guests, cards);

        var ex = act.Should().Throw<InvalidInputException>().Which;
        ex.Code.Should().Be(RuleCode.LimitOutOfRange);
        ex.Field.Should().Be(field);
        evt.GuestsPerHour.Should().Be(Event.DefaultGuestsPerHour);
        evt.CardsPerPerson.Should().Be(Event.DefaultCardsPerPerson);
    }

    [Fact]
    public void EnsureCanPostCard_AtTheLimit_RefusedForAttendeesNotForOrganizers()
    {
        var grid = TestEvent.Create();
        grid.Event.SetLimits(200, cardsPerPerson: 2);
        var attendee = grid.Event.FindMember(grid.NewAttendee())!;
        var organizer = grid.Event.FindMember(grid.OrganizerId)!;

        grid.Event.EnsureCanPostCard(attendee, openCards: 1);
        var refused = () => grid.Event.EnsureCanPostCard(attendee, openCards: 2);

        var ex = refused.Should().Throw<RuleViolationException>().Which;
        ex.Code.Should().Be(RuleCode.CardLimitReached);
        ex.Arguments.Should().Equal(2);
        grid.Event.EnsureCanPostCard(organizer, openCards: 50);
    }

    [Fact]
    public void RemovePerson_Spammer_CardsWithdrawnOffersTakenBackMemberGoneAndRecorded()
    {
        var grid = TestEvent.Create();
        var spammer = grid.NewAttendee();
        var theirs = Enumerable.Range(1, 3).Select(i => grid.NewCard(spammer, $"Spam {i}")).ToList();
        var placed = grid.NewCard(spammer, "Placed spam");
        grid.Claim(placed, 1, 1, grid.NewModerator());
        var honest = grid.NewCard();
        honest.MakeOffer(spammer, OfferKind.CanHelp, "buy my course", TestEvent.Now);

        var removal = grid.Event.RemovePerson(spammer, grid.OrganizerId, [.. theirs, placed], [honest], TestEvent.Now.AddHours(1));

        theirs.Should().OnlyContain(c => c.Status == CardStatus.Withdrawn);
        placed.Status.Should().Be(CardStatus.Open, "a card in a slot stays until the slot is given back");
        honest.Offers.Should().BeEmpty();
        grid.Event.FindMember(spammer).Should().BeNull();
        removal.Should().BeEquivalentTo(new { PersonId = spammer, RemovedById = grid.OrganizerId, CardsWithdrawn = 3, CardsKept = 1, OffersWithdrawn = 1 });
        grid.Event.Removals.Should().ContainSingle().Which.Should().BeSameAs(removal);
        var again = () => grid.Event.Admit(spammer, EventRole.Attendee, TestEvent.Now.AddHours(2));
        again.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.RemovedFromEvent);
    }

    [Fact]
    public void RemovePerson_RemovedGuest_StillCountsAgainstTheHourTheyJoinedIn()
    {
        var evt = TestEvent.Empty();
        var organizer = Guid.NewGuid();
        evt.AddMember(organizer, EventRole.Organizer, Evening.AddHours(-5));
        evt.SetLimits(guestsPerHour: 1, cardsPerPerson: 5);
        var spammer = Guid.NewGuid();
        evt.Admit(spammer, EventRole.Attendee, Evening);

        evt.RemovePerson(spammer, organizer, [], [], Evening.AddMinutes(5));
        var next = () => evt.Admit(Guid.NewGuid(), EventRole.Attendee, Evening.AddMinutes(6));

        next.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.JoinLimitReached);
    }

    [Theory]
    [InlineData(EventRole.Organizer, RuleCode.OrganizerCannotBeRemoved)]
    public void RemovePerson_AnOrganizer_Refused(EventRole role, RuleCode expected)
    {
        var grid = TestEvent.Create();
        var other = grid.NewMember(role);

        var act = () => grid.Event.RemovePerson(other, grid.OrganizerId, [], [], TestEvent.Now);

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(expected);
        grid.Event.FindMember(other).Should().NotBeNull();
    }

    [Fact]
    public void RemovePerson_ByANonOrganizer_RefusedAndNothingChanges()
    {
        var grid = TestEvent.Create();
        var spammer = grid.NewAttendee();
        var card = grid.NewCard(spammer);
        var moderator = grid.NewModerator();

        var act = () => grid.Event.RemovePerson(spammer, moderator, [card], [], TestEvent.Now);

        act.Should().Throw<RuleViolationException>().Which.Code.Should().Be(RuleCode.OnlyOrganizers);
        card.Status.Should().Be(CardStatus.Open);
        grid.Event.FindMember(spammer).Should().NotBeNull();
    }
}
