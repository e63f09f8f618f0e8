using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// Claiming and releasing slots through the service the UI calls, on the demo event in a real database: the
/// service authorizes every call itself, and a refusal changes nothing and announces nothing.
/// </summary>
public abstract class SessionServiceTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Daniel")]
    [InlineData("서연")]
    public async Task ClaimSlotAsync_Attendee_ForbiddenAndNothingChanges(string attendee)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);

        var result = await app.Sessions.ClaimSlotAsync(demo.Person(attendee), demo.EventId, demo.Card(6), demo.Room("Hall"), demo.Round(3), ct: Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Error.Should().NotBeNullOrWhiteSpace();
        await ShouldBeUnchangedAsync(app, demo);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task ClaimSlotAsync_UnknownPerson_ForbiddenAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);

        var result = await app.Sessions.ClaimSlotAsync(Guid.NewGuid(), demo.EventId, demo.Card(6), demo.Room("Hall"), demo.Round(3), ct: Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Forbidden);
        await ShouldBeUnchangedAsync(app, demo);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task ClaimSlotAsync_ModeratorFreeSlotUnplacedCard_CreatesSessionAndAnnouncesIt()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);

        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), ct: Ct);

        result.Succeeded.Should().BeTrue();
        result.CreatedId.Should().NotBeNull();
        var sessions = await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct);
        sessions.Should().HaveCount(demo.Sessions.Count + 1);
        var created = sessions.Should().ContainSingle(s => s.CardId == demo.Card(5)).Subject;
        created.Should().BeEquivalentTo(new
        {
            RoomId = demo.Room("Hall"),
            RoundId = demo.Round(3),
            ModeratorId = demo.Person("Alex"),
            Status = SessionStatus.Active,
        });
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Session, created.Id));
    }

    [Fact]
    public async Task ClaimSlotAsync_Organizer_CreatesSession()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Mina"), demo.EventId, demo.Card(7), demo.Room("Room 6"), demo.Round(1), ct: Ct);

        result.Succeeded.Should().BeTrue();
        result.CreatedId.Should().NotBeNull();
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().ContainSingle(s => s.CardId == demo.Card(7));
    }

    [Fact]
    public async Task ClaimSlotAsync_OccupiedSlot_RejectedNamingTheSlotAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);

        // Junho holds Hall · Round 1; Jisoo is free in round 1 and the card is not placed.
        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Jisoo"), demo.EventId, demo.Card(6), demo.Room("Hall"), demo.Round(1), ct: Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().StartWith("Hall · Round 1 was just claimed by");
        await ShouldBeUnchangedAsync(app, demo);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task ClaimSlotAsync_TwoModeratorsRaceForOneSlot_OneWinsTheOtherIsToldWhy()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var results = await Task.WhenAll(
            app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), ct: Ct),
            app.Sessions.ClaimSlotAsync(demo.Person("Jisoo"), demo.EventId, demo.Card(6), demo.Room("Hall"), demo.Round(3), ct: Ct));

        results.Should().ContainSingle(r => r.Succeeded);
        var loser = results.Should().ContainSingle(r => !r.Succeeded).Subject;
        loser.Failure.Should().Be(ServiceFailure.Rule);
        loser.Error.Should().StartWith("Hall · Round 3 was just claimed by");
        var sessions = await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct);
        sessions.Where(s => s.RoomId == demo.Room("Hall") && s.RoundId == demo.Round(3)).Should().ContainSingle();
    }

    [Theory]
    [InlineData("Seoyeon")]
    [InlineData("Jisoo")]
    [InlineData("Daniel")]
    public async Task ReleaseAsync_NeitherTheSessionsModeratorNorAnOrganizer_ForbiddenAndNothingChanges(string caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);
        var junhos = demo.SessionIn("Hall", 1);

        var result = await app.Sessions.ReleaseAsync(demo.Person(caller), demo.EventId, junhos.Id, Ct);

        result.Succeeded.Should().BeFalse();
        result.Failure.Should().Be(ServiceFailure.Forbidden);
        await ShouldBeUnchangedAsync(app, demo);
        changes.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task ReleaseAsync_UnknownPerson_ForbiddenAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.Sessions.ReleaseAsync(Guid.NewGuid(), demo.EventId, demo.SessionIn("Hall", 1).Id, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        await ShouldBeUnchangedAsync(app, demo);
    }

    [Theory]
    [InlineData("Junho")]
    [InlineData("Mina")]
    public async Task ReleaseAsync_SessionsModeratorOrOrganizer_ReleasesAndAnnounces(string caller)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var changes = app.Listen(demo.EventId);
        var junhos = demo.SessionIn("Hall", 1);

        var result = await app.Sessions.ReleaseAsync(demo.Person(caller), demo.EventId, junhos.Id, Ct);

        result.Should().Be(ServiceResult.Ok);
        var sessions = await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct);
        sessions.Should().HaveCount(demo.Sessions.Count, "a released session is kept for history");
        sessions.Single(s => s.Id == junhos.Id).Status.Should().Be(SessionStatus.Released);
        sessions.Where(s => s.Id != junhos.Id).Should().BeEquivalentTo(demo.Sessions.Where(s => s.Id != junhos.Id));
        changes.Received.Should().ContainSingle().Which.Should().Be(new EventChange(demo.EventId, ChangeKind.Session, junhos.Id));
    }

    [Fact]
    public async Task ReleaseAsync_ThenClaimAgain_SlotIsFreeForAnotherModerator()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        (await app.Sessions.ReleaseAsync(demo.Person("Junho"), demo.EventId, demo.SessionIn("Hall", 1).Id, Ct)).Should().Be(ServiceResult.Ok);

        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Jisoo"), demo.EventId, demo.Card(6), demo.Room("Hall"), demo.Round(1), ct: Ct);

        result.Succeeded.Should().BeTrue();
        result.CreatedId.Should().NotBeNull();
    }

    private static async Task ShouldBeUnchangedAsync(TestApp app, DemoEventData demo) =>
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().Equal(demo.Sessions);
}
