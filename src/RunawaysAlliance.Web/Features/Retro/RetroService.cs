using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Retro;

/// <summary>How the answers about one session, room, round or cell add up.</summary>
public sealed record FeedbackTally(int Answers, double? AverageRating, int TooShort, int Right, int TooLong)
{
    public static readonly FeedbackTally Empty = new(0, null, 0, 0, 0);

    /// <summary>People who said anything about the time.</summary>
    public int LengthAnswers => TooShort + Right + TooLong;

    /// <summary>The share (0–100) of those who found the time too short; null when nobody said.</summary>
    public int? TooShortPercent => LengthAnswers == 0 ? null : (int)Math.Round(100.0 * TooShort / LengthAnswers);

    public static FeedbackTally Of(IReadOnlyCollection<SessionFeedback> answers) =>
        answers.Count == 0
            ? Empty
            : new FeedbackTally(answers.Count, Math.Round(answers.Average(a => a.Rating), 1),
                answers.Count(a => a.Length == SessionLength.TooShort), answers.Count(a => a.Length == SessionLength.Right),
                answers.Count(a => a.Length == SessionLength.TooLong));
}

public sealed record RetroSession(Guid Id, string Title, string Language, Guid RoomId, string Room, int Round, FeedbackTally Tally, IReadOnlyList<string> Comments);

public sealed record RetroGroup(Guid Id, string Name, FeedbackTally Tally);

/// <summary>The organizer's retrospective of an event: every session's answers, and the same by room, by round and per cell.</summary>
public sealed record RetroView(
    Guid EventId,
    string Slug,
    string Name,
    IReadOnlyList<RetroGroup> Rooms,
    IReadOnlyList<RetroGroup> Rounds,
    IReadOnlyDictionary<(Guid Room, Guid Round), FeedbackTally> Cells,
    IReadOnlyList<RetroSession> Sessions,
    int Answers);

/// <summary>
/// The retrospective (issue 13): reads the event's sessions with their feedback and adds it up. Organizers only,
/// checked here; answers are anonymous (no names, no person ids leave this service).
/// </summary>
public sealed class RetroService(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>The event's retrospective for an organizer; null when the event is not there or the caller does not organize it.</summary>
    public async Task<RetroView?> GetAsync(Guid? callerId, string slug, CancellationToken ct = default)
    {
        if (callerId is not { } me)
        {
            return null;
        }

        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Rooms).Include(e => e.Rounds)
            .Include(e => e.Members.Where(m => m.PersonId == me)).AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Slug == slug, ct);
        if (evt?.FindMember(me) is not { } caller || !caller.Has(EventRole.Organizer))
        {
            return null;
        }

        var sessions = await db.ActiveSessionsOf(evt.Id).AsNoTracking().Include(s => s.Feedback).ToListAsync(ct);
        var cardIds = sessions.Select(s => s.CardId).ToList();
        var cards = await db.Cards.AsNoTracking().Where(c => cardIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => (c.Title, c.Language), ct);
        var rooms = evt.Rooms.OrderBy(r => r.SortOrder).ToList();
        var rounds = evt.Rounds.OrderBy(r => r.Number).ToList();

        var retroSessions = (
            from s in sessions
            join room in rooms on s.RoomId equals room.Id
            join round in rounds on s.RoundId equals round.Id
            orderby round.Number, room.SortOrder
            select new RetroSession(s.Id, cards.GetValueOrDefault(s.CardId).Title ?? string.Empty, cards.GetValueOrDefault(s.CardId).Language ?? "en",
                room.Id, room.Name, round.Number, FeedbackTally.Of(s.Feedback),
                [.. s.Feedback.Where(f => f.Comment is { Length: > 0 }).OrderBy(f => f.GivenAt).Select(f => f.Comment!)])).ToList();

        return new RetroView(
            evt.Id,
            evt.Slug,
            evt.Name,
            [.. rooms.Select(r => new RetroGroup(r.Id, r.Name, FeedbackTally.Of([.. sessions.Where(s => s.RoomId == r.Id).SelectMany(s => s.Feedback)])))],
            [.. rounds.Select(r => new RetroGroup(r.Id, r.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                FeedbackTally.Of([.. sessions.Where(s => s.RoundId == r.Id).SelectMany(s => s.Feedback)])))],
            sessions.GroupBy(s => (s.RoomId, s.RoundId)).ToDictionary(g => g.Key, g => FeedbackTally.Of([.. g.SelectMany(s => s.Feedback)])),
            retroSessions,
            sessions.Sum(s => s.Feedback.Count));
    }
}
