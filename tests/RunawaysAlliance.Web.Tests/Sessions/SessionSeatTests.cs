using System.Collections.Concurrent;
using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;
using RunawaysAlliance.Web.Tests.Cards;

namespace RunawaysAlliance.Web.Tests.Sessions;

/// <summary>
/// Claims, seats and waitlists through the services the pages call, on a real store (both providers): races are
/// settled by the database, capacity never goes over, the waitlist moves up first come first served (issue 10).
/// </summary>
public abstract class SessionSeatTests(IDemoFixture fixture)
{
    private static readonly string[] DemoRooms = ["Hall", "Room 1", "Room 2", "Room 3", "Room 4", "Room 5", "Room 6"];
    private static readonly int[] DemoRounds = [1, 2, 3];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ClaimSlotAsync_200ConcurrentClaimsBy60Moderators_OneSessionPerSlotPerModeratorPerHaverAndEveryLoserHasARule()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var (moderators, cards) = await AddModeratorsAndCardsAsync(app, demo.EventId, count: 60);
        var slots = (from room in DemoRooms
                     from round in DemoRounds
                     select (Room: demo.Room(room), Round: demo.Round(round))).ToList();
        var random = new Random(10);
        var claims = Enumerable.Range(0, 200)
            .Select(i => (Moderator: moderators[i % moderators.Count], Card: cards[random.Next(cards.Count)], Slot: slots[random.Next(slots.Count)]))
            .ToList();
        var results = new ConcurrentBag<ServiceResult>();

        await Parallel.ForEachAsync(claims, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Ct }, async (claim, ct) =>
            results.Add(await app.Sessions.ClaimSlotAsync(claim.Moderator, demo.EventId, claim.Card, claim.Slot.Room, claim.Slot.Round, ct: ct)));

        results.Should().HaveCount(200);
        results.Where(r => !r.Succeeded && (r.Code == null || r.Failure == ServiceFailure.Unavailable)).Should().BeEmpty(
            "every loser is told a rule (a slot taken, a moderator or haver busy, a card placed), never a crash");
        var won = results.Count(r => r.Succeeded);
        won.Should().BeGreaterThan(0);
        await using var db = app.Store.CreateDbContext();
        var active = await db.ActiveSessionsOf(demo.EventId).AsNoTracking().ToListAsync(Ct);
        active.Should().HaveCount(demo.Sessions.Count(s => s.Status == SessionStatus.Active) + won);
        active.GroupBy(s => (s.RoomId, s.RoundId)).Should().OnlyContain(g => g.Count() == 1, "one session per slot");
        active.GroupBy(s => (s.ModeratorId, s.RoundId)).Should().OnlyContain(g => g.Count() == 1, "one session per moderator per round");
        active.GroupBy(s => (s.HaverId, s.RoundId)).Should().OnlyContain(g => g.Count() == 1, "one session per haver per round");
        active.GroupBy(s => s.CardId).Should().OnlyContain(g => g.Count() == 1, "a card is in one slot");
        active.Should().HaveCountLessThanOrEqualTo(21);
    }

    [Fact]
    public async Task ReserveSeatAsync_100AtOnceOnOneSession_NeverOverCapacityAndTheRestWaitInOrder()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var session = demo.SessionIn("Room 3", 2);
        var people = await AddPeopleAsync(app, demo.EventId, 100, "Seat");
        var seats = app.Services.GetRequiredService<SeatService>();
        var results = new ConcurrentBag<ServiceResult>();

        await Parallel.ForEachAsync(people, new ParallelOptions { MaxDegreeOfParallelism = 50, CancellationToken = Ct }, async (person, ct) =>
            results.Add(await seats.ReserveSeatAsync(person, demo.EventId, session.Id, ct)));

        results.Where(r => !r.Succeeded && (r.Code == null || r.Failure == ServiceFailure.Unavailable)).Should().BeEmpty(
            "a person who loses the race for a seat is read again and waitlisted, or told a rule; never a crash");
        var stored = await ReadSeatsAsync(app, session.Id);
        stored.Taken.Should().Be(stored.Capacity, "the free seats all went");
        stored.Reservations.Count(r => !r.IsWaitlisted).Should().Be(stored.Capacity, "capacity never goes over");
        stored.Waitlisted.Should().Be(stored.Reservations.Count(r => r.IsWaitlisted));
        var seated = results.Count(r => r.Seat?.State == SeatState.Seated);
        var waiting = results.Count(r => r.Seat?.State == SeatState.Waitlisted);
        (seated + waiting).Should().Be(results.Count(r => r.Succeeded));
        stored.Reservations.Count(r => people.Contains(r.PersonId)).Should().Be(seated + waiting);
        // The place each person is told is where they stood when their save committed (the line is ordered by when
        // they asked, so a later commit of an earlier request can move in front); the session page shows it live.
        results.Where(r => r.Seat?.State == SeatState.Waitlisted).Select(r => r.Seat!.WaitlistPosition!.Value)
            .Should().OnlyContain(p => p >= 1 && p <= stored.Waitlisted);
    }

    [Fact]
    public async Task CancelSeatAsync_SessionFullWithTwoWaiting_PromotesExactlyTheFirstToWait()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var session = demo.SessionIn("Room 3", 2);
        var seats = app.Services.GetRequiredService<SeatService>();
        var before = await ReadSeatsAsync(app, session.Id);
        var fill = await AddPeopleAsync(app, demo.EventId, before.Capacity - before.Taken, "Fill");
        foreach (var person in fill)
        {
            (await seats.ReserveSeatAsync(person, demo.EventId, session.Id, Ct)).Seat!.State.Should().Be(SeatState.Seated);
        }

        var (first, second) = (await app.AddPersonAsync("First in line", demo.EventId), await app.AddPersonAsync("Second in line", demo.EventId));
        var one = await seats.ReserveSeatAsync(first, demo.EventId, session.Id, Ct);
        var two = await seats.ReserveSeatAsync(second, demo.EventId, session.Id, Ct);
        one.Seat.Should().Be(new SeatChange(session.Id, SeatState.Waitlisted, 1, null));
        two.Seat.Should().Be(new SeatChange(session.Id, SeatState.Waitlisted, 2, null));
        var changes = app.Listen(demo.EventId);

        var cancel = await seats.CancelSeatAsync(fill[0], demo.EventId, session.Id, Ct);

        cancel.Succeeded.Should().BeTrue();
        cancel.Seat!.PromotedPersonId.Should().Be(first, "the longest-waiting person gets the seat");
        var after = await ReadSeatsAsync(app, session.Id);
        after.Taken.Should().Be(after.Capacity);
        after.Reservations.Single(r => r.PersonId == first).IsWaitlisted.Should().BeFalse();
        after.Reservations.Single(r => r.PersonId == second).IsWaitlisted.Should().BeTrue("exactly one person moves up");
        after.Waitlisted.Should().Be(1);
        changes.Received.Should().ContainSingle(c => c.Kind == Data.Feed.ChangeKind.Seat && c.SubjectId == session.Id);
    }

    [Fact]
    public async Task ReserveSeatAsync_SecondSessionOfTheRound_RefusedNamingTheFirst_ThenSwitchMovesTheSeat()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var hall = demo.SessionIn("Hall", 1);
        var room1 = demo.SessionIn("Room 1", 1);
        var seats = app.Services.GetRequiredService<SeatService>();
        var person = await app.AddPersonAsync("Two minds", demo.EventId);
        (await seats.ReserveSeatAsync(person, demo.EventId, hall.Id, Ct)).Succeeded.Should().BeTrue();

        var second = await seats.ReserveSeatAsync(person, demo.EventId, room1.Id, Ct);

        second.Succeeded.Should().BeFalse();
        second.Code.Should().Be(RuleCode.SeatInSameRound);
        second.Arguments.Should().ContainSingle().Which.Should().BeOfType<string>().Which.Should().NotBeEmpty();
        var switched = await seats.SwitchSeatAsync(person, demo.EventId, hall.Id, room1.Id, Ct);
        switched.Succeeded.Should().BeTrue(switched.Error);
        (await ReadSeatsAsync(app, hall.Id)).Reservations.Should().NotContain(r => r.PersonId == person);
        (await ReadSeatsAsync(app, room1.Id)).Reservations.Should().ContainSingle(r => r.PersonId == person);
        (await seats.SwitchSeatAsync(person, demo.EventId, hall.Id, room1.Id, Ct)).Code.Should().Be(RuleCode.NoSeatToSwitch);
    }

    [Fact]
    public async Task ReserveSeatAsync_NotAMember_ForbiddenAndNothingChanges()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var session = demo.SessionIn("Hall", 1);
        var before = await ReadSeatsAsync(app, session.Id);
        var stranger = await app.AddPersonAsync("Stranger");

        var result = await app.Services.GetRequiredService<SeatService>().ReserveSeatAsync(stranger, demo.EventId, session.Id, Ct);

        result.Failure.Should().Be(ServiceFailure.Forbidden);
        (await ReadSeatsAsync(app, session.Id)).Taken.Should().Be(before.Taken);
    }

    [Fact]
    public async Task ClaimSlotAsync_HaverAndCoreSolvers_HoldSeatsFromTheStart()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var haver = await app.AddPersonAsync("Haver", demo.EventId);
        var core = await app.AddPersonAsync("Core", demo.EventId);
        var later = await app.AddPersonAsync("Picked later", demo.EventId);
        var card = await app.PostCardAsync(haver, demo.EventId);
        await app.OfferAsync(core, card);
        await app.OfferAsync(later, card);
        (await app.CardService().SetCoreSolverAsync(haver, card, core, true, Ct)).Succeeded.Should().BeTrue();

        var claim = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, card, demo.Room("Hall"), demo.Round(3), ct: Ct);

        claim.Succeeded.Should().BeTrue(claim.Error);
        var seats = await ReadSeatsAsync(app, claim.CreatedId!.Value);
        seats.Reservations.Select(r => r.PersonId).Should().BeEquivalentTo([haver, core]);
        seats.Taken.Should().Be(2);

        (await app.CardService().SetCoreSolverAsync(haver, card, later, true, Ct)).Succeeded.Should().BeTrue();
        (await ReadSeatsAsync(app, claim.CreatedId!.Value)).Reservations.Should().ContainSingle(r => r.PersonId == later && !r.IsWaitlisted,
            "a core solver picked after the claim gets a seat too");
    }

    [Fact]
    public async Task ClaimSlotAsync_CoreSolverAndModeratorSeatedElsewhereInTheRound_GiveThoseSeatsUp_AndTheWaitlistMovesUp()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var elsewhere = demo.SessionIn("Room 3", 2);
        var seats = app.Services.GetRequiredService<SeatService>();
        var haver = await app.AddPersonAsync("Haver", demo.EventId);
        var core = await app.AddPersonAsync("Core", demo.EventId);
        var moderator = await app.AddPersonAsync("Moderator", demo.EventId, EventRole.Moderator);
        var card = await app.PostCardAsync(haver, demo.EventId);
        await app.OfferAsync(core, card);
        (await app.CardService().SetCoreSolverAsync(haver, card, core, true, Ct)).Succeeded.Should().BeTrue();
        (await seats.ReserveSeatAsync(core, demo.EventId, elsewhere.Id, Ct)).Seat!.State.Should().Be(SeatState.Seated);
        (await seats.ReserveSeatAsync(moderator, demo.EventId, elsewhere.Id, Ct)).Succeeded.Should().BeTrue();
        var before = await ReadSeatsAsync(app, elsewhere.Id);
        var fill = await AddPeopleAsync(app, demo.EventId, before.Capacity - before.Taken + 1, "Fill");
        foreach (var person in fill)
        {
            (await seats.ReserveSeatAsync(person, demo.EventId, elsewhere.Id, Ct)).Succeeded.Should().BeTrue();
        }

        var claim = await app.Sessions.ClaimSlotAsync(moderator, demo.EventId, card, demo.Room("Room 1"), demo.Round(2), ct: Ct);

        claim.Succeeded.Should().BeTrue(claim.Error);
        (await ReadSeatsAsync(app, claim.CreatedId!.Value)).Reservations.Select(r => r.PersonId).Should().BeEquivalentTo([haver, core]);
        var after = await ReadSeatsAsync(app, elsewhere.Id);
        after.Reservations.Should().NotContain(r => r.PersonId == core || r.PersonId == moderator, "one seat per round, and a moderator is in their own room");
        after.Taken.Should().Be(after.Capacity, "freed seats go to the people waiting");
        after.Waitlisted.Should().Be(0);
        after.Reservations.Single(r => r.PersonId == fill[^1]).IsWaitlisted.Should().BeFalse("the one waiting moved up");
    }

    [Fact]
    public async Task CheckClaimAsync_ListsEveryConflictInWordsAndWarnsOfASmallRoom()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var haver = await app.AddPersonAsync("Popular", demo.EventId);
        var card = await app.PostCardAsync(haver, demo.EventId);
        foreach (var i in Enumerable.Range(0, 9))
        {
            await app.OfferAsync(await app.AddPersonAsync($"Helper {i}", demo.EventId), card);
        }

        // Junho moderates Hall·1; Hall·1 is taken.
        var check = await app.Sessions.CheckClaimAsync(demo.Person("Junho"), demo.EventId, card, demo.Room("Hall"), demo.Round(1), ct: Ct);
        check.CanClaim.Should().BeFalse();
        check.Refusals.Select(r => r.Code).Should().Equal(RuleCode.SlotTakenBy, RuleCode.ModeratorBusy);
        check.Refusals[0].Arguments.Should().Contain("Junho");

        var small = await app.Sessions.CheckClaimAsync(demo.Person("Alex"), demo.EventId, card, demo.Room("Room 3"), demo.Round(3), ct: Ct);
        small.CanClaim.Should().BeTrue();
        small.Warnings.Should().ContainSingle().Which.Code.Should().Be(RuleCode.RoomSmallerThanOffers);
        small.Warnings[0].Arguments.Should().Equal("Room 3", 8, 9);

        var forOther = await app.Sessions.CheckClaimAsync(demo.Person("Alex"), demo.EventId, card, demo.Room("Hall"), demo.Round(3), demo.Person("Jisoo"), Ct);
        forOther.Refusals.Should().ContainSingle().Which.Code.Should().Be(RuleCode.ClaimOnlyForYourself);
        var attendee = await app.Sessions.CheckClaimAsync(demo.Person("Daniel"), demo.EventId, card, demo.Room("Hall"), demo.Round(3), ct: Ct);
        attendee.Refusals.Should().ContainSingle().Which.Code.Should().Be(RuleCode.OnlyModeratorsClaim);
    }

    [Fact]
    public async Task ClaimSlotAsync_OrganizerForAModerator_TheModeratorRunsIt_ButAModeratorCannotForSomeoneElse()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);

        var refused = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), demo.Person("Jisoo"), Ct);
        var claimed = await app.Sessions.ClaimSlotAsync(demo.Person("Mina"), demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), demo.Person("Jisoo"), Ct);

        refused.Code.Should().Be(RuleCode.ClaimOnlyForYourself);
        claimed.Succeeded.Should().BeTrue(claimed.Error);
        await using var db = app.Store.CreateDbContext();
        (await db.Sessions.SingleAsync(s => s.Id == claimed.CreatedId, Ct)).ModeratorId.Should().Be(demo.Person("Jisoo"));
    }

    [Fact]
    public async Task ClaimSlotAsync_LostSlot_NamesTheWinnerAndOffersTheNearestFreeSlots()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        (await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Room 4"), demo.Round(2), ct: Ct)).Succeeded.Should().BeTrue();

        var lost = await app.Sessions.ClaimSlotAsync(demo.Person("Seoyeon"), demo.EventId, demo.Card(6), demo.Room("Room 4"), demo.Round(2), ct: Ct);

        lost.Code.Should().Be(RuleCode.SlotTakenBy);
        lost.Arguments.Should().Contain("Alex");
        lost.Alternatives.Should().HaveCount(SessionService.AlternativeCount);
        lost.Alternatives.Should().OnlyContain(a => a.RoundId == demo.Round(2), "the same round has free rooms, and they come first");
        lost.Alternatives.Should().NotContain(a => a.RoomId == demo.Room("Room 4"));
        var take = lost.Alternatives[0];
        (await app.Sessions.ClaimSlotAsync(demo.Person("Seoyeon"), demo.EventId, demo.Card(6), take.RoomId, take.RoundId, ct: Ct)).Succeeded.Should().BeTrue();
    }

    [Fact]
    public async Task ClaimSlotAsync_TakenSlot_AnswersWithTheFirstRefusalOfTheFullCheck()
    {
        // A claim on a taken slot is answered from a small read (the rush when the marketplace opens); it must never
        // hide a refusal the full claim would give first.
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var taken = demo.SessionIn("Hall", 1);
        var placedElsewhere = demo.SessionIn("Room 1", 1).CardId;
        var withdrawn = demo.Card(6);
        await using (var db = app.Store.CreateDbContext())
        {
            (await db.Cards.SingleAsync(c => c.Id == withdrawn, Ct)).Withdraw(DateTimeOffset.UtcNow);
            await db.SaveChangesAsync(Ct);
        }

        var cases = new[]
        {
            (Caller: demo.Person("Alex"), Card: demo.Card(5), Expected: RuleCode.SlotTakenBy),
            (Caller: demo.Person("Daniel"), Card: demo.Card(5), Expected: RuleCode.OnlyModeratorsClaim),
            (Caller: demo.Person("Alex"), Card: withdrawn, Expected: RuleCode.CardWithdrawnCannotBePlaced),
            (Caller: demo.Person("Alex"), Card: placedElsewhere, Expected: RuleCode.SlotTakenBy),
        };

        foreach (var (caller, card, expected) in cases)
        {
            var check = await app.Sessions.CheckClaimAsync(caller, demo.EventId, card, taken.RoomId, taken.RoundId, ct: Ct);
            var claim = await app.Sessions.ClaimSlotAsync(caller, demo.EventId, card, taken.RoomId, taken.RoundId, ct: Ct);

            check.Refusals[0].Code.Should().Be(expected);
            claim.Code.Should().Be(expected, $"the claim by {caller} for card {card} must say what the full check says first");
        }

        await using var after = app.Store.CreateDbContext();
        (await after.ActiveSessionsOf(demo.EventId).CountAsync(s => s.RoomId == taken.RoomId && s.RoundId == taken.RoundId, Ct)).Should().Be(1);
    }

    [Fact]
    public async Task MoveAsync_KeepsSeats_RefusesARoomTooSmall_AndOnlyTheModeratorOrAnOrganizerMoves()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var hall = demo.SessionIn("Hall", 1);
        var before = await ReadSeatsAsync(app, hall.Id);
        before.Taken.Should().BeGreaterThan(0);
        var extra = await AddPeopleAsync(app, demo.EventId, 9, "Crowd");
        var seats = app.Services.GetRequiredService<SeatService>();
        foreach (var person in extra)
        {
            await seats.ReserveSeatAsync(person, demo.EventId, hall.Id, Ct);
        }

        var crowded = await ReadSeatsAsync(app, hall.Id);
        var tooSmall = await app.Sessions.MoveAsync(hall.ModeratorId, demo.EventId, hall.Id, demo.Room("Room 4"), demo.Round(3), Ct);
        tooSmall.Code.Should().Be(RuleCode.RoomTooSmallForSeats);
        (await app.Sessions.MoveAsync(demo.Person("Daniel"), demo.EventId, hall.Id, demo.Room("Hall"), demo.Round(3), Ct)).Failure.Should().Be(ServiceFailure.Forbidden);
        (await app.Sessions.MoveAsync(demo.Person("Alex"), demo.EventId, hall.Id, demo.Room("Hall"), demo.Round(3), Ct)).Code.Should().Be(RuleCode.OnlySessionModeratorMoves);

        var moved = await app.Sessions.MoveAsync(demo.Person("Mina"), demo.EventId, hall.Id, demo.Room("Hall"), demo.Round(3), Ct);

        moved.Succeeded.Should().BeTrue(moved.Error);
        var after = await ReadSeatsAsync(app, hall.Id);
        after.RoundId.Should().Be(demo.Round(3));
        after.Reservations.Select(r => r.PersonId).Should().BeEquivalentTo(crowded.Reservations.Select(r => r.PersonId), "seats move with the session");
        (await app.Sessions.MoveAsync(hall.ModeratorId, demo.EventId, hall.Id, demo.Room("Hall"), demo.Round(2), Ct)).Code.Should().Be(RuleCode.SlotTakenBy);
    }

    private static async Task<List<Guid>> AddPeopleAsync(TestApp app, Guid eventId, int count, string prefix)
    {
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == eventId, Ct);
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var person = new Person(Guid.NewGuid(), $"{prefix} {i}", now);
            db.People.Add(person);
            evt.AddMember(person.Id, EventRole.Attendee, now);
            ids.Add(person.Id);
        }

        await db.SaveChangesAsync(Ct);
        return ids;
    }

    // Moderators who are in no session yet, and one card each by an author of its own (so that claims collide on
    // slots and rounds, not on one busy author).
    private static async Task<(List<Guid> Moderators, List<Guid> Cards)> AddModeratorsAndCardsAsync(TestApp app, Guid eventId, int count)
    {
        await using var db = app.Store.CreateDbContext();
        var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == eventId, Ct);
        var now = DateTimeOffset.UtcNow.AddDays(-1);
        var moderators = new List<Guid>();
        var cards = new List<Guid>();
        for (var i = 0; i < count; i++)
        {
            var moderator = new Person(Guid.NewGuid(), $"Moderator {i}", now);
            var author = new Person(Guid.NewGuid(), $"Author {i}", now);
            db.People.AddRange(moderator, author);
            evt.AddMember(moderator.Id, EventRole.Moderator, now);
            evt.AddMember(author.Id, EventRole.Attendee, now);
            var card = new ProblemCard(Guid.NewGuid(), eventId, author.Id, CardKit.Content(title: $"Race card {i}"), now);
            db.Cards.Add(card);
            moderators.Add(moderator.Id);
            cards.Add(card.Id);
        }

        await db.SaveChangesAsync(Ct);
        return (moderators, cards);
    }

    private static async Task<SeatsRead> ReadSeatsAsync(TestApp app, Guid sessionId)
    {
        await using var db = app.Store.CreateDbContext();
        var session = await db.Sessions.AsNoTracking().Include(s => s.Seats).Include(s => s.Reservations).AsSplitQuery().SingleAsync(s => s.Id == sessionId, Ct);
        return new SeatsRead(session.Capacity, session.Seats.Taken, session.Seats.Waitlisted, session.RoundId, [.. session.Reservations]);
    }

    private sealed record SeatsRead(int Capacity, int Taken, int Waitlisted, Guid RoundId, IReadOnlyList<Reservation> Reservations);
}

public sealed class SqliteSessionSeatTests(SqliteDemoFixture fixture) : SessionSeatTests(fixture), IClassFixture<SqliteDemoFixture>;

public sealed class PostgresSessionSeatTests(PostgresDemoFixture fixture) : SessionSeatTests(fixture), IClassFixture<PostgresDemoFixture>;
