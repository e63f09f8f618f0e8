using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Retro;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>The retrospective adds up the answers per session, room, round and cell, for organizers only (issue 13).</summary>
public abstract class RetroServiceTests(IDemoFixture fixture)
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_Organizer_SeesTheTalliesAndCommentsWithoutNames_OthersSeeNothing()
    {
        await using var app = await TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var claim = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Room 4"), demo.Round(3), ct: Ct);
        var session = claim.CreatedId!.Value;
        var seats = app.Services.GetRequiredService<SeatService>();
        var yuna = await app.AddPersonAsync("Yuna Retro", demo.EventId);
        (await seats.ReserveSeatAsync(yuna, demo.EventId, session, Ct)).Succeeded.Should().BeTrue();
        await using (var db = app.Store.CreateDbContext())
        {
            _time.SetUtcNow(db.Set<Round>().Single(r => r.Id == demo.Round(3)).EndsAt);
        }

        var feedback = app.Services.GetRequiredService<FeedbackService>();
        (await feedback.GiveAsync(yuna, demo.EventId, session, new FeedbackInput(4, SessionLength.TooShort, "더 이야기하고 싶었어요"), Ct)).Succeeded.Should().BeTrue();
        (await feedback.GiveAsync(demo.Person("Alex"), demo.EventId, session, new FeedbackInput(5, SessionLength.Right, null), Ct)).Succeeded.Should().BeTrue();
        var retro = app.Services.GetRequiredService<RetroService>();

        var view = await retro.GetAsync(demo.Person("Mina"), DemoEvent.Slug, Ct);

        view.Should().NotBeNull("Mina organizes the demo");
        view!.Answers.Should().Be(2);
        var rated = view.Sessions.Single(s => s.Id == session);
        rated.Tally.Should().BeEquivalentTo(new { Answers = 2, AverageRating = 4.5, TooShort = 1, Right = 1, TooLong = 0, TooShortPercent = 50 });
        rated.Comments.Should().Equal("더 이야기하고 싶었어요");
        view.Cells[(demo.Room("Room 4"), demo.Round(3))].TooShortPercent.Should().Be(50);
        view.Rounds.Single(r => r.Id == demo.Round(3)).Tally.Answers.Should().Be(2);
        view.Rooms.Single(r => r.Id == demo.Room("Room 4")).Tally.AverageRating.Should().Be(4.5);
        view.Rounds.Single(r => r.Id == demo.Round(1)).Tally.Should().Be(FeedbackTally.Empty, "nobody rated round 1");
        System.Text.Json.JsonSerializer.Serialize(view.Sessions).Should().NotContain("Yuna").And.NotContain(yuna.ToString(), "answers are anonymous");

        (await retro.GetAsync(yuna, DemoEvent.Slug, Ct)).Should().BeNull("an attendee does not see the retrospective");
        (await retro.GetAsync(demo.Person("Alex"), DemoEvent.Slug, Ct)).Should().BeNull("nor does a moderator");
        (await retro.GetAsync(null, DemoEvent.Slug, Ct)).Should().BeNull();
        (await retro.GetAsync(demo.Person("Mina"), "no-such-event", Ct)).Should().BeNull();
    }
}

public sealed class SqliteRetroServiceTests(SqliteDemoFixture fixture) : RetroServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresRetroServiceTests(PostgresDemoFixture fixture) : RetroServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
