using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// Slots and sessions under real races: fifty moderators claiming at once, the unique rules (one session per
/// slot, one per moderator and per haver in a round, a card placed once) when the domain checked stale state,
/// releasing a session, and seats that never overbook a room.
/// </summary>
public abstract class SessionStoreTests(IStoreFixture fixture)
{
    private const int Contenders = 50;

    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    // ---------------------------------------------------------------- the slot race

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClaimSlot_FiftyModeratorsRaceForOneSlot_ExactlyOneWins(bool allLoadBeforeClaiming)
    {
        var grid = await TestGrid.CreateAsync(Store, rooms: 7, rounds: 3, moderators: Contenders, cards: Contenders);
        const int room = 2;
        const int round = 0;

        var outcomes = await RaceAsync(grid, i => (Card: i, Room: room, Round: round, Moderator: i), allLoadBeforeClaiming);

        Tally(outcomes).Should().Equal(
            new Dictionary<string, int> { ["success"] = 1, [nameof(SlotTakenException)] = Contenders - 1 },
            "{0}", Unexpected(outcomes, typeof(SlotTakenException)));
        var winner = outcomes.ToList().IndexOf(null);
        var winnerName = grid.Names[grid.ModeratorIds[winner]];
        var losers = outcomes.OfType<SlotTakenException>().ToList();
        losers.Should().AllSatisfy(e => e.SlotLabel.Should().Be("Room 3 · Round 1"));
        var expected = allLoadBeforeClaiming
            ? new[] { $"Room 3 · Round 1 was just claimed by {winnerName}." } // every loser learns it from the store
            : [$"Room 3 · Round 1 was just claimed by {winnerName}.", "Room 3 · Round 1 was just claimed by someone else."];
        losers.Select(e => e.Message).Should().AllSatisfy(m => m.Should().BeOneOf(expected));

        await using var db = Store.CreateContext();
        var active = await db.Sessions.AsNoTracking()
            .Where(s => s.RoomId == grid.RoomIds[room] && s.RoundId == grid.RoundIds[round] && s.Status == SessionStatus.Active)
            .ToListAsync(Ct);
        active.Should().ContainSingle().Which.ModeratorId.Should().Be(grid.ModeratorIds[winner]);
        (await db.Sessions.CountAsync(s => s.EventId == grid.EventId, Ct)).Should().Be(1);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClaimSlot_OneCardRacedIntoFiftySlots_PlacedOnce(bool allLoadBeforeClaiming)
    {
        // 10 rooms x 5 rounds = 50 distinct slots, 50 moderators, one card.
        var grid = await TestGrid.CreateAsync(Store, rooms: 10, rounds: 5, moderators: Contenders, cards: 1);

        var outcomes = await RaceAsync(grid, i => (Card: 0, Room: i % 10, Round: i / 10, Moderator: i), allLoadBeforeClaiming);

        outcomes.Count(o => o is null).Should().Be(1, "{0}", Unexpected(outcomes, typeof(RuleViolationException), typeof(SlotTakenException)));
        outcomes.OfType<Exception>().Should().AllBeAssignableTo<DomainException>("{0}", Unexpected(outcomes, typeof(RuleViolationException), typeof(SlotTakenException)));
        outcomes.OfType<DbUpdateException>().Should().BeEmpty();
        if (allLoadBeforeClaiming)
        {
            outcomes.OfType<Exception>().Select(e => e.Message).Should().AllBe("That card was just placed in another slot.");
        }

        await using var db = Store.CreateContext();
        (await db.Sessions.CountAsync(s => s.CardId == grid.CardIds[0] && s.Status == SessionStatus.Active, Ct)).Should().Be(1);
    }

    // ---------------------------------------------------------------- unique rules behind stale state

    [Fact]
    public async Task ClaimSlot_SameModeratorSameRoundFromStaleState_SecondSaveIsRuleViolation()
    {
        var grid = await TestGrid.CreateAsync(Store, rooms: 2, rounds: 1, moderators: 1, cards: 2);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        var evt1 = await grid.LoadEventAsync(first);
        var evt2 = await grid.LoadEventAsync(second);
        await TestGrid.ClaimInAsync(first, evt1, await grid.LoadCardAsync(first, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        await TestGrid.ClaimInAsync(second, evt2, await grid.LoadCardAsync(second, 1), grid.RoomIds[1], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<RuleViolationException>().WithMessage("The moderator was just placed in another session in round 1.");
        await AssertActiveSessionsAsync(grid, 1);
    }

    [Fact]
    public async Task ClaimSlot_SameHaverSameRoundFromStaleState_SecondSaveIsRuleViolation()
    {
        var grid = await TestGrid.CreateAsync(Store, rooms: 2, rounds: 1, moderators: 2, cards: 2, havers: 1);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        var evt1 = await grid.LoadEventAsync(first);
        var evt2 = await grid.LoadEventAsync(second);
        await TestGrid.ClaimInAsync(first, evt1, await grid.LoadCardAsync(first, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        await TestGrid.ClaimInAsync(second, evt2, await grid.LoadCardAsync(second, 1), grid.RoomIds[1], grid.RoundIds[0], grid.ModeratorIds[1], TestGrid.Now);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<RuleViolationException>().WithMessage("The card's author was just placed in another session in round 1.");
        await AssertActiveSessionsAsync(grid, 1);
    }

    [Fact]
    public async Task ClaimSlot_SameSlotFromStaleState_SecondSaveNamesTheWinner()
    {
        var grid = await TestGrid.CreateAsync(Store, rooms: 1, rounds: 1, moderators: 2, cards: 2);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        var evt1 = await grid.LoadEventAsync(first);
        var evt2 = await grid.LoadEventAsync(second);
        await TestGrid.ClaimInAsync(first, evt1, await grid.LoadCardAsync(first, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        await TestGrid.ClaimInAsync(second, evt2, await grid.LoadCardAsync(second, 1), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[1], TestGrid.Now);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        (await save.Should().ThrowAsync<SlotTakenException>().WithMessage("Room 1 · Round 1 was just claimed by 진행자 01."))
            .Which.SlotLabel.Should().Be("Room 1 · Round 1");
        await AssertActiveSessionsAsync(grid, 1);
    }

    [Fact]
    public async Task ClaimSlot_AfterSessionReleased_SlotAndCardCanBeClaimedAgain()
    {
        var grid = await TestGrid.CreateAsync(Store, rooms: 1, rounds: 2, moderators: 1, cards: 2);
        Guid released;
        await using (var db = Store.CreateContext())
        {
            var evt = await grid.LoadEventAsync(db);
            released = (await TestGrid.ClaimInAsync(db, evt, await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now)).Id;
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Store.CreateContext())
        {
            await TestGrid.ReleaseInAsync(db, released, TestGrid.Now.AddMinutes(1));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Store.CreateContext())
        {
            var evt = await grid.LoadEventAsync(db);
            await TestGrid.ClaimInAsync(db, evt, await grid.LoadCardAsync(db, 1), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now.AddMinutes(2));
            await TestGrid.ClaimInAsync(db, evt, await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[1], grid.ModeratorIds[0], TestGrid.Now.AddMinutes(2));
            var save = () => db.SaveChangesAsync(Ct);
            await save.Should().NotThrowAsync("a released session no longer holds its slot, its card or its moderator");
        }

        await using var read = Store.CreateContext();
        var sessions = await read.Sessions.AsNoTracking().Where(s => s.EventId == grid.EventId).ToListAsync(Ct);
        sessions.Should().HaveCount(3);
        sessions.Single(s => s.Id == released).Should().Match<Session>(s =>
            s.Status == SessionStatus.Released && s.ReleasedAt == TestGrid.Now.AddMinutes(1));
        sessions.Count(s => s.Status == SessionStatus.Active).Should().Be(2);
    }

    // ---------------------------------------------------------------- release and seats from two contexts

    [Fact]
    public async Task ReleaseSession_TwoModeratorsAtOnce_SecondGetsConcurrentEdit()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        Guid sessionId;
        await using (var db = Store.CreateContext())
        {
            var evt = await grid.LoadEventAsync(db);
            sessionId = (await TestGrid.ClaimInAsync(db, evt, await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now)).Id;
            await db.SaveChangesAsync(Ct);
        }

        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        await TestGrid.ReleaseInAsync(first, sessionId, TestGrid.Now.AddMinutes(1));
        await TestGrid.ReleaseInAsync(second, sessionId, TestGrid.Now.AddMinutes(2));
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<ConcurrentEditException>();
    }

    [Fact]
    public async Task ReserveSeat_SamePersonFromTwoContexts_KeepsOneReservation()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 2, capacity: 5);
        var sessionId = await ClaimFirstSlotAsync(grid);
        var person = grid.ModeratorIds[1];
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        await ReserveAsync(first, grid, sessionId, person);
        await ReserveAsync(second, grid, sessionId, person);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<DomainException>();
        await using var read = Store.CreateContext();
        (await read.Sessions.Where(s => s.Id == sessionId).SelectMany(s => s.Reservations).CountAsync(Ct)).Should().Be(1);
    }

    [Fact]
    public async Task ReserveSeat_LastSeatFromTwoContexts_RoomIsNeverOverbooked()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 3, capacity: 1);
        var sessionId = await ClaimFirstSlotAsync(grid);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        (await ReserveAsync(first, grid, sessionId, grid.ModeratorIds[1])).IsWaitlisted.Should().BeFalse();
        (await ReserveAsync(second, grid, sessionId, grid.ModeratorIds[2])).IsWaitlisted.Should().BeFalse("its copy still shows the seat free");
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<DomainException>("the last seat went to someone else a moment ago");
        await using var read = Store.CreateContext();
        (await read.Sessions.Where(s => s.Id == sessionId).SelectMany(s => s.Reservations).CountAsync(r => !r.IsWaitlisted, Ct))
            .Should().Be(1, "a room of one seat holds one person");
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>
    /// Runs <see cref="Contenders"/> claims at once, each with its own context from the factory. A start gate
    /// releases them together; with <paramref name="allLoadBeforeClaiming"/> they also wait until every one
    /// has loaded the event, so every domain check passes on stale state and only the database decides.
    /// </summary>
    private async Task<IReadOnlyList<Exception?>> RaceAsync(
        TestGrid grid, Func<int, (int Card, int Room, int Round, int Moderator)> pick, bool allLoadBeforeClaiming)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allLoaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var loaded = 0;
        void MarkLoaded()
        {
            if (Interlocked.Increment(ref loaded) == Contenders)
            {
                allLoaded.TrySetResult();
            }
        }

        async Task<Exception?> ContendAsync(int i)
        {
            var (cardIndex, room, round, moderator) = pick(i);
            var marked = false;
            try
            {
                await start.Task;
                await using var db = Store.CreateContext();
                var evt = await grid.LoadEventAsync(db);
                var card = await grid.LoadCardAsync(db, cardIndex);
                var board = await db.ActiveSessionsOf(grid.EventId).ToListAsync(Ct);
                marked = true;
                MarkLoaded();
                if (allLoadBeforeClaiming)
                {
                    await allLoaded.Task;
                }

                db.Sessions.Add(evt.ClaimSlot(card, grid.RoomIds[room], grid.RoundIds[round], grid.ModeratorIds[moderator], board, TestGrid.Now));
                await db.SaveChangesAsync(Ct);
                return null;
            }
            catch (Exception ex)
            {
                return ex;
            }
            finally
            {
                if (!marked)
                {
                    MarkLoaded();
                }
            }
        }

        var tasks = Enumerable.Range(0, Contenders).Select(i => Task.Run(() => ContendAsync(i), Ct)).ToList();
        start.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromMinutes(2), Ct);
    }

    private static Dictionary<string, int> Tally(IEnumerable<Exception?> outcomes) =>
        outcomes.GroupBy(o => o?.GetType().Name ?? "success").ToDictionary(g => g.Key, g => g.Count());

    private static string Unexpected(IEnumerable<Exception?> outcomes, params Type[] expected) =>
        "the outcomes were " + string.Join("; ", outcomes
            .OfType<Exception>()
            .Where(e => !expected.Contains(e.GetType()))
            .Select(e => $"{e.GetType().Name}: {e.Message} {e.InnerException?.Message}")
            .Distinct()
            .DefaultIfEmpty("as expected"));

    private async Task AssertActiveSessionsAsync(TestGrid grid, int expected)
    {
        await using var db = Store.CreateContext();
        (await db.Sessions.CountAsync(s => s.EventId == grid.EventId && s.Status == SessionStatus.Active, Ct)).Should().Be(expected);
    }

    private async Task<Guid> ClaimFirstSlotAsync(TestGrid grid)
    {
        await using var db = Store.CreateContext();
        var evt = await grid.LoadEventAsync(db);
        var session = await TestGrid.ClaimInAsync(db, evt, await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        await db.SaveChangesAsync(Ct);
        return session.Id;
    }

    private static async Task<Reservation> ReserveAsync(AppDbContext db, TestGrid grid, Guid sessionId, Guid personId)
    {
        var session = await db.Sessions
            .Include(s => s.Seats)
            .Include(s => s.Reservations)
            .AsSplitQuery()
            .SingleAsync(s => s.Id == sessionId && s.EventId == grid.EventId, Ct);
        return session.ReserveSeat(personId, TestGrid.Now);
    }
}
