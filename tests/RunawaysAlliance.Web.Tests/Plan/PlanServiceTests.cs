using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Planning;
using RunawaysAlliance.Web.Features.Plan;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Tests.Plan;

/// <summary>
/// "Suggest an arrangement" on the demo event in a real store: organizers only, a preview that breaks no rule,
/// an apply that creates exactly what was previewed, and an apply after a change that applies nothing and says why.
/// </summary>
public abstract class PlanServiceTests(IDemoFixture fixture)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static readonly string[] DemoModerators = ["Junho", "Seoyeon", "Alex", "Jisoo"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Daniel")]
    [InlineData("Junho")]
    public async Task SuggestAndApply_NotAnOrganizer_ForbiddenAndNothingChanges(string who)
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var plans = Plans(app);
        var (_, preview) = await plans.SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: false, Ct);

        var (suggested, none) = await plans.SuggestAsync(demo.Person(who), demo.EventId, Limit, movePlaced: false, Ct);
        var applied = await plans.ApplyAsync(demo.Person(who), preview!, Ct);

        suggested.Failure.Should().Be(ServiceFailure.Forbidden);
        none.Should().BeNull();
        applied.Failure.Should().Be(ServiceFailure.Forbidden);
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().BeEquivalentTo(demo.Sessions);
    }

    [Fact]
    public async Task SuggestAsync_WhileAPlanForTheEventIsBeingWorkedOut_RefusedForOrganizersForbiddenForOthers_ThenRunsAgain()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var plans = Plans(app);
        var runs = app.Services.GetRequiredService<PlannerRuns>();

        ServiceResult second, outsider;
        using (var first = runs.TryStart(demo.EventId))
        {
            first.Should().NotBeNull();
            runs.TryStart(demo.EventId).Should().BeNull("one run per event");
            (second, var none) = await plans.SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: false, Ct);
            (outsider, _) = await plans.SuggestAsync(demo.Person("Daniel"), demo.EventId, Limit, movePlaced: false, Ct);
            none.Should().BeNull();
        }

        var (after, preview) = await plans.SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: false, Ct);

        second.Code.Should().Be(RuleCode.PlanAlreadyRunning);
        outsider.Failure.Should().Be(ServiceFailure.Forbidden, "only organizers learn that a plan is being worked out");
        after.Should().Be(ServiceResult.Ok);
        preview.Should().NotBeNull();
        runs.IsRunning(demo.EventId).Should().BeFalse("a finished run frees the event");
    }

    [Fact]
    public async Task SuggestAsync_DemoEvent_PlacesWaitingCardsInFreeSlotsWithVolunteerModeratorsProvenBest()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var (result, preview) = await Plans(app).SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: false, Ct);

        result.Should().Be(ServiceResult.Ok);
        preview!.Status.Should().Be(PlanStatus.Optimal);
        preview.Changes.Should().NotBeEmpty();
        preview.Changes.Should().OnlyContain(c => c.FromSessionId == null, "placed sessions stay unless the organizer lets them move");
        var taken = demo.Sessions.Where(s => s.Status == SessionStatus.Active).Select(s => (s.RoomId, s.RoundId)).ToHashSet();
        preview.Changes.Where(c => taken.Contains((c.RoomId, c.RoundId))).Should().BeEmpty("fixed sessions keep their slots");
        preview.Changes.Select(c => (c.RoomId, c.RoundId)).Should().OnlyHaveUniqueItems();
        var moderators = DemoModerators.Select(demo.Person).ToHashSet();
        preview.Changes.Should().OnlyContain(c => moderators.Contains(c.ModeratorId));
        preview.After.Objective.Should().BeGreaterThanOrEqualTo(preview.Greedy.Objective);
        preview.After.Placed.Should().Be(preview.Before.Placed + preview.Changes.Count);
    }

    [Fact]
    public async Task ApplyAsync_FreshPreview_CreatesExactlyThePreviewedSessionsAndAnnouncesThem()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var plans = Plans(app);
        var (_, preview) = await plans.SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: false, Ct);
        var changes = app.Listen(demo.EventId);

        var result = await plans.ApplyAsync(demo.Person("Mina"), preview!, Ct);

        result.Should().Be(ServiceResult.Ok);
        var active = (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Where(s => s.Status == SessionStatus.Active).ToList();
        active.Should().HaveCount(demo.Sessions.Count(s => s.Status == SessionStatus.Active) + preview!.Changes.Count);
        foreach (var c in preview.Changes)
        {
            active.Should().ContainSingle(s => s.CardId == c.CardId && s.RoomId == c.RoomId && s.RoundId == c.RoundId && s.ModeratorId == c.ModeratorId);
        }

        changes.Received.Should().Contain(e => e.Kind == ChangeKind.Session);
    }

    [Fact]
    public async Task ApplyAsync_SlotClaimedSinceThePreview_AppliesNothingAndNamesWhoClaimedWhat()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var plans = Plans(app);
        var (_, preview) = await plans.SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: false, Ct);
        var planned = preview!.Changes[0];
        // The moderator the planner picked claims that slot by hand before the organizer applies.
        (await app.Sessions.ClaimSlotAsync(planned.ModeratorId, demo.EventId, planned.CardId, planned.RoomId, planned.RoundId, ct: Ct)).Succeeded.Should().BeTrue();
        var before = await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct);

        var result = await plans.ApplyAsync(demo.Person("Mina"), preview, Ct);

        result.Failure.Should().Be(ServiceFailure.Rule);
        result.Error.Should().StartWith(PlanMessages.ChangedPrefix).And.Contain($"{planned.RoomName} · Round {planned.RoundNumber} was just claimed by {planned.ModeratorName}. Suggest again.");
        (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task SuggestAsync_MovePlaced_SessionsWithReservedSeatsNeverMove()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await using var db = app.Store.CreateDbContext();
        var reserved = await db.Sessions.Where(s => s.EventId == demo.EventId && s.Reservations.Any()).Select(s => s.Id).ToListAsync(Ct);

        var (_, preview) = await Plans(app).SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: true, Ct);

        reserved.Should().NotBeEmpty("the demo has sessions with reserved seats");
        preview!.Changes.Should().NotContain(c => c.FromSessionId != null && reserved.Contains(c.FromSessionId.Value));
    }

    [Fact]
    public async Task ApplyAsync_MovePlacedPreview_MovesAndPlacesInOneStepAndBreaksNoRule()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        await using (var db = app.Store.CreateDbContext())
        {
            // Free every session of its seats so that the planner may move all of them.
            await db.Set<Reservation>().ExecuteDeleteAsync(Ct);
        }

        var plans = Plans(app);
        var (_, preview) = await plans.SuggestAsync(demo.Person("Mina"), demo.EventId, Limit, movePlaced: true, Ct);

        var result = await plans.ApplyAsync(demo.Person("Mina"), preview!, Ct);

        result.Should().Be(ServiceResult.Ok);
        var active = (await DemoEventData.ReadSessionsAsync(app.Store, demo.EventId, Ct)).Where(s => s.Status == SessionStatus.Active).ToList();
        active.Should().HaveCount(preview!.After.Placed);
        active.Select(s => (s.RoomId, s.RoundId)).Should().OnlyHaveUniqueItems();
        active.Select(s => s.CardId).Should().OnlyHaveUniqueItems();
        active.GroupBy(s => s.RoundId).Should().OnlyContain(g => g.Select(s => s.ModeratorId).Distinct().Count() == g.Count());
    }

    private static PlanService Plans(TestApp app) => app.Services.GetRequiredService<PlanService>();
}

public sealed class SqlitePlanServiceTests(SqliteDemoFixture fixture) : PlanServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresPlanServiceTests(PostgresDemoFixture fixture) : PlanServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
