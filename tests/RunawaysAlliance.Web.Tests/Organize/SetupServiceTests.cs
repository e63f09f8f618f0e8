using FluentAssertions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Organize;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Organize;

/// <summary>
/// Issue 11, set-up: creating an event (administrators only) from the template, and changing rooms and rounds after
/// sessions exist: the change names the sessions it touches, and each is moved or released with it, never broken.
/// </summary>
public abstract class SetupServiceTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task CreateEventAsync_AdministratorFromTheTemplate_SevenRoomsThreeRoundsAndTheCreatorOrganizes()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var admin = await AdministratorAsync(app);
        var setup = app.Setup();

        var created = await setup.CreateEventAsync(admin, new NewEventInput
        {
            Name = "겨울 런어웨이즈", Slug = "winter-2026", Venue = "성수동", Date = new DateOnly(2026, 12, 17), TimeZoneId = "Asia/Seoul",
        }, Ct);

        created.Succeeded.Should().BeTrue(created.Error);
        var view = await setup.GetAsync(admin, "winter-2026", Ct);
        view.Should().NotBeNull();
        view!.Name.Should().Be("겨울 런어웨이즈");
        view.Phase.Should().Be(EventPhase.Setup);
        view.Rooms.Should().HaveCount(7).And.ContainSingle(r => r.Capacity == 35);
        view.Rounds.Select(r => (r.Date, r.Start, r.Minutes)).Should().Equal(
            (new DateOnly(2026, 12, 17), new TimeOnly(19, 0), 45), (new DateOnly(2026, 12, 17), new TimeOnly(20, 0), 45), (new DateOnly(2026, 12, 17), new TimeOnly(21, 0), 45));
        (await setup.AdvanceAsync(admin, view.EventId, EventPhase.Marketplace, Ct)).Succeeded.Should().BeTrue();
    }

    [Theory]
    [InlineData("runaways-2025", RuleCode.SlugTaken)]
    [InlineData("new", RuleCode.SlugTaken)]
    [InlineData("Has Spaces", RuleCode.SlugShape)]
    [InlineData("ab", RuleCode.SlugShape)]
    public async Task CreateEventAsync_BadOrTakenSlug_RefusedForTheSlugFieldAndNothingStored(string slug, RuleCode code)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var admin = await AdministratorAsync(app);
        var before = await CountEventsAsync(app);

        var result = await app.Setup().CreateEventAsync(admin, new NewEventInput { Name = "Another", Slug = slug, Date = new DateOnly(2026, 12, 17) }, Ct);

        result.Succeeded.Should().BeFalse();
        result.Code.Should().Be(code);
        result.Input!.Field.Should().Be("slug");
        (await CountEventsAsync(app)).Should().Be(before);
    }

    [Fact]
    public async Task CreateEventAsync_UnknownTimeZone_RefusedAndNothingStored()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var admin = await AdministratorAsync(app);

        var result = await app.Setup().CreateEventAsync(admin, new NewEventInput { Name = "Zoned", Slug = "zoned", TimeZoneId = "Asia/Atlantis", Date = new DateOnly(2026, 12, 17) }, Ct);

        result.Code.Should().Be(RuleCode.UnknownTimeZone);
        (await CountEventsAsync(app)).Should().Be(1);
    }

    [Fact]
    public async Task CreateEventAsync_OrganizerWhoIsNoAdministrator_Forbidden()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.Setup().CreateEventAsync(demo.Person("Mina"), new NewEventInput { Name = "Mine", Slug = "mine", Date = new DateOnly(2026, 12, 17) }, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        result.Code.Should().Be(RuleCode.OnlyAdministratorsCreateEvents);
        (await CountEventsAsync(app)).Should().Be(1);
    }

    [Fact]
    public async Task PreviewAsync_RemoveARoomWithASession_NamesItWithFreeSlotsOutsideThatRoomThatFitItsSeats()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        // The demo's Room 1 holds one session, in round 1.
        var session = demo.SessionIn("Room 1", 1);
        await FillAsync(app, demo, session.Id, 3);

        var (result, affected) = await app.Setup().PreviewAsync(demo.Person("Mina"), demo.EventId, new RemoveRoom(demo.Room("Room 1")), Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        var only = affected.Should().ContainSingle().Which;
        only.SessionId.Should().Be(session.Id);
        only.Slot.Should().Be(new SlotName("Room 1", 1));
        only.SeatsTaken.Should().BeGreaterThanOrEqualTo(3);
        only.MoveTargets.Should().NotBeEmpty().And.OnlyContain(t => t.RoomId != demo.Room("Room 1") && t.Capacity >= only.SeatsTaken);
        only.MoveTargets.Should().NotContain(t => t.RoundId == demo.Round(1) && t.RoomId == demo.Room("Hall"), "the Hall is taken in round 1");
        (await app.Setup().PreviewAsync(demo.Person("Daniel"), demo.EventId, new RemoveRoom(demo.Room("Hall")), Ct)).Result.Failure.Should().Be(ServiceFailure.Forbidden);
    }

    [Fact]
    public async Task ChangeGridAsync_RemoveRoomWithoutAChoice_RefusedAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.Setup().ChangeGridAsync(demo.Person("Mina"), demo.EventId, new RemoveRoom(demo.Room("Hall")), [SessionResolution.Release(demo.SessionIn("Hall", 2).Id)], Ct);

        result.Code.Should().Be(RuleCode.GridChangeUnresolved, "the Hall's round-1 session has no choice");
        var sessions = await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct);
        sessions.Should().Contain(s => s.Id == demo.SessionIn("Hall", 1).Id && s.Status == SessionStatus.Active);
        (await app.Setup().GetAsync(demo.Person("Mina"), "runaways-2025", Ct))!.Rooms.Should().HaveCount(7);
    }

    [Fact]
    public async Task ChangeGridAsync_RemoveRoomMovingItsSession_SeatsKeptRoomGoneAndTheBoardSeesItLive()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var session = demo.SessionIn("Room 3", 2);
        var seated = await FillAsync(app, demo, session.Id, 2);
        var (_, affected) = await app.Setup().PreviewAsync(demo.Person("Mina"), demo.EventId, new RemoveRoom(demo.Room("Room 3")), Ct);
        var target = affected.Single().MoveTargets.First(t => t.RoundId == demo.Round(2));
        var seatsBefore = (await app.Boards.NewerAsync((await app.Boards.GetAsync("runaways-2025", Ct))!, Ct)).Book.SeatsIn(session.Id).Select(s => s.PersonId).ToList();
        seatsBefore.Should().Contain(seated);
        var changed = new TaskCompletionSource<Features.Board.BoardSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var live = await app.Boards.WatchAsync("runaways-2025", b => { if (b.Rooms.Count == 6) changed.TrySetResult(b); }, Ct);

        var result = await app.Setup().ChangeGridAsync(demo.Person("Mina"), demo.EventId, new RemoveRoom(demo.Room("Room 3")),
            [SessionResolution.MoveTo(session.Id, target.RoomId, target.RoundId)], Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        var board = await changed.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
        board.Rooms.Should().NotContain(r => r.Name == "Room 3");
        var moved = board.Sessions.Should().ContainSingle(s => s.Id == session.Id).Which;
        moved.RoomId.Should().Be(target.RoomId);
        moved.SeatsTaken.Should().Be(seatsBefore.Count, "everyone keeps their seat");
        board.Book.SeatsIn(session.Id).Select(s => s.PersonId).Should().BeEquivalentTo(seatsBefore);
    }

    [Fact]
    public async Task ChangeGridAsync_RemoveRoundReleasingItsSessions_CardsBackInTheMarketplaceAndReleasedHistoryLeavesWithIt()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var inRound = demo.Sessions.Where(s => s.RoundId == demo.Round(1) && s.Status == SessionStatus.Active).ToList();
        inRound.Should().NotBeEmpty();
        // A session released earlier in that round keeps a key to it: it leaves with the round.
        (await app.Sessions.ReleaseAsync(demo.Person("Mina"), demo.EventId, inRound[0].Id, Ct)).Succeeded.Should().BeTrue();
        var rest = inRound.Skip(1).Select(s => SessionResolution.Release(s.Id)).ToList();

        var result = await app.Setup().ChangeGridAsync(demo.Person("Mina"), demo.EventId, new RemoveRound(demo.Round(1)), rest, Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        await using var db = app.Store.CreateDbContext();
        (await db.Sessions.AnyAsync(s => s.RoundId == demo.Round(1), Ct)).Should().BeFalse();
        var cardIds = inRound.Select(s => s.CardId).ToList();
        (await db.Cards.Where(c => cardIds.Contains(c.Id)).ToListAsync(Ct)).Should().OnlyContain(c => c.SessionId == null);
        var view = await app.Setup().GetAsync(demo.Person("Mina"), "runaways-2025", Ct);
        view!.Rounds.Select(r => (r.Number, r.Start)).Should().Equal((1, new TimeOnly(20, 0)), (2, new TimeOnly(21, 0)));
    }

    [Fact]
    public async Task ChangeGridAsync_ReleasedSessionThereHasARecord_RefusedAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var session = demo.SessionIn("Room 1", 1);
        var records = app.Services.GetRequiredService<SessionRecordService>();
        var saved = await records.SaveAsync(demo.Person("Mina"), demo.EventId, session.Id, new RecordInput("We met and talked.", "", "", false), 0, Ct);
        saved.Result.Succeeded.Should().BeTrue(saved.Result.Error);

        var result = await app.Setup().ChangeGridAsync(demo.Person("Mina"), demo.EventId, new RemoveRoom(demo.Room("Room 1")), [SessionResolution.Release(session.Id)], Ct);

        result.Code.Should().Be(RuleCode.ReleasedSessionHasRecord);
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().Contain(s => s.Id == session.Id && s.Status == SessionStatus.Active);
    }

    [Fact]
    public async Task ChangeGridAsync_BiggerRoom_TheLongestWaitingGetTheNewSeats()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var session = demo.SessionIn("Room 3", 2);
        var capacity = (await app.Setup().GetAsync(demo.Person("Mina"), "runaways-2025", Ct))!.Rooms.Single(r => r.Name == "Room 3").Capacity;
        await FillAsync(app, demo, session.Id, capacity + 2);
        var waiting = await WaitlistAsync(app, session.Id);
        waiting.Should().HaveCountGreaterThanOrEqualTo(2);

        var result = await app.Setup().ChangeGridAsync(demo.Person("Mina"), demo.EventId, new ResizeRoom(demo.Room("Room 3"), capacity + 1), [], Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        (await WaitlistAsync(app, session.Id)).Should().Equal(waiting.Skip(1), "the person waiting longest got the one new seat");
    }

    [Fact]
    public async Task ChangeRoundAsync_LaterStart_SessionsMoveWithItAndTheExportFollows()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.Setup().ChangeRoundAsync(demo.Person("Mina"), demo.EventId, demo.Round(3), new DateOnly(2025, 12, 11), new TimeOnly(21, 15), 30, Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        var view = await app.Setup().GetAsync(demo.Person("Mina"), "runaways-2025", Ct);
        view!.Rounds[2].Should().BeEquivalentTo(new { Start = new TimeOnly(21, 15), Minutes = 30 });
        var overlap = await app.Setup().ChangeRoundAsync(demo.Person("Mina"), demo.EventId, demo.Round(3), new DateOnly(2025, 12, 11), new TimeOnly(20, 30), 45, Ct);
        overlap.Code.Should().Be(RuleCode.RoundsOverlap);
    }

    [Fact]
    public async Task ChangeDetailsAsync_OtherZone_RoundsKeepTheirClockTimes()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var result = await app.Setup().ChangeDetailsAsync(demo.Person("Mina"), demo.EventId, "Runaways Berlin", "Kreuzberg", "Europe/Berlin", Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        var view = await app.Setup().GetAsync(demo.Person("Mina"), "runaways-2025", Ct);
        view!.TimeZoneId.Should().Be("Europe/Berlin");
        view.Rounds.Select(r => r.Start).Should().Equal(new TimeOnly(19, 0), new TimeOnly(20, 0), new TimeOnly(21, 0));
    }

    [Fact]
    public async Task AdvanceAsync_Archived_ThenTheGridIsFixed()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        (await app.Setup().AdvanceAsync(demo.Person("Mina"), demo.EventId, EventPhase.Archived, Ct)).Succeeded.Should().BeTrue();

        (await app.Setup().AddRoomAsync(demo.Person("Mina"), demo.EventId, "Late room", 5, Ct)).Code.Should().Be(RuleCode.ArchivedGridFixed);
        (await app.Setup().AdvanceAsync(demo.Person("Mina"), demo.EventId, EventPhase.Live, Ct)).Code.Should().Be(RuleCode.PhaseCannotGoBack);
    }

    private static async Task<List<Guid>> FillAsync(TestApp app, DemoEventData demo, Guid sessionId, int count)
    {
        var seats = app.Services.GetRequiredService<SeatService>();
        var people = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var person = await app.AddPersonAsync($"Seat {i}", demo.EventId);
            (await seats.ReserveSeatAsync(person, demo.EventId, sessionId, Ct)).Succeeded.Should().BeTrue();
            people.Add(person);
        }

        return people;
    }

    private static async Task<List<Guid>> WaitlistAsync(TestApp app, Guid sessionId)
    {
        await using var db = app.Store.CreateDbContext();
        return await db.Set<Reservation>().AsNoTracking().Where(r => r.SessionId == sessionId && r.IsWaitlisted)
            .OrderBy(r => r.CreatedAt).Select(r => r.PersonId).ToListAsync(Ct);
    }

    private static async Task<int> CountEventsAsync(TestApp app)
    {
        await using var db = app.Store.CreateDbContext();
        return await db.Events.CountAsync(Ct);
    }

    /// <summary>A person with an account in the Administrator role, as first-time setup makes one.</summary>
    internal static async Task<Guid> AdministratorAsync(TestApp app)
    {
        var id = await app.AddPersonAsync("Admin");
        await using var db = app.Store.CreateDbContext();
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == FirstOrganizerSetup.AdministratorRole, Ct);
        if (role is null)
        {
            role = new IdentityRole<Guid>(FirstOrganizerSetup.AdministratorRole) { Id = Guid.NewGuid(), NormalizedName = "ADMINISTRATOR" };
            db.Roles.Add(role);
        }

        db.Users.Add(new AppUser { Id = id, UserName = $"admin-{id:N}", NormalizedUserName = $"ADMIN-{id:N}".ToUpperInvariant(), CreatedAt = DateTimeOffset.UtcNow });
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = id, RoleId = role.Id });
        await db.SaveChangesAsync(Ct);
        return id;
    }
}

internal static class SetupKit
{
    public static SetupService Setup(this TestApp app) => app.Services.GetRequiredService<SetupService>();
}

public sealed class SqliteSetupServiceTests(SqliteDemoFixture fixture) : SetupServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresSetupServiceTests(PostgresDemoFixture fixture) : SetupServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
