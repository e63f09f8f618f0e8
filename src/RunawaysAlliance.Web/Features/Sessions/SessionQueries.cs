using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// A session's page as one viewer may see it, derived in memory from the event's shared live snapshot (like the card
/// page): the slot, the card, the seats and the timer are everyone's; who sits in the room is named only to the
/// session's own people and the organizers, everyone else sees counts.
/// </summary>
public static class SessionQueries
{
    public static SessionPageView? PageFor(BoardSnapshot board, Guid? viewerId, Guid sessionId)
    {
        ArgumentNullException.ThrowIfNull(board);
        var session = board.Sessions.FirstOrDefault(s => s.Id == sessionId);
        var room = session is null ? null : board.Schedule.Room(session.RoomId);
        var round = session is null ? null : board.Schedule.Round(session.RoundId);
        var card = session is null ? null : board.Book.Find(session.CardId);
        if (session is null || room is null || round is null || card is null)
        {
            return null;
        }

        var book = board.Book;
        var viewer = book.Member(viewerId);
        var seats = book.SeatsIn(sessionId).ToList();
        var people = PeopleOf(session, card, seats, book);
        var viewerPart = viewerId is { } me ? people.FirstOrDefault(p => p.PersonId == me)?.Part : null;
        var isOrganizer = viewer?.Role == EventRole.Organizer;
        var seeNames = isOrganizer || viewerPart is not null;
        var mySeat = viewerId is { } id ? seats.FirstOrDefault(s => s.PersonId == id) : null;

        // Another session of the same round where the viewer holds a seat: reserving here offers to switch.
        var otherSeat = viewerId is { } who
            ? book.SeatsOf(who)
                .Where(s => s.SessionId != sessionId)
                .Select(s => board.Sessions.FirstOrDefault(x => x.Id == s.SessionId))
                .FirstOrDefault(s => s is not null && s.RoundId == session.RoundId)
            : null;

        return new SessionPageView(
            session, room, round,
            book.IsMember(viewerId) || viewerId == card.AuthorId ? card : card with { Offers = [] },
            board.EventId, board.Slug, board.Name, board.Phase,
            viewer?.Role,
            CanRun: isOrganizer || session.ModeratorId == viewerId,
            ViewerPart: viewerPart,
            MySeat: mySeat,
            WaitlistPosition: mySeat is { IsWaitlisted: true } ? seats.Where(s => s.IsWaitlisted).TakeWhile(s => s.PersonId != mySeat.PersonId).Count() + 1 : null,
            People: seeNames ? people : [],
            OtherSeatThisRound: otherSeat);
    }

    // Moderator, haver, core solvers, then seats in the order they were taken, then the waitlist: each person once.
    private static List<Participant> PeopleOf(SessionView session, CardRecord card, List<SeatHolder> seats, CardBook book)
    {
        var people = new List<Participant>();
        var seen = new HashSet<Guid>();
        void Add(Guid id, SessionPart part, int? position = null)
        {
            if (seen.Add(id))
            {
                people.Add(new Participant(id, book.Member(id)?.DisplayName ?? NameFromCard(card, id), part, position, book.Member(id)?.AgreesToBeNamed ?? false));
            }
        }

        Add(session.ModeratorId, SessionPart.Moderator);
        Add(card.AuthorId, SessionPart.Haver);
        foreach (var core in card.Offers.Where(o => o.IsCoreSolver))
        {
            Add(core.SolverId, SessionPart.CoreSolver);
        }

        foreach (var seat in seats.Where(s => !s.IsWaitlisted))
        {
            Add(seat.PersonId, SessionPart.Seated);
        }

        var position = 0;
        foreach (var seat in seats.Where(s => s.IsWaitlisted))
        {
            position++;
            Add(seat.PersonId, SessionPart.Waitlisted, position);
        }

        return people;
    }

    private static string NameFromCard(CardRecord card, Guid id) =>
        id == card.AuthorId ? card.AuthorName : card.Offers.FirstOrDefault(o => o.SolverId == id)?.SolverName ?? string.Empty;
}

/// <summary>What a person is in a session.</summary>
public enum SessionPart
{
    Moderator,
    Haver,
    CoreSolver,
    Seated,
    Waitlisted,
}

/// <summary>Someone in a session, by display name (never a contact detail), and whether its record may name them.</summary>
public sealed record Participant(Guid PersonId, string Name, SessionPart Part, int? WaitlistPosition, bool AgreesToBeNamed);

/// <summary>A session's page for one viewer.</summary>
public sealed record SessionPageView(
    SessionView Session,
    RoomView Room,
    RoundView Round,
    CardRecord Card,
    Guid EventId,
    string Slug,
    string EventName,
    EventPhase Phase,
    EventRole? ViewerRole,
    bool CanRun,
    SessionPart? ViewerPart,
    SeatHolder? MySeat,
    int? WaitlistPosition,
    IReadOnlyList<Participant> People,
    SessionView? OtherSeatThisRound)
{
    public bool IsMember => ViewerRole is not null;

    /// <summary>Whether the viewer may read the record while it is private: the session's people and the organizers.</summary>
    public bool InSessionOrOrganizer => ViewerPart is not null || ViewerRole == EventRole.Organizer;

    public int CoreSolverCount => Card.Offers.Count(o => o.IsCoreSolver);
}
