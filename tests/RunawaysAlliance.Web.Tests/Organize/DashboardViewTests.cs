using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Web.Features.Dashboard;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Organize;

/// <summary>
/// The dashboard's view of the demo evening (19:00, 20:00, 21:00 Seoul on 2025-12-11) at chosen instants: fill per
/// round, late timers, crowded sessions and moderators without a session, all from the shared snapshot.
/// </summary>
public sealed class DashboardViewTests(SqliteDemoFixture fixture) : IClassFixture<SqliteDemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset Seoul(int hour, int minute) => new(2025, 12, 11, hour, minute, 0, TimeSpan.FromHours(9));

    [Fact]
    public async Task From_TenMinutesIntoRoundOne_TimersNeverStartedAreLateAndOneEndingPastItsRoundIsOverrunning()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var timers = app.Services.GetRequiredService<SessionTimerService>();
        (await timers.StartAsync(demo.Person("Mina"), demo.EventId, demo.SessionIn("Hall", 1).Id, Ct)).Succeeded.Should().BeTrue();
        var board = await app.Boards.NewerAsync((await app.Boards.GetAsync("runaways-2025", Ct))!, Ct);

        var before = DashboardView.From(board, Seoul(19, 4));
        var view = DashboardView.From(board, Seoul(19, 10));

        // The Hall's timer was started today (the app's clock), long after its round: it will end past the round's end.
        before.Late.Should().ContainSingle("five minutes' grace after the round starts for timers never started")
            .Which.Should().Match<LateTimer>(l => l.Slot.Room == "Hall" && l.Reason == LateReason.Overrunning);
        view.Late.Where(l => l.Reason == LateReason.NotStarted).Select(l => l.Slot.Room).Should().BeEquivalentTo(["Room 1", "Room 2"]);
        view.Rounds.Select(r => (r.Round.Number, r.Filled, r.Open)).Should().Equal((1, 3, 4), (2, 2, 5), (3, 0, 7));
    }

    [Fact]
    public async Task From_WaitlistAndModerators_CrowdedSessionFlaggedAndTheOrganizerWithoutASessionListedFirst()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var seats = app.Services.GetRequiredService<SeatService>();
        var crowded = demo.SessionIn("Room 3", 2);
        for (var i = 0; i < 20; i++)
        {
            (await seats.ReserveSeatAsync(await app.AddPersonAsync($"Crowd {i}", demo.EventId), demo.EventId, crowded.Id, Ct)).Succeeded.Should().BeTrue();
        }

        var board = await app.Boards.NewerAsync((await app.Boards.GetAsync("runaways-2025", Ct))!, Ct);

        var view = DashboardView.From(board, Seoul(18, 0));

        var first = view.Crowded.Should().ContainSingle().Which;
        first.Session.Id.Should().Be(crowded.Id);
        first.IsLong.Should().BeTrue();
        first.Session.Waitlisted.Should().BeGreaterThanOrEqualTo(DashboardView.LongWaitlist);
        view.Moderators.First().Name.Should().Be("Mina", "the organizer moderates nothing yet");
        view.Moderators.First().Slots.Should().BeEmpty();
        view.Moderators.Single(m => m.Name == "Junho").Slots.Should().HaveCount(2, "Junho moderates the Hall in rounds 1 and 2");
        view.UnplacedByOffers.Should().HaveCount(5);
        view.UnplacedByOffers.Select(c => c.OfferCount).Should().BeInDescendingOrder();
    }
}
