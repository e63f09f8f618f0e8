using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Domain.Tests;

/// <summary>
/// The demo evening: 7 rooms ("Room 1" is the 35-seat hall, the rest seat 12) and 3 rounds of 45 minutes
/// at 19:00, 20:00 and 21:00 Asia/Seoul (10:00, 11:00, 12:00 UTC) on 2025-12-11, with one organizer.
/// </summary>
internal sealed class TestEvent
{
    public const int HallCapacity = 35;
    public const int SmallRoomCapacity = 12;

    public static readonly DateTimeOffset Now = Utc(9);

    private TestEvent(Event @event, Guid organizerId)
    {
        Event = @event;
        OrganizerId = organizerId;
    }

    public Event Event { get; }

    public Guid OrganizerId { get; }

    /// <summary>An instant on 2025-12-11 in UTC.</summary>
    public static DateTimeOffset Utc(int hour, int minute = 0) => new(2025, 12, 11, hour, minute, 0, TimeSpan.Zero);

    /// <summary>An instant on 2025-12-11 in Seoul time (UTC+9).</summary>
    public static DateTimeOffset Seoul(int hour, int minute = 0) => new(2025, 12, 11, hour, minute, 0, TimeSpan.FromHours(9));

    /// <summary>An event in Setup with no rooms and no rounds.</summary>
    public static Event Empty(string slug = "runaways-2025") =>
        new(Guid.NewGuid(), slug, "Runaways' Alliance", "Seoul", Event.DefaultTimeZoneId, Now);

    /// <summary>The demo grid, moved to <paramref name="phase"/>.</summary>
    public static TestEvent Create(EventPhase phase = EventPhase.Marketplace)
    {
        var @event = Empty();
        for (var number = 1; number <= 7; number++)
        {
            @event.AddRoom($"Room {number}", number == 1 ? HallCapacity : SmallRoomCapacity);
        }

        @event.AddRound(Seoul(19));
        @event.AddRound(Seoul(20));
        @event.AddRound(Seoul(21));

        var organizerId = Guid.NewGuid();
        @event.AddMember(organizerId, EventRole.Organizer, Now);
        if (phase != EventPhase.Setup)
        {
            @event.AdvanceTo(phase);
        }

        return new TestEvent(@event, organizerId);
    }

    /// <summary>Room number <paramref name="number"/>, counted from 1 in board order.</summary>
    public Room Room(int number) => Event.Rooms[number - 1];

    /// <summary>Round number <paramref name="number"/>, counted from 1 in time order.</summary>
    public Round Round(int number) => Event.Rounds[number - 1];

    public Guid NewModerator() => NewMember(EventRole.Moderator);

    public Guid NewAttendee() => NewMember(EventRole.Attendee);

    public Guid NewMember(EventRole role)
    {
        var personId = Guid.NewGuid();
        Event.AddMember(personId, role, Now);
        return personId;
    }

    /// <summary>An open card in this event by <paramref name="authorId"/> (a new attendee when null).</summary>
    public ProblemCard NewCard(Guid? authorId = null, string title = "Our volunteers burn out") =>
        new(Guid.NewGuid(), Event.Id, authorId ?? NewAttendee(), TestCard.Content(title), Now);

    /// <summary>Every session claimed through this helper, active or released: the event's board as a store would load it.</summary>
    public List<Session> Sessions { get; } = [];

    /// <summary>Places <paramref name="card"/> in Room <paramref name="room"/> · Round <paramref name="round"/>.</summary>
    public Session Claim(ProblemCard card, int room, int round, Guid moderatorId)
    {
        var session = Event.ClaimSlot(card, Room(room).Id, Round(round).Id, moderatorId, Sessions, Now);
        Sessions.Add(session);
        _cards[card.Id] = card;
        return session;
    }

    /// <summary>The active session in a slot, if any.</summary>
    public Session? SessionIn(Guid roomId, Guid roundId) =>
        Sessions.FirstOrDefault(s => s.IsActive && s.RoomId == roomId && s.RoundId == roundId);

    /// <summary>Gives a session's slot back, as its moderator would.</summary>
    public void Release(Guid sessionId, DateTimeOffset at)
    {
        var session = Sessions.Single(s => s.Id == sessionId);
        session.Release(_cards[session.CardId], at);
    }

    /// <summary>The card a claimed session holds.</summary>
    public ProblemCard CardOf(Session session) => _cards[session.CardId];

    /// <summary>The cards of the claimed sessions by id, as a grid change needs them to release a session.</summary>
    public IReadOnlyDictionary<Guid, ProblemCard> Cards => _cards;

    private readonly Dictionary<Guid, ProblemCard> _cards = [];
}
