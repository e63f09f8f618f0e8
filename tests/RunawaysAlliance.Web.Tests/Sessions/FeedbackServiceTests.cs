using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.People;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;
using RunawaysAlliance.Web.Tests.People;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>
/// Feedback after a session (issue 13) through the service the pages call, on both providers: who may rate, when,
/// what is stored, and that a refusal stores nothing.
/// </summary>
public abstract class FeedbackServiceTests(IDemoFixture fixture)
{
    // Earlier than any demo round, so that the test moves the clock to the end of the round it needs.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Give_SeatedPersonAfterTheRound_StoredAndShownBack_AndGivingAgainReplacesIt()
    {
        await using var app = await StartAsync();
        var (demo, session, seated) = await ClaimWithSeatAsync(app);
        var feedback = app.Services.GetRequiredService<FeedbackService>();
        (await feedback.MineAsync(seated, demo.EventId, session, Ct)).CanGive.Should().BeFalse("the round has not ended");
        await MoveToRoundEndAsync(app, session);

        var given = await feedback.GiveAsync(seated, demo.EventId, session, new FeedbackInput(4, SessionLength.TooShort, "45분은 짧았어요"), Ct);
        var again = await feedback.GiveAsync(seated, demo.EventId, session, new FeedbackInput(5, SessionLength.TooShort, "45분은 짧았어요 — but great"), Ct);

        given.Succeeded.Should().BeTrue(given.Error);
        again.Succeeded.Should().BeTrue(again.Error);
        (await feedback.MineAsync(seated, demo.EventId, session, Ct)).Should().Be(new MyFeedback(true, 5, SessionLength.TooShort, "45분은 짧았어요 — but great"));
        await using var db = app.Store.CreateDbContext();
        var stored = await db.Set<SessionFeedback>().AsNoTracking().Where(f => f.SessionId == session).ToListAsync(Ct);
        stored.Should().ContainSingle().Which.Should().BeEquivalentTo(new { PersonId = seated, Rating = 5, Length = SessionLength.TooShort });
    }

    [Fact]
    public async Task Give_BeforeTheEnd_NotAParticipant_OrOutOfRange_RefusedAndNothingStored()
    {
        await using var app = await StartAsync();
        var (demo, session, seated) = await ClaimWithSeatAsync(app);
        var feedback = app.Services.GetRequiredService<FeedbackService>();
        var early = await feedback.GiveAsync(seated, demo.EventId, session, new FeedbackInput(4, null, null), Ct);
        await MoveToRoundEndAsync(app, session);
        var bystander = await app.AddPersonAsync("Bystander", demo.EventId);
        var stranger = await app.AddPersonAsync("Stranger");

        var notThere = await feedback.GiveAsync(bystander, demo.EventId, session, new FeedbackInput(4, null, null), Ct);
        var notMember = await feedback.GiveAsync(stranger, demo.EventId, session, new FeedbackInput(4, null, null), Ct);
        var zero = await feedback.GiveAsync(seated, demo.EventId, session, new FeedbackInput(0, null, null), Ct);
        var tooLong = await feedback.GiveAsync(seated, demo.EventId, session, new FeedbackInput(3, null, new string('x', SessionFeedback.CommentMaxLength + 1)), Ct);

        early.Code.Should().Be(RuleCode.FeedbackBeforeEnd);
        notThere.Code.Should().Be(RuleCode.OnlyParticipantsRate);
        (await feedback.MineAsync(bystander, demo.EventId, session, Ct)).Should().Be(MyFeedback.None);
        notMember.Failure.Should().Be(ServiceFailure.Forbidden);
        zero.Code.Should().Be(RuleCode.RatingOutOfRange);
        tooLong.Code.Should().Be(RuleCode.InputTooLong);
        await using var db = app.Store.CreateDbContext();
        (await db.Set<SessionFeedback>().CountAsync(f => f.SessionId == session, Ct)).Should().Be(0);
    }

    [Fact]
    public async Task DeleteAccount_RemovesThePersonsFeedback_AndTheirExportListedItBefore()
    {
        await using var app = await StartAsync();
        var (demo, session, seated) = await ClaimWithSeatAsync(app);
        await MoveToRoundEndAsync(app, session);
        var feedback = app.Services.GetRequiredService<FeedbackService>();
        (await feedback.GiveAsync(seated, demo.EventId, session, new FeedbackInput(2, SessionLength.TooLong, "private words"), Ct)).Succeeded.Should().BeTrue();
        (await feedback.GiveAsync(demo.Person("Alex"), demo.EventId, session, new FeedbackInput(5, SessionLength.Right, null), Ct)).Succeeded.Should().BeTrue();

        var export = await app.PersonalData().ExportAsync(seated, Ct);
        var deleted = await app.PersonalData().DeleteAccountAsync(seated, CardsOnDelete.KeepAnonymously, Ct);

        System.Text.Encoding.UTF8.GetString(export!.Content).Should().Contain("private words").And.Contain("\"rating\": 2");
        deleted.Succeeded.Should().BeTrue(deleted.Error);
        await using var db = app.Store.CreateDbContext();
        var left = await db.Set<SessionFeedback>().AsNoTracking().Where(f => f.SessionId == session).ToListAsync(Ct);
        left.Should().ContainSingle().Which.PersonId.Should().Be(demo.Person("Alex"), "only the deleted person's feedback goes");
    }

    private Task<TestApp> StartAsync() =>
        TestApp.StartAsync(fixture, services => services.AddSingleton<TimeProvider>(_time), Ct);

    // Alex claims Hall · round 3 for an unplaced demo card; a new attendee takes a seat.
    private static async Task<(DemoEventData Demo, Guid Session, Guid Seated)> ClaimWithSeatAsync(TestApp app)
    {
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var claim = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), ct: Ct);
        claim.Succeeded.Should().BeTrue(claim.Error);
        var seated = await app.AddPersonAsync("Seated", demo.EventId);
        var seat = await app.Services.GetRequiredService<SeatService>().ReserveSeatAsync(seated, demo.EventId, claim.CreatedId!.Value, Ct);
        seat.Succeeded.Should().BeTrue(seat.Error);
        return (demo, claim.CreatedId!.Value, seated);
    }

    private async Task MoveToRoundEndAsync(TestApp app, Guid sessionId)
    {
        await using var db = app.Store.CreateDbContext();
        var round = await db.Sessions.Where(s => s.Id == sessionId).Join(db.Set<Round>(), s => s.RoundId, r => r.Id, (s, r) => r).SingleAsync(Ct);
        _time.SetUtcNow(round.EndsAt);
    }
}

public sealed class SqliteFeedbackServiceTests(SqliteDemoFixture fixture) : FeedbackServiceTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresFeedbackServiceTests(PostgresDemoFixture fixture) : FeedbackServiceTests(fixture), IClassFixture<PostgresDemoFixture>;
