using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data.Migrations;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The session aggregate in the store (ADR 0010): its slot, seats, timer and record are separate rows with
/// separate tokens, so changes to different parts made at the same instant all commit, and changes to the
/// same part have exactly one winner. Run against both providers.
/// </summary>
public abstract class SessionAggregateStoreTests(IStoreFixture fixture)
{
    private static readonly DateTimeOffset Later = TestGrid.Now.AddMinutes(30);

    private TestStore Store => fixture.Store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SeatAndTimerAndRecord_ChangedAtTheSameInstant_AllCommit()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var claimed = await grid.ClaimAsync(Store, card: 0, room: 1, round: 0, moderator: 0);
        var attendee = await NewPersonAsync("Seat taker");

        // Three people load the same session before any of them saves: an attendee, and the moderator twice
        // (the timer on a phone, the record on a laptop).
        await using var seats = Store.CreateContext();
        await using var timer = Store.CreateContext();
        await using var record = Store.CreateContext();
        var forSeat = await seats.Sessions.Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == claimed.Id, Ct);
        var forTimer = await timer.Sessions.Include(s => s.Timer).SingleAsync(s => s.Id == claimed.Id, Ct);
        var forRecord = await record.Sessions.Include(s => s.Record).SingleAsync(s => s.Id == claimed.Id, Ct);

        forSeat.ReserveSeat(attendee, Later);
        forTimer.Timer.Start(Later);
        forRecord.Record.Edit("Notes", "Outcome", "Next", grid.ModeratorIds[0], Later, expectedRevision: 0);
        await Task.WhenAll(
            seats.SaveChangesAsync(Ct),
            timer.SaveChangesAsync(Ct),
            record.SaveChangesAsync(Ct)).WaitAsync(TimeSpan.FromMinutes(1), Ct);

        await using var read = Store.CreateContext();
        var stored = await read.Sessions.AsNoTracking()
            .Include(s => s.Seats).Include(s => s.Timer).Include(s => s.Record).Include(s => s.Reservations)
            .AsSplitQuery()
            .SingleAsync(s => s.Id == claimed.Id, Ct);
        stored.Reservations.Should().ContainSingle().Which.PersonId.Should().Be(attendee);
        stored.Seats.Taken.Should().Be(1);
        stored.Timer.State.Should().Be(TimerState.Running);
        stored.Timer.EndsAt.Should().Be(Later.AddMinutes(45));
        stored.Record.Notes.Should().Be("Notes");
        stored.Record.Revision.Should().Be(1);
        stored.IsActive.Should().BeTrue();
    }

    [Fact]
    public async Task LastSeat_TwoPeopleAtTheSameInstant_OneSeatedTheOtherToldToRetry()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1, capacity: 1);
        var claimed = await grid.ClaimAsync(Store, card: 0, room: 0, round: 0, moderator: 0);
        var (first, second) = (await NewPersonAsync("First"), await NewPersonAsync("Second"));

        await using var a = Store.CreateContext();
        await using var b = Store.CreateContext();
        var sa = await a.Sessions.Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == claimed.Id, Ct);
        var sb = await b.Sessions.Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == claimed.Id, Ct);
        sa.ReserveSeat(first, Later).IsWaitlisted.Should().BeFalse();
        sb.ReserveSeat(second, Later).IsWaitlisted.Should().BeFalse("each saw the seat free");

        await a.SaveChangesAsync(Ct);
        var lost = () => b.SaveChangesAsync(Ct);

        await lost.Should().ThrowAsync<ConcurrentEditException>().WithMessage("*seat*same moment*");
        await using var read = Store.CreateContext();
        var stored = await read.Sessions.AsNoTracking().Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == claimed.Id, Ct);
        stored.Reservations.Select(r => r.PersonId).Should().Equal(first);
        stored.Seats.Taken.Should().Be(1);
    }

    [Fact]
    public async Task ReleaseAndSeat_AtTheSameInstant_TheSeatLosesInsteadOfLandingInAGoneSession()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var claimed = await grid.ClaimAsync(Store, card: 0, room: 0, round: 0, moderator: 0);
        var attendee = await NewPersonAsync("Late");

        await using var release = Store.CreateContext();
        await using var seat = Store.CreateContext();
        var toRelease = await release.Sessions.Include(s => s.Seats).SingleAsync(s => s.Id == claimed.Id, Ct);
        var card = await release.Cards.SingleAsync(c => c.Id == claimed.CardId, Ct);
        var toSeat = await seat.Sessions.Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == claimed.Id, Ct);
        toRelease.Release(card, Later);
        toSeat.ReserveSeat(attendee, Later);

        await release.SaveChangesAsync(Ct);
        var lost = () => seat.SaveChangesAsync(Ct);

        await lost.Should().ThrowAsync<ConcurrentEditException>();
        await using var read = Store.CreateContext();
        (await read.Set<Reservation>().CountAsync(r => r.SessionId == claimed.Id, Ct)).Should().Be(0);
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == claimed.CardId, Ct)).SessionId.Should().BeNull();
    }

    [Fact]
    public async Task ClaimAndWithdraw_AtTheSameInstant_OneLoses()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);

        await using var claim = Store.CreateContext();
        await using var withdraw = Store.CreateContext();
        var evt = await grid.LoadEventAsync(claim);
        var cardToClaim = await grid.LoadCardAsync(claim, 0);
        var cardToWithdraw = await grid.LoadCardAsync(withdraw, 0);
        var session = evt.ClaimSlot(cardToClaim, grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], [], Later);
        claim.Sessions.Add(session);
        cardToWithdraw.Withdraw(Later);

        await withdraw.SaveChangesAsync(Ct);
        var lost = () => claim.SaveChangesAsync(Ct);

        await lost.Should().ThrowAsync<RuleViolationException>().WithMessage("\"Card 00\" was withdrawn by its author and cannot be placed.");
        await using var read = Store.CreateContext();
        (await read.Sessions.CountAsync(s => s.CardId == cardToClaim.Id, Ct)).Should().Be(0, "a withdrawn card is never placed");
    }

    [Fact]
    public async Task Claim_StoresCapacityTimerRecordAndTheCardsPlacement()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1, capacity: 9);

        var claimed = await grid.ClaimAsync(Store, card: 0, room: 2, round: 1, moderator: 0);

        await using var read = Store.CreateContext();
        var stored = await read.Sessions.AsNoTracking()
            .Include(s => s.Seats).Include(s => s.Timer).Include(s => s.Record)
            .AsSplitQuery()
            .SingleAsync(s => s.Id == claimed.Id, Ct);
        stored.Capacity.Should().Be(9);
        stored.Seats.Should().BeEquivalentTo(new { SessionId = claimed.Id, Taken = 0, Waitlisted = 0, IsOpen = true });
        stored.Timer.Should().BeEquivalentTo(new { State = TimerState.NotStarted, Planned = TimeSpan.FromMinutes(45), Remaining = TimeSpan.FromMinutes(45) });
        stored.Record.IsEmpty.Should().BeTrue();
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == claimed.CardId, Ct)).SessionId.Should().Be(claimed.Id);
    }

    [Fact]
    public async Task Backfill_SessionsFromBeforeTheAggregate_GetTheirRowsCountsAndCapacity()
    {
        // Its own database, so that the data step runs over every session in it exactly as the migration does.
        await using var store = await fixture.CreateEmptyStoreAsync();
        await store.Initializer.InitializeAsync(Ct);
        var grid = await TestGrid.CreateAsync(store, cards: 2, moderators: 2, capacity: 2);
        var active = await grid.ClaimAsync(store, card: 0, room: 0, round: 0, moderator: 0);
        var released = await grid.ClaimAsync(store, card: 1, room: 1, round: 0, moderator: 1);
        var people = new[] { await NewPersonAsync(store, "A"), await NewPersonAsync(store, "B"), await NewPersonAsync(store, "C") };
        await using (var db = store.CreateContext())
        {
            var session = await db.Sessions.Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == active.Id, Ct);
            foreach (var person in people)
            {
                session.ReserveSeat(person, Later);
            }

            var other = await db.Sessions.Include(s => s.Seats).SingleAsync(s => s.Id == released.Id, Ct);
            other.Release(await grid.LoadCardAsync(db, 1), Later);
            await db.SaveChangesAsync(Ct);
        }

        // Make these two sessions look as they did before the migration, then run its data step.
        await using (var db = store.CreateContext())
        {
            var ids = new[] { active.Id, released.Id };
            await db.Set<SessionSeats>().Where(x => ids.Contains(x.SessionId)).ExecuteDeleteAsync(Ct);
            await db.Set<SessionTimer>().Where(x => ids.Contains(x.SessionId)).ExecuteDeleteAsync(Ct);
            await db.Set<SessionRecord>().Where(x => ids.Contains(x.SessionId)).ExecuteDeleteAsync(Ct);
            await db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(u => u.SetProperty(s => s.Capacity, 0), Ct);
            await db.Cards.Where(c => c.EventId == grid.EventId).ExecuteUpdateAsync(u => u.SetProperty(c => c.SessionId, (Guid?)null), Ct);
            foreach (var statement in SessionAggregateBackfill.Statements)
            {
                await db.Database.ExecuteSqlRawAsync(statement, Ct);
            }
        }

        await using var read = store.CreateContext();
        var stored = await read.Sessions.AsNoTracking()
            .Include(s => s.Seats).Include(s => s.Timer).Include(s => s.Record)
            .AsSplitQuery()
            .Where(s => s.EventId == grid.EventId)
            .ToDictionaryAsync(s => s.Id, Ct);
        stored[active.Id].Capacity.Should().Be(2);
        stored[active.Id].Seats.Should().BeEquivalentTo(new { Taken = 2, Waitlisted = 1, IsOpen = true });
        stored[released.Id].Seats.IsOpen.Should().BeFalse();
        stored.Values.Should().AllSatisfy(s =>
        {
            s.Timer.State.Should().Be(TimerState.NotStarted);
            s.Timer.Planned.Should().Be(TimeSpan.FromMinutes(45));
            s.Record.IsEmpty.Should().BeTrue();
        });
        var cards = await read.Cards.AsNoTracking().Where(c => c.EventId == grid.EventId).ToDictionaryAsync(c => c.Id, c => c.SessionId, Ct);
        cards[active.CardId].Should().Be(active.Id);
        cards[released.CardId].Should().BeNull("a released session holds no card");

        // The new rows work with the model: a seat can still be taken through the domain.
        await using var write = store.CreateContext();
        var again = await write.Sessions.Include(s => s.Seats).Include(s => s.Reservations).SingleAsync(s => s.Id == active.Id, Ct);
        again.ReserveSeat(await NewPersonAsync(store, "D"), Later).IsWaitlisted.Should().BeTrue();
        await write.SaveChangesAsync(Ct);
    }

    private Task<Guid> NewPersonAsync(string name) => NewPersonAsync(Store, name);

    private static async Task<Guid> NewPersonAsync(TestStore store, string name)
    {
        var person = new Person(Guid.NewGuid(), name, TestGrid.Now);
        await using var db = store.CreateContext();
        db.People.Add(person);
        await db.SaveChangesAsync(Ct);
        return person.Id;
    }
}
