using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The event aggregate stored: rooms, rounds, members, sessions and seats round trip exactly, and a lost race
/// between two organizers (concurrency token, unique slug, unique room name) gets the domain's message.
/// </summary>
public abstract class EventStoreTests(IStoreFixture fixture)
{
    private readonly IStoreFixture _fixture = fixture;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TestStore Store => _fixture.Store;

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
        var session = evt.ClaimSlot(card, small.Id, early.Id, moderator.Id, [], now.AddMilliseconds(7));
        session.ReserveSeat(seated[0].Id, now.AddSeconds(3));
        session.ReserveSeat(seated[1].Id, now.AddSeconds(4));
        session.ReserveSeat(waiting.Id, now.AddSeconds(5));

        await using (var db = Store.CreateContext())
        {
            Person[] people = [organizer, moderator, haver, .. seated, waiting];
            db.People.AddRange(people);
            db.Events.Add(evt);
            db.Cards.Add(card);
            db.Sessions.Add(session);
            await db.SaveChangesAsync(Ct);
        }

        await using var read = Store.CreateContext();
        var loaded = await read.Events.AsNoTracking()
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .Include(e => e.Members)
            .AsSplitQuery()
            .SingleAsync(e => e.Id == evt.Id, Ct);
        var sessions = await read.Sessions.AsNoTracking()
            .Include(s => s.Reservations).Include(s => s.Seats).Include(s => s.Timer).Include(s => s.Record)
            .AsSplitQuery()
            .Where(s => s.EventId == evt.Id)
            .ToListAsync(Ct);

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

        var stored = sessions.Should().ContainSingle().Subject;
        stored.Should().BeEquivalentTo(session, "the session aggregate (slot, capacity, seats, timer, record, reservations) round-trips exactly");
        stored.Capacity.Should().Be(2);
        stored.Seats.Waitlisted.Should().Be(1);
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
}
