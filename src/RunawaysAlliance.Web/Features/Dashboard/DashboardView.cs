using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Board;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Dashboard;

/// <summary>
/// What the organizer's live dashboard shows, derived in memory from the shared board snapshot and the time: how full
/// each round is, which cards wait for a slot (most offers first) and which have no offer yet, crowded sessions, timers
/// running late, and the moderators with and without a session. No query of its own.
/// </summary>
public sealed record DashboardView(
    IReadOnlyList<RoundFill> Rounds,
    IReadOnlyList<CardView> UnplacedByOffers,
    IReadOnlyList<CardView> WithoutOffers,
    IReadOnlyList<CrowdedSession> Crowded,
    IReadOnlyList<LateTimer> Late,
    IReadOnlyList<ModeratorLoad> Moderators)
{
    /// <summary>A waitlist this long (or longer) is worth an organizer's look: a bigger room, or a second session.</summary>
    public const int LongWaitlist = 5;

    /// <summary>How long after a round starts a timer that was never started counts as late.</summary>
    public static readonly TimeSpan StartGrace = TimeSpan.FromMinutes(5);

    /// <summary>How many cards each card list shows.</summary>
    public const int CardsShown = 10;

    public static DashboardView From(BoardSnapshot board, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(board);
        var rounds = board.Rounds
            .Select(r => new RoundFill(r, board.Sessions.Count(s => s.RoundId == r.Id), board.Rooms.Count))
            .ToList();
        var unplaced = board.UnplacedCards
            .OrderByDescending(c => c.CoreSolverCount).ThenByDescending(c => c.OfferCount).ThenBy(c => c.CreatedAt)
            .Take(CardsShown).ToList();
        var lonely = board.UnplacedCards.Where(c => c.OfferCount == 0).OrderBy(c => c.CreatedAt).Take(CardsShown).ToList();
        var crowded = board.Sessions
            .Where(s => s.Waitlisted > 0 || s.SeatsTaken > s.Capacity)
            .OrderByDescending(s => s.Waitlisted).ThenByDescending(s => s.SeatsTaken - s.Capacity)
            .Select(s => new CrowdedSession(s, Slot(board, s), s.Waitlisted >= LongWaitlist || s.SeatsTaken > s.Capacity))
            .ToList();
        var late = board.Sessions
            .Select(s => (Session: s, Round: board.Schedule.Round(s.RoundId)))
            .Where(x => x.Round is not null)
            .Select(x => new LateTimer(x.Session, Slot(board, x.Session), LateReason(x.Session, x.Round!, now)))
            .Where(x => x.Reason is not null)
            .ToList();
        var moderating = board.Sessions.ToLookup(s => s.ModeratorId);
        var moderators = board.Book.Members
            .Where(m => m.Role >= EventRole.Moderator)
            .Select(m => new ModeratorLoad(m.PersonId, m.DisplayName, m.Role, [.. moderating[m.PersonId].Select(s => Slot(board, s))]))
            .OrderBy(m => m.Slots.Count > 0).ThenBy(m => m.Role).ThenBy(m => m.Name, StringComparer.CurrentCulture)
            .ToList();
        return new DashboardView(rounds, unplaced, lonely, crowded, late, moderators);
    }

    // Late: the round is under way and the timer never started; or the round is over and the session still runs.
    private static LateReason? LateReason(SessionView session, RoundView round, DateTimeOffset now) => session.TimerState switch
    {
        TimerState.NotStarted when now >= round.StartsAt + StartGrace && now < round.EndsAt => Dashboard.LateReason.NotStarted,
        TimerState.Running when now >= round.EndsAt || (session.TimerEndsAt is { } end && end > round.EndsAt) => Dashboard.LateReason.Overrunning,
        TimerState.Paused when now >= round.EndsAt => Dashboard.LateReason.Overrunning,
        _ => null,
    };

    private static Domain.Events.SlotName Slot(BoardSnapshot board, SessionView session) =>
        new(board.Schedule.Room(session.RoomId)?.Name ?? "?", board.Schedule.Round(session.RoundId)?.Number ?? 0);
}

/// <summary>One round: how many of its slots hold a session.</summary>
public sealed record RoundFill(RoundView Round, int Filled, int Slots)
{
    public int Open => Slots - Filled;
}

/// <summary>A session with a waitlist; <see cref="IsLong"/> when it needs a look.</summary>
public sealed record CrowdedSession(SessionView Session, Domain.Events.SlotName Slot, bool IsLong);

/// <summary>Why a session's timer is late.</summary>
public enum LateReason
{
    /// <summary>The round began more than five minutes ago and the timer was never started.</summary>
    NotStarted,

    /// <summary>The session runs past the end of its round.</summary>
    Overrunning,
}

/// <summary>A session whose timer is late.</summary>
public sealed record LateTimer(SessionView Session, Domain.Events.SlotName Slot, LateReason? Reason);

/// <summary>A moderator (or organizer) and the slots they moderate; none yet is what the organizer looks for.</summary>
public sealed record ModeratorLoad(Guid PersonId, string Name, EventRole Role, IReadOnlyList<Domain.Events.SlotName> Slots);
