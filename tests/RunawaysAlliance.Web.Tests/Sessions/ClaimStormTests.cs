using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.ClaimStorms;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>
/// Issue 12: 200 moderators claim the demo's open slots at the same moment on PostgreSQL. Exactly one claim wins each
/// slot, nothing is booked twice, and every other claim is refused with a reason a person can act on. (How long the
/// claims take is measured by the benchmark, never asserted here.)
/// </summary>
public sealed class ClaimStormTests(PostgresDemoFixture fixture) : IClassFixture<PostgresDemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoHundredConcurrentClaims_OneWinnerPerOpenSlot_NoDoubleBooking_EveryLoserToldWhy()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (moderators, cards) = await ClaimStorm.PrepareAsync(app.Store, demo.EventId, 200, Ct);
        var open = await ClaimStorm.OpenSlotsAsync(app.Store, demo.EventId, Ct);
        open.Should().HaveCount(16, "the demo places 5 of its 21 slots");

        var outcomes = await ClaimStorm.RunAsync(app.Sessions, demo.EventId, open, moderators, cards, Ct);

        (await ClaimStorm.DoubleBookingsAsync(app.Store, demo.EventId, Ct)).Should().BeEmpty();
        var won = outcomes.Where(o => o.Result.Succeeded).ToList();
        won.Select(o => (o.RoomId, o.RoundId)).Should().OnlyHaveUniqueItems().And.HaveCount(16, "every open slot was aimed at and exactly one claim won it");
        var refusals = outcomes.Where(o => !o.Result.Succeeded).Select(o => o.Result.Code).ToList();
        refusals.Should().HaveCount(200 - 16).And.OnlyContain(code => code == RuleCode.SlotTaken || code == RuleCode.SlotTakenBy,
            "a lost race names the slot (and who won it), never a store error");
        await using var db = app.Store.CreateDbContext();
        (await db.ActiveSessionsOf(demo.EventId).CountAsync(Ct)).Should().Be(21);
        (await db.Cards.Where(c => cards.Contains(c.Id) && c.SessionId != null).CountAsync(Ct)).Should().Be(16);
        outcomes.Where(o => o.Result.Succeeded).Should().OnlyContain(o => o.Result.CreatedId != null);
    }
}
