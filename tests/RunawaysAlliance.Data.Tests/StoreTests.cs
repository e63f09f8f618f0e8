using System.Text.RegularExpressions;
using FluentAssertions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The store's contract, run against every provider (see <see cref="PostgresStoreTests"/> and
/// <see cref="SqliteStoreTests"/>): migrations, exact round trips, the slot rules under real races,
/// concurrency tokens, card revisions and drafts, the demo seed and the Data Protection key ring.
/// </summary>
public abstract class StoreTests(IStoreFixture fixture)
{
    private const int Contenders = 50;

    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

    // ---------------------------------------------------------------- migrations and health

    [Fact]
    public async Task Migrate_EmptyDatabase_AppliesEveryMigrationAndReportsHealthy()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync();
        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Unhealthy, "nothing is migrated yet");

        await using var db = store.CreateContext();
        var all = db.Database.GetMigrations().ToList();
        all.Should().NotBeEmpty();
        (await db.Database.GetPendingMigrationsAsync(Ct)).Should().Equal(all);

        await db.Database.MigrateAsync(Ct);

        (await db.Database.GetAppliedMigrationsAsync(Ct)).Should().Equal(all);
        (await db.Database.GetPendingMigrationsAsync(Ct)).Should().BeEmpty();
        var report = await store.CheckHealthAsync(Ct);
        report.Status.Should().Be(HealthStatus.Healthy);
        report.Entries.Should().ContainKey("database").WhoseValue.Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Migrate_SecondTime_IsANoOp()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync();
        await store.Initializer.InitializeAsync(Ct);
        var grid = await TestGrid.CreateAsync(store, cards: 1, moderators: 1);
        var historyRows = await CountMigrationHistoryAsync(store);

        await store.Initializer.InitializeAsync(Ct);
        await using (var db = store.CreateContext())
        {
            await db.Database.MigrateAsync(Ct);
        }

        (await CountMigrationHistoryAsync(store)).Should().Be(historyRows);
        await using (var db = store.CreateContext())
        {
            (await db.Events.AnyAsync(e => e.Id == grid.EventId, Ct)).Should().BeTrue("migrating again keeps the data");
        }

        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task Model_ComparedWithLatestMigration_HasNoPendingChanges()
    {
        await using var db = Store.CreateContext();

        db.Database.HasPendingModelChanges().Should().BeFalse("every model change needs a migration for {0}", _fixture.Provider);
    }

    [Fact]
    public async Task HealthCheck_UnreachableDatabase_ReportsUnhealthyWithoutThrowing()
    {
        await using var store = _fixture.CreateUnreachableStore();

        var check = () => store.CheckHealthAsync(Ct);

        var report = (await check.Should().NotThrowAsync()).Subject;
        report.Status.Should().Be(HealthStatus.Unhealthy);
        report.Entries.Should().ContainKey("database").WhoseValue.Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public void AddRunawaysData_Feed_MatchesTheProvider() =>
        Store.Feed.Should().BeOfType(_fixture.Provider == DatabaseProvider.Postgres ? typeof(PostgresEventFeed) : typeof(InProcessEventFeed));

    [Fact]
    public async Task SaveChanges_Synchronous_IsRefused()
    {
        await using var db = Store.CreateContext();

        var save = () => db.SaveChanges();

        save.Should().Throw<NotSupportedException>();
    }

    // ---------------------------------------------------------------- round trips

    [Fact]
    public async Task SaveEvent_FullAggregate_RoundTripsExactly()
    {
        var now = TestGrid.Now;
        var organizer = new Person(Guid.NewGuid(), "하늘 🌙", now);
        var moderator = new Person(Guid.NewGuid(), "Mina", now);
        var haver = new Person(Guid.NewGuid(), "민준", now);
        var seated = new[] { new Person(Guid.NewGuid(), "Alex", now), new Person(Guid.NewGuid(), "서연", now) };
        var waiting = new Person(Guid.NewGuid(), "Priya", now);

        var evt = new Event(Guid.NewGuid(), TestGrid.UniqueSlug(), "러너웨이즈 모임 🚀", "서울 성수동", "Asia/Seoul", now);
        evt.AddRoom("Hall", 35);
        var small = evt.AddRoom("작은 방", 2);
        evt.AddRoom("Atelier", 8);
        // Added out of time order, one of them in Seoul time: they come back as UTC instants, numbered by time.
        var late = evt.AddRound(new DateTimeOffset(2025, 12, 11, 21, 0, 0, TimeSpan.FromHours(9)));
        var early = evt.AddRound(new DateTimeOffset(2025, 12, 11, 10, 0, 0, TimeSpan.Zero), new TimeSpan(1, 15, 30));
        var middle = evt.AddRound(new DateTimeOffset(2025, 12, 11, 11, 30, 0, 250, TimeSpan.Zero), TimeSpan.FromMinutes(25.5));
        evt.AdvanceTo(EventPhase.Marketplace);
        evt.AddMember(organizer.Id, EventRole.Organizer, now);
        evt.AddMember(moderator.Id, EventRole.Moderator, now.AddSeconds(1));
        evt.AddMember(haver.Id, EventRole.Attendee, now.AddSeconds(2));
        var card = new ProblemCard(Guid.NewGuid(), evt.Id, haver.Id,
            new CardContent("Card", "Problem", null, CardKind.NonCommercial, null, "ko"), now);
        var session = evt.ClaimSlot(card, small.Id, early.Id, moderator.Id, now.AddMilliseconds(7));
        session.ReserveSeat(seated[0].Id, small.Capacity, now.AddSeconds(3));
        session.ReserveSeat(seated[1].Id, small.Capacity, now.AddSeconds(4));
        session.ReserveSeat(waiting.Id, small.Capacity, now.AddSeconds(5));

        await using (var db = Store.CreateContext())
        {
            Person[] people = [organizer, moderator, haver, .. seated, waiting];
            db.People.AddRange(people);
            db.Events.Add(evt);
            db.Cards.Add(card);
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var loaded = await read.Events.AsNoTracking()
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .Include(e => e.Members)
            .Include(e => e.Sessions).ThenInclude(s => s.Reservations)
            .AsSplitQuery()
            .SingleAsync(e => e.Id == evt.Id, Ct);

        loaded.Should().BeEquivalentTo(evt, o => o.Excluding(e => e.TimeZone));
        loaded.Rooms.Select(r => (r.Name, r.Capacity, r.SortOrder)).Should().Equal(("Hall", 35, 1), ("작은 방", 2, 2), ("Atelier", 8, 3));
        loaded.Rounds.Select(r => r.Number).Should().Equal(1, 2, 3);
        loaded.Rounds.Select(r => r.Id).Should().Equal(early.Id, middle.Id, late.Id);
        loaded.Rounds.Select(r => r.StartsAt).Should().Equal(
            new DateTimeOffset(2025, 12, 11, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 12, 11, 11, 30, 0, 250, TimeSpan.Zero),
            new DateTimeOffset(2025, 12, 11, 12, 0, 0, TimeSpan.Zero));
        loaded.Rounds.Should().AllSatisfy(r => r.StartsAt.Offset.Should().Be(TimeSpan.Zero));
        loaded.Rounds.Select(r => r.Duration).Should().Equal(new TimeSpan(1, 15, 30), TimeSpan.FromMinutes(25.5), TimeSpan.FromMinutes(45));
        loaded.Members.ToDictionary(m => m.PersonId, m => m.Role).Should().Equal(new Dictionary<Guid, EventRole>
        {
            [organizer.Id] = EventRole.Organizer,
            [moderator.Id] = EventRole.Moderator,
            [haver.Id] = EventRole.Attendee,
        });
        loaded.CreatedAt.Should().Be(now);

        var stored = loaded.Sessions.Should().ContainSingle().Subject;
        stored.ClaimedAt.Should().Be(now.AddMilliseconds(7));
        stored.Status.Should().Be(SessionStatus.Active);
        stored.ReleasedAt.Should().BeNull();
        (stored.CardId, stored.HaverId, stored.RoomId, stored.RoundId, stored.ModeratorId)
            .Should().Be((card.Id, haver.Id, small.Id, early.Id, moderator.Id));
        stored.SeatsTaken.Should().Be(2);
        stored.Reservations.ToDictionary(r => r.PersonId, r => (r.IsWaitlisted, r.CreatedAt)).Should().Equal(new Dictionary<Guid, (bool, DateTimeOffset)>
        {
            [seated[0].Id] = (false, now.AddSeconds(3)),
            [seated[1].Id] = (false, now.AddSeconds(4)),
            [waiting.Id] = (true, now.AddSeconds(5)),
        });
    }

    [Fact]
    public async Task SaveCard_HangulEmojiTagsAndOffers_RoundTripsExactly()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 2);
        var card = new ProblemCard(Guid.NewGuid(), grid.EventId, grid.HaverIds[0],
            new CardContent(
                "작은 카페 ☕ 단골 늘리기 🚀👩🏽‍💻",
                "동네 카페를 2년째 운영 중입니다.\n두 번째 줄 😀",
                "멤버십 경험 🙏",
                CardKind.Commercial,
                ["#마케팅", "동네 카페", "Coffee", "🇰🇷"],
                "ko-KR"),
            TestGrid.Now);
        card.MakeOffer(grid.ModeratorIds[0], OfferKind.CanHelp, "제가 도와드릴게요 👍", TestGrid.Now.AddMinutes(1));
        card.MakeOffer(grid.ModeratorIds[1], OfferKind.Curious, null, TestGrid.Now.AddMinutes(2));
        await using (var db = Store.CreateContext())
        {
            db.Cards.Add(card);
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var loaded = await read.Cards.AsNoTracking().Include(c => c.Offers).SingleAsync(c => c.Id == card.Id, Ct);

        loaded.Should().BeEquivalentTo(card);
        loaded.Title.Should().Be("작은 카페 ☕ 단골 늘리기 🚀👩🏽‍💻");
        loaded.Tags.Should().Equal("마케팅", "동네-카페", "coffee", "🇰🇷");
        loaded.Language.Should().Be("ko-kr");
        loaded.Offers.Should().HaveCount(2);
        loaded.Offers.Single(o => o.SolverId == grid.ModeratorIds[0]).Note.Should().Be("제가 도와드릴게요 👍");
        loaded.Offers.Single(o => o.SolverId == grid.ModeratorIds[1]).Kind.Should().Be(OfferKind.Curious);
        (await read.Cards.CountAsync(c => c.EventId == grid.EventId && c.Title.Contains("단골"), Ct)).Should().Be(1, "Hangul is searchable");
    }

    [Fact]
    public async Task SaveCard_LongestTitleTheDomainAccepts_IsKeptOrRefusedWithAMessage()
    {
        // 120 characters as a person sees them, but each family emoji is 7 code points (11 UTF-16 units).
        var title = string.Concat(Enumerable.Repeat("👨‍👩‍👧‍👦", ProblemCard.TitleMaxLength));
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var cardId = Guid.NewGuid();

        var post = async () =>
        {
            await using var db = Store.CreateContext();
            db.Cards.Add(new ProblemCard(cardId, grid.EventId, grid.HaverIds[0],
                new CardContent(title, "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now));
            await db.SaveChangesAsync(Ct);
        };

        // Either the domain refuses the title with a message the haver can act on, or the store keeps it
        // whole; a store error (an error page) is never acceptable.
        var refusal = await Record.ExceptionAsync(post);
        (refusal is null or DomainException).Should().BeTrue("the title must be kept or refused by the domain, but saving threw {0}", refusal);
        if (refusal is null)
        {
            await using var read = Store.CreateContext();
            (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == cardId, Ct)).Title.Should().Be(title);
        }
    }

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
        evt1.ClaimSlot(await grid.LoadCardAsync(first, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        evt2.ClaimSlot(await grid.LoadCardAsync(second, 1), grid.RoomIds[1], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
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
        evt1.ClaimSlot(await grid.LoadCardAsync(first, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        evt2.ClaimSlot(await grid.LoadCardAsync(second, 1), grid.RoomIds[1], grid.RoundIds[0], grid.ModeratorIds[1], TestGrid.Now);
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
        evt1.ClaimSlot(await grid.LoadCardAsync(first, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        evt2.ClaimSlot(await grid.LoadCardAsync(second, 1), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[1], TestGrid.Now);
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
            released = evt.ClaimSlot(await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now).Id;
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Store.CreateContext())
        {
            var evt = await grid.LoadEventAsync(db);
            evt.ReleaseSession(released, TestGrid.Now.AddMinutes(1));
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Store.CreateContext())
        {
            var evt = await grid.LoadEventAsync(db);
            evt.ClaimSlot(await grid.LoadCardAsync(db, 1), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now.AddMinutes(2));
            evt.ClaimSlot(await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[1], grid.ModeratorIds[0], TestGrid.Now.AddMinutes(2));
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

    // ---------------------------------------------------------------- concurrency tokens and other unique rules

    [Fact]
    public async Task EditCard_TwoEditorsAtOnce_SecondGetsConcurrentEdit()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        var card1 = await grid.LoadCardAsync(first, 0);
        var card2 = await grid.LoadCardAsync(second, 0);
        card1.Edit(new CardContent("첫 번째 편집", "Problem", null, CardKind.NonCommercial, null, "ko"), TestGrid.Now.AddMinutes(1));
        card2.Edit(new CardContent("Second edit", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now.AddMinutes(1));
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<ConcurrentEditException>();
        await using var read = Store.CreateContext();
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct)).Title.Should().Be("첫 번째 편집");
    }

    [Fact]
    public async Task EditCard_AfterReloadingTheWinnersChange_Succeeds()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        for (var i = 1; i <= 3; i++)
        {
            await using var db = Store.CreateContext();
            var card = await grid.LoadCardAsync(db, 0);
            card.Edit(new CardContent($"Edit {i}", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now.AddMinutes(i));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct)).Title.Should().Be("Edit 3");
    }

    [Fact]
    public async Task AdvanceTo_TwoOrganizersAtOnce_SecondGetsConcurrentEdit()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        (await grid.LoadEventAsync(first)).AdvanceTo(EventPhase.Live);
        (await grid.LoadEventAsync(second)).AdvanceTo(EventPhase.Archived);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<ConcurrentEditException>();
        await using var read = Store.CreateContext();
        (await read.Events.AsNoTracking().SingleAsync(e => e.Id == grid.EventId, Ct)).Phase.Should().Be(EventPhase.Live);
    }

    [Fact]
    public async Task ReleaseSession_TwoModeratorsAtOnce_SecondGetsConcurrentEdit()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        Guid sessionId;
        await using (var db = Store.CreateContext())
        {
            var evt = await grid.LoadEventAsync(db);
            sessionId = evt.ClaimSlot(await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now).Id;
            await db.SaveChangesAsync(Ct);
        }

        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        (await grid.LoadEventAsync(first)).ReleaseSession(sessionId, TestGrid.Now.AddMinutes(1));
        (await grid.LoadEventAsync(second)).ReleaseSession(sessionId, TestGrid.Now.AddMinutes(2));
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<ConcurrentEditException>();
    }

    [Fact]
    public async Task MakeOffer_SameSolverFromTwoContexts_SecondIsRuleViolation()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var solver = grid.ModeratorIds[0];
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        (await grid.LoadCardAsync(first, 0)).MakeOffer(solver, OfferKind.CanHelp, "I ran a café", TestGrid.Now);
        (await grid.LoadCardAsync(second, 0)).MakeOffer(solver, OfferKind.Curious, null, TestGrid.Now);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<RuleViolationException>().WithMessage("You already responded to this card*");
        await using var read = Store.CreateContext();
        (await grid.LoadCardAsync(read, 0)).Offers.Should().ContainSingle().Which.Kind.Should().Be(OfferKind.CanHelp);
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

    [Fact]
    public async Task CreateEvent_SlugAlreadyUsed_IsInvalidInputOnTheSlug()
    {
        var slug = TestGrid.UniqueSlug();
        await using (var db = Store.CreateContext())
        {
            db.Events.Add(new Event(Guid.NewGuid(), slug, "First", string.Empty, Event.DefaultTimeZoneId, TestGrid.Now));
            await db.SaveChangesAsync(Ct);
        }

        await using var other = Store.CreateContext();
        other.Events.Add(new Event(Guid.NewGuid(), slug, "Second", string.Empty, Event.DefaultTimeZoneId, TestGrid.Now));

        var save = () => other.SaveChangesAsync(Ct);

        (await save.Should().ThrowAsync<InvalidInputException>().WithMessage($"*\"{slug}\"*already used*"))
            .Which.Field.Should().Be("slug");
    }

    [Fact]
    public async Task AddRoom_SameNameFromTwoContexts_SecondGetsDomainMessage()
    {
        var grid = await TestGrid.CreateAsync(Store, rooms: 1, cards: 1, moderators: 1);
        await using var first = Store.CreateContext();
        await using var second = Store.CreateContext();
        (await grid.LoadEventAsync(first)).AddRoom("Annex", 6);
        (await grid.LoadEventAsync(second)).AddRoom("Annex", 6);
        await first.SaveChangesAsync(Ct);

        var save = () => second.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<DomainException>("a lost race gets the domain's message, never a store error");
    }

    // ---------------------------------------------------------------- marketplace: revisions, core solvers, drafts

    [Fact]
    public async Task SaveCard_RevisionAndCoreSolvers_RoundTrip()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 3);
        var (core, helper, listener) = (grid.ModeratorIds[0], grid.ModeratorIds[1], grid.ModeratorIds[2]);
        await using (var db = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(db, 0);
            card.Revision.Should().Be(1, "a new card is stored as revision 1");
            card.Edit(new CardContent("Second", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now.AddMinutes(1));
            card.Edit(new CardContent("Third", "Problem", null, CardKind.NonCommercial, null, "en"), 2, TestGrid.Now.AddMinutes(2));
            card.MakeOffer(core, OfferKind.CanHelp, "I ran a café", TestGrid.Now.AddMinutes(3));
            card.MakeOffer(helper, OfferKind.CanHelp, "I did marketing", TestGrid.Now.AddMinutes(3));
            card.MakeOffer(listener, OfferKind.Curious, null, TestGrid.Now.AddMinutes(3));
            card.MarkCoreSolver(card.AuthorId, core, true, TestGrid.Now.AddMinutes(4));
            await db.SaveChangesAsync(Ct);
        }

        await using (var read = Store.CreateContext())
        {
            var loaded = await read.Cards.AsNoTracking().Include(c => c.Offers).SingleAsync(c => c.Id == grid.CardIds[0], Ct);
            loaded.Revision.Should().Be(3);
            loaded.Offers.ToDictionary(o => o.SolverId, o => o.IsCoreSolver).Should().Equal(new Dictionary<Guid, bool>
            {
                [core] = true,
                [helper] = false,
                [listener] = false,
            });
            loaded.CoreSolverIds.Should().Equal(core);
            loaded.Offers.Single(o => o.SolverId == core).UpdatedAt.Should().Be(TestGrid.Now.AddMinutes(4));
        }

        // Picking and unpicking later is stored too, and changes neither the revision nor the card's version.
        await using (var db = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(db, 0);
            card.MarkCoreSolver(card.AuthorId, core, false, TestGrid.Now.AddMinutes(5));
            card.MarkCoreSolver(card.AuthorId, helper, true, TestGrid.Now.AddMinutes(5));
            await db.SaveChangesAsync(Ct);
        }

        await using var again = Store.CreateContext();
        var reloaded = await grid.LoadCardAsync(again, 0);
        reloaded.CoreSolverIds.Should().Equal(helper);
        reloaded.Revision.Should().Be(3);
    }

    [Fact]
    public async Task ColumnDefaults_RowsWrittenWithoutRevisionOrCoreFlag_AreRevisionOneAndNotCore()
    {
        // Rows written before the Marketplace migration have no Revision or IsCoreSolver: the column defaults
        // must make them revision 1 (so that the first edit's expected revision matches) and not core.
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        Guid offerId;
        await using (var db = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(db, 0);
            card.Edit(new CardContent("Edited twice", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now);
            card.Edit(new CardContent("Edited twice", "Problem", null, CardKind.NonCommercial, null, "en"), TestGrid.Now);
            offerId = card.MakeOffer(grid.ModeratorIds[0], OfferKind.CanHelp, "Idea", TestGrid.Now).Id;
            card.MarkCoreSolver(card.AuthorId, grid.ModeratorIds[0], true, TestGrid.Now);
            await db.SaveChangesAsync(Ct);
        }

        var oldCardId = Guid.NewGuid();
        var oldOfferId = Guid.NewGuid();
        await using (var db = Store.CreateContext())
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Cards" ("Id", "EventId", "AuthorId", "Title", "Problem", "HelpWanted", "Kind", "Tags", "Language", "Status", "CreatedAt", "UpdatedAt", "Version")
                SELECT {oldCardId}, "EventId", "AuthorId", "Title", "Problem", "HelpWanted", "Kind", "Tags", "Language", "Status", "CreatedAt", "UpdatedAt", "Version"
                FROM "Cards" WHERE "Id" = {grid.CardIds[0]}
                """,
                Ct);
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "Offers" ("Id", "CardId", "SolverId", "Kind", "Note", "CreatedAt", "UpdatedAt")
                SELECT {oldOfferId}, {oldCardId}, "SolverId", "Kind", "Note", "CreatedAt", "UpdatedAt"
                FROM "Offers" WHERE "Id" = {offerId}
                """,
                Ct);
        }

        await using var read = Store.CreateContext();
        var old = await read.Cards.Include(c => c.Offers).SingleAsync(c => c.Id == oldCardId, Ct);
        old.Revision.Should().Be(1);
        old.Offers.Should().ContainSingle().Which.IsCoreSolver.Should().BeFalse();
        old.Edit(new CardContent("First edit since revisions", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now);
        await read.SaveChangesAsync(Ct);
        (await read.Cards.AsNoTracking().SingleAsync(c => c.Id == oldCardId, Ct)).Revision.Should().Be(2);
    }

    [Fact]
    public async Task SaveDraft_TextAsTyped_RoundTripsExactly()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        const string title = "  작은 카페 ☕ 단골 늘리기 👨‍👩‍👧‍👦  ";
        const string problem = "\n  첫 줄입니다.\r\n<script>alert('x')</script>\n\n\t들여쓴 줄 🚀 \n";
        const string helpWanted = "<b>bold</b> & <img src=x onerror=\"alert(1)\"> 'single' \\ backslash %_ ";
        const string tags = " #마케팅,  동네 카페 , 🇰🇷 ";
        const string language = " KO-kr ";
        var draft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], Guid.Empty, 0, TestGrid.Now);
        draft.Update(title, problem, helpWanted, CardKind.Commercial, tags, language, TestGrid.Now.AddMilliseconds(5));
        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.Add(draft);
            await db.SaveChangesAsync(Ct);
        }

        await using (var read = Store.CreateContext())
        {
            var loaded = await read.CardDrafts.AsNoTracking().SingleAsync(d => d.Id == draft.Id, Ct);

            loaded.Should().BeEquivalentTo(draft);
            loaded.Title.Should().Be(title);
            loaded.Problem.Should().Be(problem);
            loaded.HelpWanted.Should().Be(helpWanted);
            loaded.Tags.Should().Be(tags);
            loaded.Language.Should().Be(language);
            loaded.Kind.Should().Be(CardKind.Commercial);
            loaded.IsForNewCard.Should().BeTrue();
            loaded.UpdatedAt.Should().Be(TestGrid.Now.AddMilliseconds(5));
        }

        // A later save of the same draft replaces the text, again exactly.
        await using (var db = Store.CreateContext())
        {
            var stored = await db.CardDrafts.SingleAsync(d => d.Id == draft.Id, Ct);
            stored.Update(" 다시 ", null, "   ", CardKind.NonCommercial, "", "\n", TestGrid.Now.AddMinutes(1));
            await db.SaveChangesAsync(Ct);
        }

        await using var again = Store.CreateContext();
        var updated = await again.CardDrafts.AsNoTracking().SingleAsync(d => d.Id == draft.Id, Ct);
        (updated.Title, updated.Problem, updated.HelpWanted, updated.Kind, updated.Tags, updated.Language)
            .Should().Be((" 다시 ", string.Empty, "   ", CardKind.NonCommercial, string.Empty, "\n"));
        updated.CreatedAt.Should().Be(TestGrid.Now);
        updated.UpdatedAt.Should().Be(TestGrid.Now.AddMinutes(1));
    }

    [Fact]
    public async Task SaveDraft_LargestDraftTheDomainAllows_RoundTripsExactly()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        static string Fill(string unit, int limit) =>
            string.Concat(Enumerable.Repeat(unit, limit * 2 * Guard.MaxUnitsPerCharacter / unit.Length));
        var draft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], grid.CardIds[0], 1, TestGrid.Now);
        draft.Update(
            Fill("🚀", ProblemCard.TitleMaxLength),
            Fill("문", ProblemCard.ProblemMaxLength),
            Fill("h", ProblemCard.HelpWantedMaxLength),
            CardKind.NonCommercial,
            Fill("#", ProblemCard.TagMaxLength * ProblemCard.MaxTags),
            Fill("가", 35),
            TestGrid.Now);
        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.Add(draft);
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        (await read.CardDrafts.AsNoTracking().SingleAsync(d => d.Id == draft.Id, Ct)).Should().BeEquivalentTo(draft);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task SaveDraft_SameAuthorEventAndCardTwice_ViolatesTheUniqueIndex(bool forNewCard)
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var cardId = forNewCard ? Guid.Empty : grid.CardIds[0];
        var first = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], cardId, 1, TestGrid.Now);
        first.Update("First tab", null, null, CardKind.NonCommercial, null, null, TestGrid.Now);
        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.Add(first);
            await db.SaveChangesAsync(Ct);
        }

        await using var other = Store.CreateContext();
        var second = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], cardId, 1, TestGrid.Now.AddSeconds(1));
        second.Update("Second tab", null, null, CardKind.NonCommercial, null, null, TestGrid.Now.AddSeconds(1));
        other.CardDrafts.Add(second);

        var save = () => other.SaveChangesAsync(Ct);

        // Not translated into a domain message: the draft service retries on it and updates the winner's draft.
        var refusal = (await save.Should().ThrowAsync<DbUpdateException>()).Which;
        StoreErrors.IsUniqueViolation(refusal).Should().BeTrue("{0}", refusal.InnerException?.Message);
        await using var read = Store.CreateContext();
        (await read.CardDrafts.AsNoTracking().Where(d => d.AuthorId == grid.HaverIds[0] && d.EventId == grid.EventId).ToListAsync(Ct))
            .Should().ContainSingle().Which.Title.Should().Be("First tab");
    }

    [Fact]
    public async Task SaveDraft_ForNewCardAndForExistingCards_Coexist()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 2, havers: 2, moderators: 1);
        var (author, otherAuthor) = (grid.HaverIds[0], grid.HaverIds[1]);
        var otherEvent = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        CardDraft Draft(Guid eventId, Guid authorId, Guid cardId, string title)
        {
            var draft = new CardDraft(Guid.NewGuid(), eventId, authorId, cardId, cardId == Guid.Empty ? 0 : 1, TestGrid.Now);
            draft.Update(title, null, null, CardKind.NonCommercial, null, null, TestGrid.Now);
            return draft;
        }

        await using (var db = Store.CreateContext())
        {
            db.CardDrafts.AddRange(
                Draft(grid.EventId, author, Guid.Empty, "new card"),
                Draft(grid.EventId, author, grid.CardIds[0], "edit of card 0"),
                Draft(grid.EventId, author, grid.CardIds[1], "edit of card 1"),
                Draft(grid.EventId, otherAuthor, Guid.Empty, "someone else's new card"),
                Draft(otherEvent.EventId, author, Guid.Empty, "new card in another event"));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var mine = await read.CardDrafts.AsNoTracking().Where(d => d.AuthorId == author && d.EventId == grid.EventId).ToListAsync(Ct);
        mine.ToDictionary(d => d.CardId, d => (d.Title, d.IsForNewCard)).Should().Equal(new Dictionary<Guid, (string, bool)>
        {
            [Guid.Empty] = ("new card", true),
            [grid.CardIds[0]] = ("edit of card 0", false),
            [grid.CardIds[1]] = ("edit of card 1", false),
        });
        (await read.CardDrafts.CountAsync(d => d.CardId == Guid.Empty && (d.EventId == grid.EventId || d.EventId == otherEvent.EventId), Ct))
            .Should().Be(3);
    }

    [Fact]
    public async Task DeletePerson_WithDrafts_DeletesTheirDrafts()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        var typist = new Person(Guid.NewGuid(), "타자수", TestGrid.Now);
        var draft = new CardDraft(Guid.NewGuid(), grid.EventId, typist.Id, Guid.Empty, 0, TestGrid.Now);
        var othersDraft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], Guid.Empty, 0, TestGrid.Now);
        await using (var db = Store.CreateContext())
        {
            db.People.Add(typist);
            db.CardDrafts.AddRange(draft, othersDraft);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = Store.CreateContext())
        {
            db.People.Remove(await db.People.SingleAsync(p => p.Id == typist.Id, Ct));
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        (await read.CardDrafts.AsNoTracking().Where(d => d.EventId == grid.EventId).Select(d => d.Id).ToListAsync(Ct))
            .Should().Equal(othersDraft.Id);
    }

    [Fact]
    public async Task EditCard_StaleRevisionAfterReload_DomainRefusesAndNothingIsSaved()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        int revisionSeenByB;
        await using (var b = Store.CreateContext())
        {
            revisionSeenByB = (await grid.LoadCardAsync(b, 0)).Revision;
        }

        await using (var a = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(a, 0);
            card.Edit(new CardContent("A's edit", "A's problem", null, CardKind.NonCommercial, ["a"], "en"), card.Revision, TestGrid.Now.AddMinutes(1));
            await a.SaveChangesAsync(Ct);
        }

        // B submits its form: like the service, it loads the card afresh and names the revision its form started from.
        await using (var b = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(b, 0);
            var edit = () => card.Edit(new CardContent("B's edit", "B's problem", null, CardKind.Commercial, ["b"], "ko"), revisionSeenByB, TestGrid.Now.AddMinutes(2));

            edit.Should().Throw<ConcurrentEditException>().WithMessage(CardMessages.EditedElsewhere);
            b.ChangeTracker.HasChanges().Should().BeFalse("a refused edit changes nothing");
            await b.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var stored = await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct);
        (stored.Title, stored.Problem, stored.Kind, stored.Language, stored.Revision).Should().Be(("A's edit", "A's problem", CardKind.NonCommercial, "en", 2));
        stored.Tags.Should().Equal("a");
    }

    [Fact]
    public async Task WithdrawCard_StaleRevisionAfterReload_DomainRefusesAndCardStaysOpen()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        await using (var a = Store.CreateContext())
        {
            (await grid.LoadCardAsync(a, 0)).Edit(new CardContent("A's edit", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now);
            await a.SaveChangesAsync(Ct);
        }

        await using (var b = Store.CreateContext())
        {
            var card = await grid.LoadCardAsync(b, 0);
            var withdraw = () => card.Withdraw(TestGrid.Now.AddMinutes(1), expectedRevision: 1);

            withdraw.Should().Throw<ConcurrentEditException>().WithMessage(CardMessages.EditedElsewhere);
            await b.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var stored = await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct);
        (stored.Status, stored.Revision).Should().Be((CardStatus.Open, 2));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EditCard_StaleCopyInSecondContext_VersionTokenRefusesTheSave(bool namesTheRevisionItLoaded)
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);
        await using var a = Store.CreateContext();
        await using var b = Store.CreateContext();
        var cardA = await grid.LoadCardAsync(a, 0);
        var cardB = await grid.LoadCardAsync(b, 0);
        cardA.Edit(new CardContent("A's edit", "Problem", null, CardKind.NonCommercial, null, "en"), cardA.Revision, TestGrid.Now.AddMinutes(1));
        await a.SaveChangesAsync(Ct);

        // B's copy still says revision 1, so the domain cannot see A's edit; the Version token must.
        cardB.Edit(
            new CardContent("B's edit", "Problem", null, CardKind.NonCommercial, null, "en"),
            namesTheRevisionItLoaded ? 1 : null,
            TestGrid.Now.AddMinutes(2));
        cardB.Revision.Should().Be(2);
        var save = () => b.SaveChangesAsync(Ct);

        await save.Should().ThrowAsync<ConcurrentEditException>().WithMessage("Someone else changed this at the same time*");
        await using var read = Store.CreateContext();
        var stored = await read.Cards.AsNoTracking().SingleAsync(c => c.Id == grid.CardIds[0], Ct);
        (stored.Title, stored.Revision).Should().Be(("A's edit", 2));
    }

    [Fact]
    public async Task EditCard_AfterOffersFromAnotherContext_IsNotAConflict()
    {
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 2);
        await using var author = Store.CreateContext();
        var card = await grid.LoadCardAsync(author, 0);
        await using (var solver = Store.CreateContext())
        {
            var seen = await grid.LoadCardAsync(solver, 0);
            seen.MakeOffer(grid.ModeratorIds[0], OfferKind.CanHelp, "I ran a café", TestGrid.Now);
            seen.MakeOffer(grid.ModeratorIds[1], OfferKind.Curious, null, TestGrid.Now);
            await solver.SaveChangesAsync(Ct);
        }

        card.Edit(new CardContent("Edited while offers came in", "Problem", null, CardKind.NonCommercial, null, "en"), 1, TestGrid.Now.AddMinutes(1));
        var save = () => author.SaveChangesAsync(Ct);

        await save.Should().NotThrowAsync("offers change neither the revision nor the card's row");
        await using var read = Store.CreateContext();
        var stored = await grid.LoadCardAsync(read, 0);
        (stored.Title, stored.Revision).Should().Be(("Edited while offers came in", 2));
        stored.Offers.Should().HaveCount(2);
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("card")]
    public async Task SaveText_WithNulCharacter_IsKeptOrRefusedWithAMessage(string what)
    {
        // U+0000 arrives when people paste from a PDF; PostgreSQL text cannot hold it. The card refuses it with a
        // message, the draft drops it: never a store error.
        const string text = "pasted from a PDF\u0000with a NUL";
        var grid = await TestGrid.CreateAsync(Store, cards: 1, moderators: 1);

        var save = async () =>
        {
            await using var db = Store.CreateContext();
            if (what == "draft")
            {
                var draft = new CardDraft(Guid.NewGuid(), grid.EventId, grid.HaverIds[0], Guid.Empty, 0, TestGrid.Now);
                draft.Update("Title", text, null, CardKind.NonCommercial, null, "en", TestGrid.Now);
                db.CardDrafts.Add(draft);
            }
            else
            {
                db.Cards.Add(new ProblemCard(Guid.NewGuid(), grid.EventId, grid.HaverIds[0],
                    new CardContent("Title", text, text, CardKind.NonCommercial, null, "en"), TestGrid.Now));
            }

            await db.SaveChangesAsync(Ct);
        };

        var refusal = await Record.ExceptionAsync(save);
        (refusal is null or DomainException).Should().BeTrue("the text must be kept or refused by the domain, but saving threw {0}", refusal);
        if (what == "draft")
        {
            refusal.Should().BeNull();
            await using var db = Store.CreateContext();
            (await db.CardDrafts.SingleAsync(d => d.AuthorId == grid.HaverIds[0], Ct)).Problem.Should().Be("pasted from a PDFwith a NUL");
        }
        else
        {
            refusal.Should().BeOfType<InvalidInputException>().Which.Field.Should().Be("problem");
        }
    }

    // ---------------------------------------------------------------- demo seed

    [Fact]
    public async Task InitializeAsync_SeedDemoTwice_CreatesTheDemoEventOnce()
    {
        await using var store = await _fixture.CreateEmptyStoreAsync(seedDemo: true);

        await store.Initializer.InitializeAsync(Ct);
        var first = await CountDemoAsync(store);
        await store.Initializer.InitializeAsync(Ct);

        (await CountDemoAsync(store)).Should().Be(first, "seeding again adds nothing");
        first.Should().Be((1, 14, 10, 5), "the demo has one event, 14 people, 10 cards and 5 placed sessions");

        await using var db = store.CreateContext();
        var evt = await db.Events.AsNoTracking()
            .Include(e => e.Rooms).Include(e => e.Rounds).Include(e => e.Sessions)
            .AsSplitQuery()
            .SingleAsync(e => e.Slug == DemoEvent.Slug, Ct);
        evt.Phase.Should().Be(EventPhase.Marketplace);
        evt.TimeZoneId.Should().Be("Asia/Seoul");
        evt.Rooms.Should().HaveCount(7);
        evt.Rooms.Count(r => r.Capacity == 35).Should().Be(1);
        evt.Rounds.Select(r => r.StartsAt).Should().Equal(
            new DateTimeOffset(2025, 12, 11, 10, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 12, 11, 11, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2025, 12, 11, 12, 0, 0, TimeSpan.Zero));
        evt.Rounds.Should().AllSatisfy(r => r.Duration.Should().Be(TimeSpan.FromMinutes(45)));
        evt.Sessions.Count(s => s.IsActive).Should().Be(5);

        var cards = await db.Cards.AsNoTracking().Include(c => c.Offers).Where(c => c.EventId == evt.Id).ToListAsync(Ct);
        cards.Should().HaveCount(10);
        cards.Count(c => Regex.IsMatch(c.Title, @"\p{IsHangulSyllables}")).Should().BeGreaterThan(0, "some demo cards are Korean");
        cards.SelectMany(c => c.Offers).Should().NotBeEmpty();
        (await store.CheckHealthAsync(Ct)).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task InitializeAsync_FourInstancesStartTogether_AllStartAndSeedOnce()
    {
        await using var first = await _fixture.CreateEmptyStoreAsync(seedDemo: true);
        var others = Enumerable.Range(0, 3).Select(_ => first.OpenAnother()).ToList();
        try
        {
            TestStore[] instances = [first, .. others];

            var startAll = () => Task.WhenAll(instances.Select(i => Task.Run(() => i.Initializer.InitializeAsync(Ct), Ct)));

            await startAll.Should().NotThrowAsync("several instances may start together on one database");
            (await CountDemoAsync(first)).Should().Be((1, 14, 10, 5));
        }
        finally
        {
            foreach (var other in others)
            {
                await other.DisposeAsync();
            }
        }
    }

    // ---------------------------------------------------------------- Data Protection keys

    [Fact]
    public async Task DataProtection_SecondInstanceOnSameDatabase_UnprotectsWhatTheFirstProtected()
    {
        const string secret = "쿠키 속 비밀 🍪";
        var purpose = $"tests-{Guid.NewGuid():N}";
        var protectedText = Store.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Protect(secret);

        await using var second = Store.OpenAnother();
        var unprotected = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(purpose).Unprotect(protectedText);

        unprotected.Should().Be(secret);
        await using var db = Store.CreateContext();
        (await db.DataProtectionKeys.CountAsync(Ct)).Should().BeGreaterThan(0, "the key ring lives in the database");
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
                marked = true;
                MarkLoaded();
                if (allLoadBeforeClaiming)
                {
                    await allLoaded.Task;
                }

                evt.ClaimSlot(card, grid.RoomIds[room], grid.RoundIds[round], grid.ModeratorIds[moderator], TestGrid.Now);
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
        var session = evt.ClaimSlot(await grid.LoadCardAsync(db, 0), grid.RoomIds[0], grid.RoundIds[0], grid.ModeratorIds[0], TestGrid.Now);
        await db.SaveChangesAsync(Ct);
        return session.Id;
    }

    private static async Task<Reservation> ReserveAsync(AppDbContext db, TestGrid grid, Guid sessionId, Guid personId)
    {
        var evt = await db.Events
            .Include(e => e.Rooms)
            .Include(e => e.Sessions).ThenInclude(s => s.Reservations)
            .AsSplitQuery()
            .SingleAsync(e => e.Id == grid.EventId, Ct);
        var session = evt.Sessions.Single(s => s.Id == sessionId);
        return session.ReserveSeat(personId, evt.FindRoom(session.RoomId).Capacity, TestGrid.Now);
    }

    private static async Task<int> CountMigrationHistoryAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        return await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"__EFMigrationsHistory\"").SingleAsync(Ct);
    }

    private static async Task<(int Events, int People, int Cards, int Sessions)> CountDemoAsync(TestStore store)
    {
        await using var db = store.CreateContext();
        return (
            await db.Events.CountAsync(Ct),
            await db.People.CountAsync(Ct),
            await db.Cards.CountAsync(Ct),
            await db.Sessions.CountAsync(Ct));
    }
}
