using System.Text.Json;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Schedule;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Schedule;

/// <summary>The published schedule of the demo event: rooms, rounds as instants, sessions with seat counts, nothing private.</summary>
public abstract class ScheduleQueriesTests(IDemoFixture fixture)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task LoadAsync_DemoEvent_RoomsRoundsAsInstantsAndSessionsWithSeats()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var eunji = await app.AddPersonAsync("Eunji", demo.EventId);
        (await app.ReserveSeatAsync(demo.SessionIn("Room 3", 2).Id, demo.Person("서연"))).Should().BeFalse("the eighth seat is free");
        (await app.ReserveSeatAsync(demo.SessionIn("Room 3", 2).Id, eunji)).Should().BeTrue("the room is full");

        var schedule = await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync(DemoEvent.Slug, Ct);

        schedule.Should().NotBeNull();
        schedule!.EventId.Should().Be(demo.EventId);
        schedule.TimeZoneId.Should().Be("Asia/Seoul");
        schedule.Rooms.Select(r => r.Name).Should().Equal("Hall", "Room 1", "Room 2", "Room 3", "Room 4", "Room 5", "Room 6");
        schedule.Rounds.Select(r => (r.Number, r.StartsAt, r.EndsAt)).Should().Equal(
            (1, At(19, 00), At(19, 45)), (2, At(20, 00), At(20, 45)), (3, At(21, 00), At(21, 45)));
        schedule.Rounds.Select(r => schedule.Clock.Time(r.StartsAt)).Should().Equal("19:00", "20:00", "21:00");
        schedule.Sessions.Should().HaveCount(5);
        schedule.SessionIn(demo.Room("Room 3"), demo.Round(2)).Should().BeEquivalentTo(new
        {
            CardId = demo.Card(4),
            ModeratorName = "Jisoo",
            ModeratorId = demo.Person("Jisoo"),
            SeatsTaken = 8,
            Waitlisted = 1,
            Capacity = 8,
            IsFull = true,
        });
    }

    [Fact]
    public async Task LoadAsync_DemoEvent_HoldsNothingPrivate()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.AsNoTracking().SingleAsync(e => e.Slug == DemoEvent.Slug, Ct);
        // Jisoo moderates a session, so her name is in the schedule; her contact details must not be.
        var jisoo = await db.People.SingleAsync(p => p.DisplayName == "Jisoo", Ct);
        jisoo.SetContact(ContactDetails.Create("jisoo.private@example.org", "+82 10 5555 0101", "jisoo_dm", null), ContactChannels.All);
        await db.SaveChangesAsync(Ct);

        var schedule = await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync(DemoEvent.Slug, Ct);

        schedule.Should().NotBeNull();
        var everything = JsonSerializer.Serialize(new { schedule!.EventId, schedule.Slug, schedule.Name, schedule.Venue, schedule.Rooms, schedule.Rounds, schedule.Sessions });
        everything.Should().NotContain(evt.JoinCode).And.NotContain(evt.ModeratorInviteCode);
        everything.Should().Contain("Jisoo");
        everything.Should().NotContain("jisoo.private").And.NotContain("5555 0101").And.NotContain("jisoo_dm");
    }

    [Fact]
    public async Task LoadAsync_UnknownSlug_Null()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);

        (await app.Services.GetRequiredService<ScheduleQueries>().LoadAsync("no-such-event", Ct)).Should().BeNull();
    }

    /// <summary>An instant of the demo evening (2025-12-11 in Seoul).</summary>
    private static DateTimeOffset At(int hour, int minute) => new(2025, 12, 11, hour, minute, 0, TimeSpan.FromHours(9));
}
