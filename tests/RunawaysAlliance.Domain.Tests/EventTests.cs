using FluentAssertions;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

public class EventTests
{
    [Fact]
    public void Constructor_ValidInput_StartsInSetupWithTrimmedValues()
    {
        var id = Guid.NewGuid();

        var @event = new Event(id, " runaways-2025 ", "  Runaways' Alliance  ", " Seoul Forest ", "Asia/Seoul", TestEvent.Now);

        @event.Id.Should().Be(id);
        @event.Slug.Should().Be("runaways-2025");
        @event.Name.Should().Be("Runaways' Alliance");
        @event.Venue.Should().Be("Seoul Forest");
        @event.TimeZoneId.Should().Be("Asia/Seoul");
        @event.Phase.Should().Be(EventPhase.Setup);
        @event.CreatedAt.Should().Be(TestEvent.Now);
        @event.Rooms.Should().BeEmpty();
        @event.Rounds.Should().BeEmpty();
        @event.Members.Should().BeEmpty();
        @event.AcceptsClaims.Should().BeFalse();
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("runaways-2025")]
    [InlineData("2025-runaways")]
    [InlineData("a-b")]
    public void Constructor_ValidSlug_IsAccepted(string slug)
    {
        var @event = TestEvent.Empty(slug);

        @event.Slug.Should().Be(slug);
    }

    [Fact]
    public void Constructor_SlugOfSixtyCharacters_IsAccepted()
    {
        var slug = new string('a', 60);

        TestEvent.Empty(slug).Slug.Should().Be(slug);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ab")]
    [InlineData("Runaways-2025")]
    [InlineData("-runaways")]
    [InlineData("runaways 2025")]
    [InlineData("runaways_2025")]
    [InlineData("runaways/2025")]
    [InlineData("런어웨이즈")]
    public void Constructor_InvalidSlug_ThrowsInvalidInput(string slug)
    {
        var act = () => TestEvent.Empty(slug);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("*slug*lowercase letters, digits and hyphens*")
            .Which.Field.Should().Be("slug");
    }

    [Fact]
    public void Constructor_SlugOfSixtyOneCharacters_ThrowsInvalidInput()
    {
        var act = () => TestEvent.Empty(new string('a', 61));

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("slug");
    }

    [Fact]
    public void Constructor_NullSlug_ThrowsInvalidInput()
    {
        var act = () => new Event(Guid.NewGuid(), null!, "Name", "", "Asia/Seoul", TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("slug");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Constructor_MissingName_ThrowsInvalidInput(string? name)
    {
        var act = () => new Event(Guid.NewGuid(), "runaways-2025", name!, "", "Asia/Seoul", TestEvent.Now);

        act.Should().Throw<InvalidInputException>()
            .WithMessage("Name is required.")
            .Which.Field.Should().Be("name");
    }

    [Fact]
    public void Constructor_NameAtLimit_IsAcceptedAndOneMoreIsRejected()
    {
        var atLimit = new string('n', Event.NameMaxLength);

        new Event(Guid.NewGuid(), "runaways-2025", atLimit, "", "Asia/Seoul", TestEvent.Now).Name.Should().Be(atLimit);
        var act = () => new Event(Guid.NewGuid(), "runaways-2025", atLimit + "n", "", "Asia/Seoul", TestEvent.Now);
        act.Should().Throw<InvalidInputException>()
            .WithMessage("*at most 120 characters (it has 121)*")
            .Which.Field.Should().Be("name");
    }

    [Fact]
    public void Constructor_NoVenue_IsEmpty()
    {
        var @event = new Event(Guid.NewGuid(), "runaways-2025", "Runaways", null!, "Asia/Seoul", TestEvent.Now);

        @event.Venue.Should().BeEmpty();
    }

    [Fact]
    public void Constructor_VenueOverLimit_ThrowsInvalidInput()
    {
        var act = () => new Event(Guid.NewGuid(), "runaways-2025", "Runaways", new string('v', 201), "Asia/Seoul", TestEvent.Now);

        act.Should().Throw<InvalidInputException>().Which.Field.Should().Be("venue");
    }

    [Theory]
    [InlineData("Asia/Seoul")]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("UTC")]
    public void Constructor_IanaTimeZone_IsKept(string timeZoneId)
    {
        var @event = new Event(Guid.NewGuid(), "runaways-2025", "Runaways", "", timeZoneId, TestEvent.Now);

        @event.TimeZoneId.Should().Be(timeZoneId);
        @event.TimeZone.Should().NotBeNull();
    }

    [Fact]
    public void Constructor_TimeZoneWithSpaces_IsTrimmed()
    {
        var @event = new Event(Guid.NewGuid(), "runaways-2025", "Runaways", "", "  Asia/Seoul ", TestEvent.Now);

        @event.TimeZoneId.Should().Be("Asia/Seoul");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Constructor_NoTimeZone_DefaultsToSeoul(string? timeZoneId)
    {
        var @event = new Event(Guid.NewGuid(), "runaways-2025", "Runaways", "", timeZoneId!, TestEvent.Now);

        @event.TimeZoneId.Should().Be(Event.DefaultTimeZoneId).And.Be("Asia/Seoul");
        @event.TimeZone.BaseUtcOffset.Should().Be(TimeSpan.FromHours(9));
    }

    [Fact]
    public void Constructor_WindowsTimeZoneId_IsStoredAsIana()
    {
        var @event = new Event(Guid.NewGuid(), "runaways-2025", "Runaways", "", "Korea Standard Time", TestEvent.Now);

        @event.TimeZoneId.Should().Be("Asia/Seoul");
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("Seoul")]
    [InlineData("Asia/Atlantis")]
    public void Constructor_UnknownTimeZone_ThrowsInvalidInput(string timeZoneId)
    {
        var act = () => new Event(Guid.NewGuid(), "runaways-2025", "Runaways", "", timeZoneId, TestEvent.Now);

        act.Should().Throw<InvalidInputException>()
            .WithMessage($"*\"{timeZoneId}\" is not a known IANA time zone*Asia/Seoul*")
            .Which.Field.Should().Be("time zone");
    }

    [Fact]
    public void AdvanceTo_EachPhaseInTurn_MovesForward()
    {
        var @event = TestEvent.Create(EventPhase.Setup).Event;

        @event.AdvanceTo(EventPhase.Marketplace);
        @event.Phase.Should().Be(EventPhase.Marketplace);
        @event.AdvanceTo(EventPhase.Live);
        @event.Phase.Should().Be(EventPhase.Live);
        @event.AdvanceTo(EventPhase.Archived);
        @event.Phase.Should().Be(EventPhase.Archived);
    }

    [Fact]
    public void AdvanceTo_SkippingAPhase_IsAllowed()
    {
        var @event = TestEvent.Create(EventPhase.Setup).Event;

        @event.AdvanceTo(EventPhase.Live);

        @event.Phase.Should().Be(EventPhase.Live);
    }

    [Theory]
    [InlineData(EventPhase.Marketplace, EventPhase.Setup)]
    [InlineData(EventPhase.Marketplace, EventPhase.Marketplace)]
    [InlineData(EventPhase.Live, EventPhase.Marketplace)]
    [InlineData(EventPhase.Live, EventPhase.Live)]
    [InlineData(EventPhase.Archived, EventPhase.Live)]
    [InlineData(EventPhase.Archived, EventPhase.Setup)]
    public void AdvanceTo_SameOrEarlierPhase_ThrowsAndKeepsPhase(EventPhase current, EventPhase target)
    {
        var @event = TestEvent.Create(current).Event;

        var act = () => @event.AdvanceTo(target);

        act.Should().Throw<RuleViolationException>().WithMessage($"*already {current}*cannot go back to {target}*");
        @event.Phase.Should().Be(current);
    }

    [Fact]
    public void AdvanceTo_SetupToSetup_Throws()
    {
        var @event = TestEvent.Empty();

        var act = () => @event.AdvanceTo(EventPhase.Setup);

        act.Should().Throw<RuleViolationException>();
    }

    [Theory]
    [InlineData(EventPhase.Marketplace)]
    [InlineData(EventPhase.Live)]
    [InlineData(EventPhase.Archived)]
    public void AdvanceTo_NoRoomsOrRounds_ThrowsAndStaysInSetup(EventPhase target)
    {
        var @event = TestEvent.Empty();

        var act = () => @event.AdvanceTo(target);

        act.Should().Throw<RuleViolationException>().WithMessage("*at least one room and one round*");
        @event.Phase.Should().Be(EventPhase.Setup);
    }

    [Fact]
    public void AdvanceTo_RoomsButNoRounds_Throws()
    {
        var @event = TestEvent.Empty();
        @event.AddRoom("Hall", 35);

        var act = () => @event.AdvanceTo(EventPhase.Marketplace);

        act.Should().Throw<RuleViolationException>().WithMessage("*at least one room and one round*");
        @event.Phase.Should().Be(EventPhase.Setup);
    }

    [Fact]
    public void AdvanceTo_RoundsButNoRooms_Throws()
    {
        var @event = TestEvent.Empty();
        @event.AddRound(TestEvent.Seoul(19));

        var act = () => @event.AdvanceTo(EventPhase.Marketplace);

        act.Should().Throw<RuleViolationException>().WithMessage("*at least one room and one round*");
        @event.Phase.Should().Be(EventPhase.Setup);
    }

    [Fact]
    public void AdvanceTo_OneRoomAndOneRound_OpensTheMarketplace()
    {
        var @event = TestEvent.Empty();
        @event.AddRoom("Hall", 35);
        @event.AddRound(TestEvent.Seoul(19));

        @event.AdvanceTo(EventPhase.Marketplace);

        @event.Phase.Should().Be(EventPhase.Marketplace);
    }

    [Theory]
    [InlineData(EventPhase.Setup, false)]
    [InlineData(EventPhase.Marketplace, true)]
    [InlineData(EventPhase.Live, true)]
    [InlineData(EventPhase.Archived, false)]
    public void AcceptsClaims_ByPhase_OnlyMarketplaceAndLive(EventPhase phase, bool expected)
    {
        TestEvent.Create(phase).Event.AcceptsClaims.Should().Be(expected);
    }

    [Fact]
    public void Create_DemoGrid_HasTwentyOneSlots()
    {
        var demo = TestEvent.Create();

        demo.Event.Rooms.Should().HaveCount(7);
        demo.Event.Rounds.Should().HaveCount(3);
        demo.Event.Rounds.Select(r => r.StartsAt)
            .Should().Equal(TestEvent.Utc(10), TestEvent.Utc(11), TestEvent.Utc(12));
        demo.Event.Rooms.Select(r => r.Capacity).Should().Equal(35, 12, 12, 12, 12, 12, 12);
    }
}
