using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// The session's one server-authoritative timer: start, pause, resume, extend, end, through the event gate. It
/// stores instants (ADR 0010) read from the injected clock; pages count down in the browser from the end instant
/// the shared snapshot carries (ADR 0014), so nothing here ticks.
/// </summary>
public sealed class SessionTimerService(EventGate gate, IDbContextFactory<AppDbContext> factory, TimeProvider time)
{
    /// <summary>What "+5" adds.</summary>
    public static readonly TimeSpan DefaultExtension = TimeSpan.FromMinutes(5);

    private static readonly RuleMessage OnlyTheModerator =
        new(RuleCode.OnlySessionModeratorRunsTimer, "Only the session's moderator or an organizer can run its timer.");

    public Task<ServiceResult> StartAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, sessionId, (timer, now) => timer.Start(now), ct);

    public Task<ServiceResult> PauseAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, sessionId, (timer, now) => timer.Pause(now), ct);

    public Task<ServiceResult> ResumeAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, sessionId, (timer, now) => timer.Resume(now), ct);

    /// <summary>Gives the session more time (five minutes unless <paramref name="by"/> says otherwise).</summary>
    public Task<ServiceResult> ExtendAsync(Guid callerId, Guid eventId, Guid sessionId, TimeSpan? by = null, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, sessionId, (timer, now) => timer.Extend(by ?? DefaultExtension, now), ct);

    public Task<ServiceResult> EndAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        RunAsync(callerId, eventId, sessionId, (timer, now) => timer.End(now), ct);

    /// <summary>The timer as it stands now, or null for a session that is not there.</summary>
    public async Task<TimerView?> GetAsync(Guid eventId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var timer = await db.Sessions.AsNoTracking()
            .Where(s => s.Id == sessionId && s.EventId == eventId)
            .Select(s => s.Timer)
            .FirstOrDefaultAsync(ct);
        return timer is null ? null : TimerView.Of(timer, time.GetUtcNow());
    }

    private Task<ServiceResult> RunAsync(Guid callerId, Guid eventId, Guid sessionId, Action<SessionTimer, DateTimeOffset> act, CancellationToken ct) =>
        // Two clicks at the same instant (the moderator and an organizer): the loser is read again and the domain
        // decides with the winner's state ("already started"), instead of a bare conflict.
        gate.RunAsync(new EventRequest(callerId, eventId, EventRole.Attendee, OnlyTheModerator) { Attempts = 3 }, async access =>
        {
            var session = await access.Db.Sessions.Include(s => s.Timer)
                .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(new RuleMessage(RuleCode.NoSuchSession, "That session does not exist."));
            }

            if (!SessionPeople.CanRun(access.Caller, session))
            {
                return ServiceResult.Forbidden(OnlyTheModerator);
            }

            if (!session.IsActive)
            {
                return ServiceResult.Rejected(new RuleMessage(RuleCode.SessionGaveSlotBack, "This session gave its slot back."));
            }

            act(session.Timer, access.Now);
            access.Announce(ChangeKind.Timer, sessionId);
            return ServiceResult.Ok;
        }, ct);
}

/// <summary>A timer read at <see cref="ReadAt"/>: the end instant while running, the time left and the warning instant.</summary>
public sealed record TimerView(
    Guid SessionId,
    TimerState State,
    DateTimeOffset? EndsAt,
    TimeSpan Remaining,
    DateTimeOffset? WarningAt,
    TimeSpan Planned,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    DateTimeOffset ReadAt)
{
    /// <summary>The last minutes that show as a warning on every screen.</summary>
    public static readonly TimeSpan Warning = TimeSpan.FromMinutes(5);

    public static TimerView Of(SessionTimer timer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timer);
        return new TimerView(
            timer.SessionId, timer.State, timer.EndsAt, timer.RemainingAt(now),
            timer.State == TimerState.Running && timer.EndsAt is { } end ? end - Warning : null,
            timer.Planned, timer.StartedAt, timer.EndedAt, now);
    }

    /// <summary>Running with no time left: the session is over time (the moderator has not ended it yet).</summary>
    public bool IsOverTime => State == TimerState.Running && Remaining <= TimeSpan.Zero;

    public bool IsWarning => State == TimerState.Running && Remaining > TimeSpan.Zero && Remaining <= Warning;
}
