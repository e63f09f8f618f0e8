using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>
/// The session timer on a fake clock (pause, resume and extend arithmetic; the warning and end instants; a
/// restart on the same store) and the session record (conflicts reported with the other version, private until
/// published), through the services the session page calls, on both providers.
/// </summary>
public abstract class SessionTimerAndRecordTests(IDemoFixture fixture)
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 11, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Timer_StartPauseResumeExtendEnd_StoresInstantsOnTheInjectedClock()
    {
        await using var app = await StartAsync();
        var (demo, session) = await ClaimAsync(app);
        var timers = app.Services.GetRequiredService<SessionTimerService>();
        var alex = demo.Person("Alex");
        var t0 = _time.GetUtcNow();
        var changes = app.Listen(demo.EventId);

        (await timers.StartAsync(alex, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
        var started = (await timers.GetAsync(demo.EventId, session, Ct))!;
        started.State.Should().Be(TimerState.Running);
        started.EndsAt.Should().Be(t0 + (45 * Minute));
        started.WarningAt.Should().Be(t0 + (40 * Minute), "the warning shows five minutes before the end");
        started.Remaining.Should().Be(45 * Minute);

        _time.Advance(10 * Minute);
        (await timers.GetAsync(demo.EventId, session, Ct))!.Remaining.Should().Be(35 * Minute);
        (await timers.PauseAsync(alex, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
        _time.Advance(5 * Minute);
        var paused = (await timers.GetAsync(demo.EventId, session, Ct))!;
        paused.State.Should().Be(TimerState.Paused);
        paused.Remaining.Should().Be(35 * Minute, "a paused timer keeps its time");
        paused.EndsAt.Should().BeNull();

        (await timers.ExtendAsync(alex, demo.EventId, session, ct: Ct)).Succeeded.Should().BeTrue();
        (await timers.GetAsync(demo.EventId, session, Ct))!.Remaining.Should().Be(40 * Minute, "+5 while paused adds to the time left");
        (await timers.ResumeAsync(alex, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
        (await timers.GetAsync(demo.EventId, session, Ct))!.EndsAt.Should().Be(t0 + (15 * Minute) + (40 * Minute));

        _time.Advance(41 * Minute);
        var over = (await timers.GetAsync(demo.EventId, session, Ct))!;
        over.Remaining.Should().Be(TimeSpan.Zero);
        over.IsOverTime.Should().BeTrue();
        (await timers.ExtendAsync(alex, demo.EventId, session, ct: Ct)).Succeeded.Should().BeTrue();
        (await timers.GetAsync(demo.EventId, session, Ct))!.EndsAt.Should().Be(_time.GetUtcNow() + (5 * Minute), "a timer that ran out starts again from the extra time");
        _time.Advance(Minute);
        (await timers.GetAsync(demo.EventId, session, Ct))!.IsWarning.Should().BeTrue();

        (await timers.EndAsync(alex, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
        var ended = (await timers.GetAsync(demo.EventId, session, Ct))!;
        ended.State.Should().Be(TimerState.Ended);
        ended.EndedAt.Should().Be(_time.GetUtcNow());
        ended.Remaining.Should().Be(TimeSpan.Zero);
        (await timers.ExtendAsync(alex, demo.EventId, session, ct: Ct)).Code.Should().Be(RuleCode.TimerEndedNoExtension);
        changes.Received.Where(c => c.Kind == ChangeKind.Timer).Should().HaveCount(6);
    }

    [Fact]
    public async Task Timer_AttendeeAndOtherModerator_RefusedButAnOrganizerRunsIt()
    {
        await using var app = await StartAsync();
        var (demo, session) = await ClaimAsync(app);
        var timers = app.Services.GetRequiredService<SessionTimerService>();

        var attendee = await timers.StartAsync(demo.Person("Daniel"), demo.EventId, session, Ct);
        var otherModerator = await timers.StartAsync(demo.Person("Jisoo"), demo.EventId, session, Ct);

        attendee.Failure.Should().Be(ServiceFailure.Forbidden);
        otherModerator.Code.Should().Be(RuleCode.OnlySessionModeratorRunsTimer);
        (await timers.GetAsync(demo.EventId, session, Ct))!.State.Should().Be(TimerState.NotStarted);
        (await timers.StartAsync(demo.Person("Mina"), demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task Timer_SessionGaveItsSlotBack_Refused()
    {
        await using var app = await StartAsync();
        var (demo, session) = await ClaimAsync(app);
        (await app.Sessions.ReleaseAsync(demo.Person("Alex"), demo.EventId, session, Ct)).Succeeded.Should().BeTrue();

        var result = await app.Services.GetRequiredService<SessionTimerService>().StartAsync(demo.Person("Alex"), demo.EventId, session, Ct);

        result.Code.Should().Be(RuleCode.SessionGaveSlotBack);
    }

    [Fact]
    public async Task Timer_TheSharedSnapshotCarriesTheEndInstantForTheBrowsers()
    {
        await using var app = await StartAsync();
        var (demo, session) = await ClaimAsync(app);
        await app.Services.GetRequiredService<SessionTimerService>().StartAsync(demo.Person("Alex"), demo.EventId, session, Ct);

        var board = await app.Services.GetRequiredService<BoardQueries>().LoadAsync(demo.EventId, Ct);

        var view = board!.Sessions.Single(s => s.Id == session);
        view.TimerState.Should().Be(TimerState.Running);
        view.TimerEndsAt.Should().Be(_time.GetUtcNow() + (45 * Minute));
        board.Sessions.Where(s => s.Id != session).Should().OnlyContain(s => s.TimerState == TimerState.NotStarted && s.TimerRemaining == 45 * Minute);
    }

    [Fact]
    public async Task Timer_AppRestartsOnTheSameStore_GoesOnFromTheStoredEnd()
    {
        await using var database = await fixture.CreateDatabaseAsync(Ct);
        Guid eventId;
        Guid session;
        await using (var first = await TestApp.StartAsync(database, services => services.AddSingleton<TimeProvider>(_time), Ct))
        {
            var claimed = await ClaimAsync(first);
            (eventId, session) = (claimed.Demo.EventId, claimed.Session);
            (await first.Services.GetRequiredService<SessionTimerService>().StartAsync(claimed.Demo.Person("Alex"), eventId, session, Ct)).Succeeded.Should().BeTrue();
        }

        _time.Advance(10 * Minute);
        await using var second = await TestApp.StartAsync(database, services => services.AddSingleton<TimeProvider>(_time), Ct);

        var timer = (await second.Services.GetRequiredService<SessionTimerService>().GetAsync(eventId, session, Ct))!;
        timer.State.Should().Be(TimerState.Running);
        timer.Remaining.Should().Be(35 * Minute, "ten minutes passed while the app was down");
        var board = await second.Services.GetRequiredService<BoardQueries>().LoadAsync(eventId, Ct);
        board!.Sessions.Single(s => s.Id == session).TimerEndsAt.Should().Be(timer.EndsAt);
    }

    [Fact]
    public async Task Record_TwoEditorsFromTheSameRevision_TheSecondIsShownTheFirstsVersionAndNothingIsOverwritten()
    {
        await using var app = await StartAsync();
        var (demo, session) = await ClaimAsync(app);
        var records = app.Services.GetRequiredService<SessionRecordService>();

        var first = await records.SaveAsync(demo.Person("Alex"), demo.EventId, session, new RecordInput("- 가격 두 단계", "Two tiers", "Alex writes it up", true), 0, Ct);
        var second = await records.SaveAsync(demo.Person("Mina"), demo.EventId, session, new RecordInput("Mina's notes", "", "", false), 0, Ct);

        first.Result.Succeeded.Should().BeTrue(first.Result.Error);
        first.Saved!.Revision.Should().Be(1);
        first.Saved.NeedsFollowUp.Should().BeTrue();
        first.Saved.UpdatedByName.Should().Be("Alex");
        second.Result.Failure.Should().Be(ServiceFailure.Conflict);
        second.Result.Code.Should().Be(RuleCode.RecordEditedElsewhere);
        second.Theirs!.Notes.Should().Be("- 가격 두 단계");
        second.Theirs.Revision.Should().Be(1);
        var stored = await records.GetAsync(demo.Person("Alex"), demo.EventId, session, Ct);
        stored!.Notes.Should().Be("- 가격 두 단계", "the stale edit overwrote nothing");

        var mine = await records.SaveAsync(demo.Person("Mina"), demo.EventId, session, new RecordInput("Mina's notes", "", "", false), second.Theirs.Revision, Ct);
        mine.Result.Succeeded.Should().BeTrue("keeping one's version after seeing theirs is a decision");
        mine.Saved!.Revision.Should().Be(2);
    }

    [Fact]
    public async Task Record_PrivateToTheSessionsPeopleUntilAnOrganizerPublishesIt()
    {
        await using var app = await StartAsync();
        var (demo, session, haver) = await ClaimWithHaverAsync(app);
        var records = app.Services.GetRequiredService<SessionRecordService>();
        var outsider = await app.AddPersonAsync("Outsider", demo.EventId);
        (await records.SaveAsync(demo.Person("Alex"), demo.EventId, session, new RecordInput("Notes", "Outcome", "Next", false), 0, Ct)).Result.Succeeded.Should().BeTrue();

        (await records.GetAsync(outsider, demo.EventId, session, Ct)).Should().BeNull("a record is private until published");
        var haversView = await records.GetAsync(haver, demo.EventId, session, Ct);
        haversView!.Notes.Should().Be("Notes");
        haversView.CanEdit.Should().BeFalse("the haver reads, the moderators write");
        (await records.SaveAsync(haver, demo.EventId, session, new RecordInput("x", "", "", false), 1, Ct)).Result.Code.Should().Be(RuleCode.OnlySessionModeratorEditsRecord);
        (await records.SaveAsync(outsider, demo.EventId, session, new RecordInput("x", "", "", false), 1, Ct)).Result.Failure.Should().Be(ServiceFailure.Forbidden);
        (await records.PublishAsync(demo.Person("Alex"), demo.EventId, session, Ct)).Failure.Should().Be(ServiceFailure.Forbidden, "organizers publish");

        (await records.PublishAsync(demo.Person("Mina"), demo.EventId, session, Ct)).Succeeded.Should().BeTrue();

        var published = await records.GetAsync(outsider, demo.EventId, session, Ct);
        published!.Notes.Should().Be("Notes");
        published.PublishedAt.Should().Be(_time.GetUtcNow());
        published.CanEdit.Should().BeFalse();
        (await records.UnpublishAsync(demo.Person("Mina"), demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
        (await records.GetAsync(outsider, demo.EventId, session, Ct)).Should().BeNull();
    }

    [Fact]
    public async Task Publish_RecordNamesAParticipantWhoDidNotAgree_RefusedNamingThem_UntilTheyAgree()
    {
        await using var app = await StartAsync();
        var (demo, session, haver) = await ClaimWithHaverAsync(app);
        var records = app.Services.GetRequiredService<SessionRecordService>();
        var seated = await app.AddPersonAsync("Dahye", demo.EventId);
        (await app.Services.GetRequiredService<SeatService>().ReserveSeatAsync(seated, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
        var notes = new RecordInput("Dahye suggested two price tiers; Haver님 agreed. Alex will follow up.", "", "", false);
        (await records.SaveAsync(demo.Person("Alex"), demo.EventId, session, notes, 0, Ct)).Result.Succeeded.Should().BeTrue("a private record may name its people");

        var refused = await records.PublishAsync(demo.Person("Mina"), demo.EventId, session, Ct);

        refused.Code.Should().Be(RuleCode.RecordNamesWithoutConsent);
        refused.Arguments.Should().ContainSingle().Which.Should().Be("Haver, Dahye", "the moderator (Alex) is not asked; the haver and the seat holder are");
        (await records.GetAsync(demo.Person("Mina"), demo.EventId, session, Ct))!.PublishedAt.Should().BeNull();

        (await records.SetAgreesToBeNamedAsync(seated, demo.EventId, true, Ct)).Succeeded.Should().BeTrue();
        (await records.PublishAsync(demo.Person("Mina"), demo.EventId, session, Ct)).Arguments.Should().Equal("Haver");
        (await records.SetAgreesToBeNamedAsync(haver, demo.EventId, true, Ct)).Succeeded.Should().BeTrue();

        var published = await records.PublishAsync(demo.Person("Mina"), demo.EventId, session, Ct);

        published.Succeeded.Should().BeTrue(published.Error);
        var stranger = await app.AddPersonAsync("Stranger");
        (await records.SetAgreesToBeNamedAsync(stranger, demo.EventId, true, Ct)).Failure.Should().Be(ServiceFailure.Forbidden);
    }

    [Fact]
    public async Task Record_AModeratorHoldingASeat_CoModeratesTheRecord()
    {
        await using var app = await StartAsync();
        var (demo, session) = await ClaimAsync(app);
        var records = app.Services.GetRequiredService<SessionRecordService>();
        var jisoo = demo.Person("Jisoo");
        (await records.GetAsync(jisoo, demo.EventId, session, Ct)).Should().BeNull();
        (await app.Services.GetRequiredService<SeatService>().ReserveSeatAsync(jisoo, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();

        var save = await records.SaveAsync(jisoo, demo.EventId, session, new RecordInput("Co-moderator's notes", "", "", false), 0, Ct);

        save.Result.Succeeded.Should().BeTrue(save.Result.Error);
        (await records.GetAsync(jisoo, demo.EventId, session, Ct))!.CanEdit.Should().BeTrue();
    }

    private Task<TestApp> StartAsync() =>
        TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);

    // Alex claims Hall · round 3 (empty in the demo) for an unplaced demo card.
    private static async Task<(DemoEventData Demo, Guid Session)> ClaimAsync(TestApp app)
    {
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), ct: Ct);
        result.Succeeded.Should().BeTrue(result.Error);
        return (demo, result.CreatedId!.Value);
    }

    private static async Task<(DemoEventData Demo, Guid Session, Guid Haver)> ClaimWithHaverAsync(TestApp app)
    {
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var haver = await app.AddPersonAsync("Haver", demo.EventId);
        var card = await app.PostCardAsync(haver, demo.EventId);
        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, card, demo.Room("Hall"), demo.Round(3), ct: Ct);
        result.Succeeded.Should().BeTrue(result.Error);
        return (demo, result.CreatedId!.Value, haver);
    }
}

public sealed class SqliteSessionTimerAndRecordTests(SqliteDemoFixture fixture) : SessionTimerAndRecordTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresSessionTimerAndRecordTests(PostgresDemoFixture fixture) : SessionTimerAndRecordTests(fixture), IClassFixture<PostgresDemoFixture>;
