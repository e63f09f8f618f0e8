using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Tests;

/// <summary>
/// The ids of the seeded demo event, looked up by the names a person would use: "Hall", round 2, "Junho".
/// Organizer Mina; moderators Junho, Seoyeon, Alex, Jisoo; the other nine people are attendees. Placed:
/// Hall·1 (Junho), Room 1·1 (Seoyeon), Room 2·1 (Alex), Hall·2 (Junho), Room 3·2 (Jisoo); round 3 is empty.
/// </summary>
public sealed class DemoEventData
{
    private readonly IReadOnlyDictionary<string, Guid> _people;
    private readonly IReadOnlyDictionary<string, Guid> _rooms;
    private readonly IReadOnlyDictionary<int, Guid> _rounds;
    private readonly IReadOnlyList<Guid> _cards;

    private DemoEventData(Guid eventId, IReadOnlyDictionary<string, Guid> people, IReadOnlyDictionary<string, Guid> rooms,
        IReadOnlyDictionary<int, Guid> rounds, IReadOnlyList<Guid> cards, IReadOnlyList<SessionRow> sessions)
    {
        EventId = eventId;
        _people = people;
        _rooms = rooms;
        _rounds = rounds;
        _cards = cards;
        Sessions = sessions;
    }

    public Guid EventId { get; }

    public IReadOnlyList<SessionRow> Sessions { get; }

    public static async Task<DemoEventData> LoadAsync(IDbContextFactory<AppDbContext> factory, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking()
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .AsSplitQuery()
            .SingleAsync(e => e.Slug == DemoEvent.Slug, ct);
        var people = await db.People.AsNoTracking().ToDictionaryAsync(p => p.DisplayName, p => p.Id, ct);
        var cards = await db.Cards.AsNoTracking().Where(c => c.EventId == evt.Id)
            .Select(c => new { c.Id, c.CreatedAt }).ToListAsync(ct);
        return new DemoEventData(
            evt.Id,
            people,
            evt.Rooms.ToDictionary(r => r.Name, r => r.Id),
            evt.Rounds.ToDictionary(r => r.Number, r => r.Id),
            cards.OrderBy(c => c.CreatedAt).Select(c => c.Id).ToList(),
            await ReadSessionsAsync(factory, evt.Id, ct));
    }

    /// <summary>Every session of the event, active or released, in a stable order: what "nothing changed" compares.</summary>
    public static async Task<IReadOnlyList<SessionRow>> ReadSessionsAsync(IDbContextFactory<AppDbContext> factory, Guid eventId, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var rows = await db.Sessions.AsNoTracking().Where(s => s.EventId == eventId)
            .Select(s => new SessionRow(s.Id, s.CardId, s.RoomId, s.RoundId, s.ModeratorId, s.Status))
            .ToListAsync(ct);
        return rows.OrderBy(r => r.Id).ToList();
    }

    public Guid Person(string displayName) => _people[displayName];

    public Guid Room(string name) => _rooms[name];

    public Guid Round(int number) => _rounds[number];

    /// <summary>The demo cards in the order they were seeded: 0–4 are placed, 5–9 wait for a slot.</summary>
    public Guid Card(int index) => _cards[index];

    public SessionRow SessionIn(string room, int round) =>
        Sessions.Single(s => s.RoomId == Room(room) && s.RoundId == Round(round) && s.Status == SessionStatus.Active);
}

public sealed record SessionRow(Guid Id, Guid CardId, Guid RoomId, Guid RoundId, Guid ModeratorId, SessionStatus Status);
