using FluentAssertions;
using Ical.Net;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Export;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Hosting;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Export;

/// <summary>The personal calendar feed: only the person's own sessions, only with the current token.</summary>
public abstract class CalendarFeedTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Feed_OwnSessionsOnly_SeatAndModeratingYes_WaitlistAndOthersNo()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var feeds = app.Services.GetRequiredService<CalendarFeedService>();
        var moderator = await app.AddPersonAsync("Feed moderator", demo.EventId, EventRole.Moderator);
        var claim = await app.Sessions.ClaimSlotAsync(moderator, demo.EventId, demo.Card(5), demo.Room("Room 4"), demo.Round(3), ct: Ct);
        claim.Succeeded.Should().BeTrue(claim.Error);
        var seats = app.Services.GetRequiredService<SeatService>();
        (await seats.ReserveSeatAsync(moderator, demo.EventId, demo.SessionIn("Hall", 1).Id, Ct)).Succeeded.Should().BeTrue();
        var full = demo.SessionIn("Room 3", 2);
        for (var i = 0; i < 10; i++)
        {
            (await seats.ReserveSeatAsync(await app.AddPersonAsync($"Filler {i}", demo.EventId), demo.EventId, full.Id, Ct)).Succeeded.Should().BeTrue();
        }

        (await seats.ReserveSeatAsync(moderator, demo.EventId, full.Id, Ct)).Seat!.State.Should().Be(SeatState.Waitlisted);
        var (renewed, token) = await feeds.RenewAsync(moderator, demo.EventId, Ct);
        renewed.Succeeded.Should().BeTrue(renewed.Error);

        var feed = (await feeds.FeedAsync(DemoEvent.Slug, token!, Ct))?.Text;

        var calendar = Calendar.Load(feed!)!;
        calendar.Events.Select(e => e.Location).Should().BeEquivalentTo(["Room 4", "Hall"], "moderating and a seat, not the waitlist");
        calendar.Events.Select(e => e.Uid).Should().Contain($"{ScheduleIds.Session(demo.EventId, claim.CreatedId!.Value)}@runaways-alliance");
        (await feeds.TokenAsync(moderator, demo.EventId, Ct)).Should().Be(token);
    }

    [Fact]
    public async Task Feed_WrongRenewedMissingOrOtherEventToken_NoFeed()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var feeds = app.Services.GetRequiredService<CalendarFeedService>();
        var junho = demo.Person("Junho");
        var (_, first) = await feeds.RenewAsync(junho, demo.EventId, Ct);
        (await feeds.FeedAsync(DemoEvent.Slug, first!, Ct)).Should().NotBeNull();

        var (_, second) = await feeds.RenewAsync(junho, demo.EventId, Ct);

        second.Should().NotBe(first);
        (await feeds.FeedAsync(DemoEvent.Slug, first!, Ct)).Should().BeNull("a renewed address stops the old one");
        (await feeds.FeedAsync(DemoEvent.Slug, second!, Ct)).Should().NotBeNull();
        (await feeds.FeedAsync(DemoEvent.Slug, second![..^1] + (second[^1] == 'A' ? 'B' : 'A'), Ct)).Should().BeNull();
        (await feeds.FeedAsync(DemoEvent.Slug, string.Empty, Ct)).Should().BeNull();
        (await feeds.FeedAsync(DemoEvent.Slug, new string('a', 500), Ct)).Should().BeNull();
        (await feeds.FeedAsync("no-such-event", second, Ct)).Should().BeNull();
        var stranger = await app.AddPersonAsync("Stranger");
        (await feeds.RenewAsync(stranger, demo.EventId, Ct)).Result.Failure.Should().Be(ServiceFailure.Forbidden);
    }

    [Theory]
    [InlineData("/events/runaways-2025/calendar/abcDEF123_-xyz.ics", "/events/runaways-2025/calendar/***")]
    [InlineData("/join/AbC123", "/join/***")]
    [InlineData("/events/runaways-2025/schedule.ics", "/events/runaways-2025/schedule.ics")]
    public void MaskSecrets_CalendarTokensJoinCodes_NeverLogged(string path, string logged) =>
        WebHosting.MaskSecrets(path).Should().Be(logged);
}

public sealed class SqliteCalendarFeedTests(SqliteDemoFixture fixture) : CalendarFeedTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresCalendarFeedTests(PostgresDemoFixture fixture) : CalendarFeedTests(fixture), IClassFixture<PostgresDemoFixture>;
