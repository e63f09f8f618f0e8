using FluentAssertions;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>Rules that were once broken: each test names what went wrong.</summary>
public class DomainRegressionTests
{
    [Fact]
    public void Edit_OneFieldInvalid_LeavesEveryFieldAsItWas()
    {
        var card = TestCard.Create(TestCard.Content(title: "Original", tags: ["before"]));

        var act = () => card.Edit(TestCard.Content(title: "Changed", problem: "  ", tags: ["after"]), TestEvent.Now.AddMinutes(5));

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("problem");
        card.Title.Should().Be("Original");
        card.Tags.Should().Equal("before");
        card.UpdatedAt.Should().Be(TestEvent.Now);
    }

    [Fact]
    public void Edit_InvalidTags_LeavesTitleAsItWas()
    {
        var card = TestCard.Create(TestCard.Content(title: "Original"));
        var tooMany = Enumerable.Range(1, ProblemCard.MaxTags + 1).Select(i => $"t{i}").ToList();

        var act = () => card.Edit(TestCard.Content(title: "Changed", tags: tooMany), TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("tags");
        card.Title.Should().Be("Original");
    }

    [Theory]
    [InlineData("🚀")]
    [InlineData("\u1112\u1161\u11AB")]
    public void NormalizeTags_ThirtyVisibleCharactersOfWideText_Accepted(string unit)
    {
        var tag = string.Concat(Enumerable.Repeat(unit, ProblemCard.TagMaxLength));

        ProblemCard.NormalizeTags([tag]).Should().Equal(tag);
    }

    [Fact]
    public void NormalizeTags_ThirtyOneEmoji_RejectedWithWholeEmojiInMessage()
    {
        var tag = string.Concat(Enumerable.Repeat("🚀", ProblemCard.TagMaxLength + 1));

        var act = () => ProblemCard.NormalizeTags([tag]);

        act.Should().Throw<InvalidInputException>()
            .WithMessage($"*\"{string.Concat(Enumerable.Repeat("🚀", 10))}…\"*");
    }

    [Theory]
    [InlineData("Asia")]
    [InlineData("America")]
    [InlineData("Etc")]
    [InlineData("../etc/passwd")]
    public void Constructor_TimeZoneThatIsAFolderOrPath_ThrowsInvalidInput(string zone)
    {
        var act = () => new Event(Guid.NewGuid(), "runaways-2025", "Runaways", "Seoul", zone, TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("time zone");
    }

    [Fact]
    public void AddRound_NegativeDurationOverlapping_ReportsTheDuration()
    {
        var evt = TestEvent.Create().Event;

        var act = () => evt.AddRound(TestEvent.Seoul(19, 10), TimeSpan.FromMinutes(-10));

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("duration");
    }

    [Fact]
    public void AdvanceTo_UndefinedPhase_ThrowsInvalidInput()
    {
        var evt = TestEvent.Create(EventPhase.Setup).Event;

        var act = () => evt.AdvanceTo((EventPhase)99);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("phase");
        evt.Phase.Should().Be(EventPhase.Setup);
    }

    [Fact]
    public void AddMember_UndefinedRole_ThrowsAndAddsNobody()
    {
        var evt = TestEvent.Create().Event;
        var before = evt.Members.Count;

        var act = () => evt.AddMember(Guid.NewGuid(), (EventRole)99, TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("role");
        evt.Members.Should().HaveCount(before);
    }

    [Fact]
    public void SetRole_UndefinedRole_ThrowsAndKeepsRole()
    {
        var test = TestEvent.Create();

        var act = () => test.Event.SetRole(test.OrganizerId, (EventRole)99);

        act.Should().Throw<InvalidInputException>();
        test.Event.FindMember(test.OrganizerId)!.Role.Should().Be(EventRole.Organizer);
    }

    [Theory]
    [InlineData("Mina\u2028Kim")]
    [InlineData("Mina\u2029Kim")]
    [InlineData("Mina\u0085Kim")]
    public void Person_NameWithUnicodeLineBreak_Rejected(string name)
    {
        var act = () => new Domain.People.Person(Guid.NewGuid(), name, TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("display name");
    }

    [Fact]
    public void ContactDetails_MessengerWithLineSeparator_Rejected()
    {
        var act = () => Domain.People.ContactDetails.Create(null, null, "kakao\u2028id", null);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("messenger");
    }

    [Fact]
    public void RemoveMember_OnlyOrganizer_RefusedAndStays()
    {
        var test = TestEvent.Create();

        var act = () => test.Event.RemoveMember(test.OrganizerId);

        act.Should().Throw<RuleViolationException>().WithMessage("*only organizer*");
        test.Event.FindMember(test.OrganizerId).Should().NotBeNull();
    }

    [Fact]
    public void RemoveMember_OneOfTwoOrganizers_Removed()
    {
        var test = TestEvent.Create();
        var second = Guid.NewGuid();
        test.Event.AddMember(second, EventRole.Organizer, TestEvent.Now);

        test.Event.RemoveMember(test.OrganizerId);

        test.Event.FindMember(test.OrganizerId).Should().BeNull();
    }
}
