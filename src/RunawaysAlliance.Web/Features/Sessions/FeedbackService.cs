using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>What a participant says about a session: the stars, whether the time fit, a comment.</summary>
public sealed record FeedbackInput(int Rating, SessionLength? Length, string? Comment);

/// <summary>The caller's own feedback on a session, and whether they may give (or change) it now.</summary>
public sealed record MyFeedback(bool CanGive, int? Rating, SessionLength? Length, string? Comment)
{
    public static readonly MyFeedback None = new(false, null, null, null);
}

/// <summary>
/// Feedback after the evening (issue 13): each participant of a session (the moderator, the haver, whoever held a
/// seat) rates it once it has ended; giving it again replaces it. Authorized on the server through the event gate;
/// the domain decides who took part and whether the session is over.
/// </summary>
public sealed class FeedbackService(EventGate gate, IDbContextFactory<AppDbContext> factory, TimeProvider time)
{
    public Task<ServiceResult> GiveAsync(Guid callerId, Guid eventId, Guid sessionId, FeedbackInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return AfterSession.RunAsync(gate, callerId, eventId, sessionId, sessions => sessions.Include(s => s.Feedback),
            (session, round, now) => session.GiveFeedback(callerId, input.Rating, input.Length, input.Comment, round, now), ct);
    }

    /// <summary>The caller's feedback on the session (to fill the form) and whether they may give it now.</summary>
    public async Task<MyFeedback> MineAsync(Guid? callerId, Guid eventId, Guid sessionId, CancellationToken ct = default)
    {
        if (callerId is not { } me)
        {
            return MyFeedback.None;
        }

        await using var db = factory.CreateDbContext();
        var session = await db.Sessions.AsNoTracking().Include(s => s.Reservations).Include(s => s.Feedback).Include(s => s.Timer)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
        var round = session is null ? null : await db.Set<Round>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == session.RoundId, ct);
        if (session is null || round is null || !session.IsActive || !session.TookPart(me))
        {
            return MyFeedback.None;
        }

        var mine = session.Feedback.FirstOrDefault(f => f.PersonId == me);
        return new MyFeedback(session.HasEnded(round, time.GetUtcNow()), mine?.Rating, mine?.Length, mine?.Comment);
    }
}
