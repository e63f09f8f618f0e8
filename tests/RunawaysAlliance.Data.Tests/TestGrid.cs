using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// An event in the Marketplace phase, stored: rooms "Room 1"…, hourly rounds from 10:00 UTC on
/// 2025-12-11, moderators, and cards by havers (round-robin when there are fewer havers than cards).
/// </summary>
public sealed record TestGrid(
    Guid EventId,
    IReadOnlyList<Guid> RoomIds,
    IReadOnlyList<Guid> RoundIds,
    IReadOnlyList<Guid> ModeratorIds,
    IReadOnlyList<Guid> HaverIds,
    IReadOnlyList<Guid> CardIds,
    IReadOnlyDictionary<Guid, string> Names)
{
    /// <summary>A fixed instant with millisecond precision (both stores keep at least that).</summary>
    public static readonly DateTimeOffset Now = new(2025, 12, 11, 9, 30, 15, 123, TimeSpan.Zero);

    public static readonly DateTimeOffset FirstRound = new(2025, 12, 11, 10, 0, 0, TimeSpan.Zero);

    public static async Task<TestGrid> CreateAsync(
        TestStore store, int rooms = 7, int rounds = 3, int moderators = 2, int cards = 2, int? havers = null, int capacity = 10)
    {
        var names = new Dictionary<Guid, string>();
        Person NewPerson(string name)
        {
            var person = new Person(Guid.NewGuid(), name, Now);
            names[person.Id] = name;
            return person;
        }

        var moderatorPeople = Enumerable.Range(1, moderators).Select(i => NewPerson($"진행자 {i:00}")).ToList();
        var haverPeople = Enumerable.Range(1, havers ?? cards).Select(i => NewPerson($"Haver {i:00}")).ToList();

        var evt = new Event(Guid.NewGuid(), UniqueSlug(), "Store test", "Seongsu", Event.DefaultTimeZoneId, Now);
        for (var i = 1; i <= rooms; i++)
        {
            evt.AddRoom($"Room {i}", capacity);
        }

        for (var i = 0; i < rounds; i++)
        {
            evt.AddRound(FirstRound.AddHours(i));
        }

        evt.AdvanceTo(EventPhase.Marketplace);
        moderatorPeople.ForEach(p => evt.AddMember(p.Id, EventRole.Moderator, Now));
        haverPeople.ForEach(p => evt.AddMember(p.Id, EventRole.Attendee, Now));

        var cardList = Enumerable.Range(0, cards)
            .Select(i => new ProblemCard(
                Guid.NewGuid(), evt.Id, haverPeople[i % haverPeople.Count].Id,
                new CardContent($"Card {i:00}", "A problem worth an evening.", null, CardKind.NonCommercial, ["test"], "en"), Now))
            .ToList();

        await using (var db = store.CreateContext())
        {
            db.People.AddRange(moderatorPeople);
            db.People.AddRange(haverPeople);
            db.Events.Add(evt);
            db.Cards.AddRange(cardList);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        return new TestGrid(
            evt.Id,
            evt.Rooms.Select(r => r.Id).ToList(),
            evt.Rounds.Select(r => r.Id).ToList(),
            moderatorPeople.Select(p => p.Id).ToList(),
            haverPeople.Select(p => p.Id).ToList(),
            cardList.Select(c => c.Id).ToList(),
            names);
    }

    public static string UniqueSlug() => $"t-{Guid.NewGuid():N}";

    /// <summary>Loads the event aggregate the way a service does before claiming a slot.</summary>
    public static Task<Event> LoadEventAsync(AppDbContext db, Guid eventId) =>
        db.Events
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .Include(e => e.Members)
            .SingleAsync(e => e.Id == eventId, TestContext.Current.CancellationToken);

    public Task<Event> LoadEventAsync(AppDbContext db) => LoadEventAsync(db, EventId);

    /// <summary>
    /// Claims a slot in <paramref name="db"/> as a service does, against the active sessions that context sees
    /// (stored when it asks, and any it added itself); the caller saves.
    /// </summary>
    public static async Task<Session> ClaimInAsync(AppDbContext db, Event evt, ProblemCard card, Guid roomId, Guid roundId, Guid moderatorId, DateTimeOffset now)
    {
        var board = await db.ActiveSessionsOf(evt.Id).ToListAsync(TestContext.Current.CancellationToken);
        board.AddRange(db.Sessions.Local.Where(s => s.EventId == evt.Id && !board.Contains(s)));
        var session = evt.ClaimSlot(card, roomId, roundId, moderatorId, board, now);
        db.Sessions.Add(session);
        return session;
    }

    /// <summary>Gives a session's slot back in <paramref name="db"/> as a service does (the session with its seats, and its card); the caller saves.</summary>
    public static async Task<Session> ReleaseInAsync(AppDbContext db, Guid sessionId, DateTimeOffset now)
    {
        var ct = TestContext.Current.CancellationToken;
        var session = await db.Sessions.Include(s => s.Seats).SingleAsync(s => s.Id == sessionId, ct);
        session.Release(await db.Cards.SingleAsync(c => c.Id == session.CardId, ct), now);
        return session;
    }

    /// <summary>Claims a slot the way a service does: the event, its active sessions, the card, then save.</summary>
    public async Task<Session> ClaimAsync(TestStore store, int card, int room, int round, int moderator)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = store.CreateContext();
        var session = await ClaimInAsync(db, await LoadEventAsync(db), await LoadCardAsync(db, card), RoomIds[room], RoundIds[round], ModeratorIds[moderator], Now);
        await db.SaveChangesAsync(ct);
        return session;
    }

    public Task<ProblemCard> LoadCardAsync(AppDbContext db, int index) =>
        db.Cards.Include(c => c.Offers).SingleAsync(c => c.Id == CardIds[index], TestContext.Current.CancellationToken);
}
