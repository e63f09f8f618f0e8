using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Export;
using RunawaysAlliance.Web.Features.FollowUps;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>
/// Follow-ups (issue 13) through the service, on both providers: who starts one, whom it invites, the answers and
/// the poll, who sees it, and that it reaches the invitee's calendar feed once accepted.
/// </summary>
public abstract class FollowUpServiceTests(IDemoFixture fixture)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Moderator_StartsFollowUp_InviteeAccepts_StarterChooses_FeedShowsIt()
    {
        await using var app = await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);
        var (demo, session, haver, helper) = await app.SessionWithHaverAndHelperAsync("FollowUp");
        var followUps = app.Services.GetRequiredService<FollowUpService>();
        var moderator = demo.Person("Alex");
        var draft = await followUps.DraftAsync(moderator, demo.EventId, session, Ct);
        draft.Should().NotBeNull();
        draft!.Candidates.Select(c => c.PersonId).Should().BeEquivalentTo([haver, helper]);
        (await followUps.DraftAsync(helper, demo.EventId, session, Ct)).Should().BeNull("a seat holder does not start one");

        var week = DateTime.SpecifyKind(new DateTime(2030, 3, 12, 19, 0, 0), DateTimeKind.Unspecified);
        var started = await followUps.StartAsync(moderator, demo.EventId, session,
            new FollowUpInput("번아웃 2부", "성수 카페", "https://meet.example.org/x", 90, [week, week.AddDays(1)], [haver, helper]), Ct);
        started.Succeeded.Should().BeTrue(started.Error);
        var id = started.CreatedId!.Value;

        var seen = await followUps.GetAsync(helper, demo.EventId, id, Ct);
        seen!.Times.Should().HaveCount(2);
        seen.Times[0].StartsAt.Should().Be(new DateTimeOffset(2030, 3, 12, 10, 0, 0, TimeSpan.Zero), "19:00 in Seoul");
        seen.MyAnswer.Should().Be(FollowUpAnswer.Pending);
        (await followUps.MineAsync(helper, demo.EventId, Ct)).Should().ContainSingle().Which.Id.Should().Be(id);

        var stranger = await app.AddPersonAsync("Stranger FollowUp", demo.EventId);
        (await followUps.GetAsync(stranger, demo.EventId, id, Ct)).Should().BeNull("only its people and the organizers see it");
        (await followUps.AcceptAsync(stranger, demo.EventId, id, [0], Ct)).Failure.Should().Be(ServiceFailure.NotFound);
        (await followUps.GetAsync(demo.Person("Mina"), demo.EventId, id, Ct)).Should().NotBeNull("organizers see every follow-up");

        (await followUps.AcceptAsync(helper, demo.EventId, id, [], Ct)).Code.Should().Be(RuleCode.FollowUpPickATime);
        (await followUps.AcceptAsync(helper, demo.EventId, id, [1], Ct)).Succeeded.Should().BeTrue();
        (await followUps.IgnoreAsync(haver, demo.EventId, id, Ct)).Succeeded.Should().BeTrue();
        (await followUps.ChooseTimeAsync(helper, demo.EventId, id, 1, Ct)).Code.Should().Be(RuleCode.OnlyStarterChoosesTime);

        var token = (await app.Services.GetRequiredService<CalendarFeedService>().RenewAsync(helper, demo.EventId, Ct)).Token!;
        var tentative = await app.Services.GetRequiredService<CalendarFeedService>().FeedAsync(RunawaysAlliance.Data.Seeding.DemoEvent.Slug, token, Ct);
        tentative!.Text.Should().Contain("SUMMARY:번아웃 2부").And.Contain("STATUS:TENTATIVE").And.Contain("DTSTART;TZID=Asia/Seoul:20300313T190000")
            .And.NotContain("20300312T190000", "only the times they ticked");

        (await followUps.ChooseTimeAsync(moderator, demo.EventId, id, 1, Ct)).Succeeded.Should().BeTrue();
        var view = await followUps.GetAsync(helper, demo.EventId, id, Ct);
        view!.ChosenTime.Should().Be(new DateTimeOffset(2030, 3, 13, 10, 0, 0, TimeSpan.Zero));
        view.Times[1].Votes.Should().Be(1);
        view.Invitees.Single(i => i.PersonId == haver).Answer.Should().Be(FollowUpAnswer.Ignored);
        var confirmed = await app.Services.GetRequiredService<CalendarFeedService>().FeedAsync(RunawaysAlliance.Data.Seeding.DemoEvent.Slug, token, Ct);
        confirmed!.Text.Should().Contain("STATUS:CONFIRMED").And.Contain("DTEND;TZID=Asia/Seoul:20300313T203000").And.Contain("LOCATION:성수 카페");

        var haverToken = (await app.Services.GetRequiredService<CalendarFeedService>().RenewAsync(haver, demo.EventId, Ct)).Token!;
        (await app.Services.GetRequiredService<CalendarFeedService>().FeedAsync(RunawaysAlliance.Data.Seeding.DemoEvent.Slug, haverToken, Ct))!.Text
            .Should().NotContain("번아웃 2부", "an ignored invitation stays out of the calendar");
    }

    [Fact]
    public async Task Start_Refusals_AreMessages_AndNothingIsSaved()
    {
        await using var app = await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);
        var (demo, session, haver, helper) = await app.SessionWithHaverAndHelperAsync("FollowUp");
        var followUps = app.Services.GetRequiredService<FollowUpService>();
        var later = new DateTime(2030, 1, 1, 19, 0, 0);
        FollowUpInput Input(string? place = "Room", IReadOnlyList<Guid>? invitees = null, IReadOnlyList<DateTime>? times = null, string? link = null) =>
            new("Part 2", place, link, 60, times ?? [later], invitees ?? [helper]);

        (await followUps.StartAsync(helper, demo.EventId, session, Input(), Ct)).Code.Should().Be(RuleCode.OnlySessionPeopleStartFollowUp);
        (await followUps.StartAsync(haver, demo.EventId, session, Input(invitees: [demo.Person("Mina")]), Ct)).Code.Should().Be(RuleCode.FollowUpOnlyForParticipants);
        (await followUps.StartAsync(haver, demo.EventId, session, Input(place: " "), Ct)).Input!.Field.Should().Be("place");
        (await followUps.StartAsync(haver, demo.EventId, session, Input(link: "javascript:alert(1)"), Ct)).Code.Should().Be(RuleCode.FollowUpLinkInvalid);
        (await followUps.StartAsync(haver, demo.EventId, session, Input(times: [new DateTime(2019, 1, 1, 19, 0, 0)]), Ct)).Code.Should().Be(RuleCode.FollowUpTimeInPast);
        (await followUps.StartAsync(haver, demo.EventId, session, Input(times: [new DateTime(2030, 3, 1, 0, 0, 0)]), Ct)).Succeeded.Should().BeTrue("the haver may start one");
        var outsider = await app.AddPersonAsync("Outsider FollowUp");
        (await followUps.StartAsync(outsider, demo.EventId, session, Input(), Ct)).Failure.Should().Be(ServiceFailure.Forbidden);

        await using var db = app.Store.CreateDbContext();
        (await db.Set<FollowUp>().CountAsync(f => f.SessionId == session, Ct)).Should().Be(1, "only the accepted one was saved");
    }
}

public sealed class SqliteFollowUpServiceTests(SqliteDemoFixture fixture) : FollowUpServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresFollowUpServiceTests(PostgresDemoFixture fixture) : FollowUpServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
