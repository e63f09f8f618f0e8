using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>Where a session's timer is.</summary>
public enum TimerState
{
    /// <summary>Not started yet; the whole time is left.</summary>
    NotStarted = 0,

    /// <summary>Counting down to <see cref="SessionTimer.EndsAt"/>.</summary>
    Running = 1,

    /// <summary>Stopped with <see cref="SessionTimer.Remaining"/> left.</summary>
    Paused = 2,

    /// <summary>Over: the moderator ended it.</summary>
    Ended = 3,
}

/// <summary>
/// The moderator's countdown. Server-authoritative: it stores instants and the time left, never ticks; a
/// browser counts down locally from <see cref="EndsAt"/>. Its own row and concurrency token (ADR 0010).
/// </summary>
public sealed class SessionTimer
{
    /// <summary>The most one extension may add.</summary>
    public static readonly TimeSpan MaxExtension = TimeSpan.FromMinutes(60);

    private SessionTimer()
    {
    }

    internal SessionTimer(Guid sessionId, TimeSpan planned)
    {
        SessionId = sessionId;
        Planned = planned;
        Remaining = planned;
        State = TimerState.NotStarted;
    }

    public Guid SessionId { get; private set; }

    public TimerState State { get; private set; }

    /// <summary>The length the session was given (the round's), before any extension.</summary>
    public TimeSpan Planned { get; private set; }

    /// <summary>Time left while not running (not started or paused); while running see <see cref="RemainingAt"/>.</summary>
    public TimeSpan Remaining { get; private set; }

    /// <summary>When the countdown reaches zero, while running.</summary>
    public DateTimeOffset? EndsAt { get; private set; }

    /// <summary>When it was first started.</summary>
    public DateTimeOffset? StartedAt { get; private set; }

    /// <summary>When the moderator ended it.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The time left at <paramref name="now"/>; zero (never negative) once it ran out.</summary>
    public TimeSpan RemainingAt(DateTimeOffset now) => State switch
    {
        TimerState.Running => EndsAt!.Value - now > TimeSpan.Zero ? EndsAt.Value - now : TimeSpan.Zero,
        TimerState.Ended => TimeSpan.Zero,
        _ => Remaining,
    };

    /// <summary>Starts the countdown.</summary>
    public void Start(DateTimeOffset now)
    {
        if (State != TimerState.NotStarted)
        {
            throw new RuleViolationException(RuleCode.TimerAlreadyStarted, "The timer has already been started.");
        }

        StartedAt = now;
        Run(now);
    }

    /// <summary>Stops the countdown, keeping the time left.</summary>
    public void Pause(DateTimeOffset now)
    {
        if (State != TimerState.Running)
        {
            throw new RuleViolationException(RuleCode.TimerNotRunning, "Only a running timer can be paused.");
        }

        Remaining = RemainingAt(now);
        EndsAt = null;
        State = TimerState.Paused;
    }

    /// <summary>Continues a paused countdown from the time it had left.</summary>
    public void Resume(DateTimeOffset now)
    {
        if (State != TimerState.Paused)
        {
            throw new RuleViolationException(RuleCode.TimerNotPaused, "Only a paused timer can be resumed.");
        }

        Run(now);
    }

    /// <summary>Gives the session more time; a countdown that ran out starts again from the extra time.</summary>
    public void Extend(TimeSpan by, DateTimeOffset now)
    {
        if (by <= TimeSpan.Zero || by > MaxExtension)
        {
            throw new InvalidInputException("extension", RuleCode.ExtensionOutOfRange, $"An extension is between 1 and {MaxExtension.TotalMinutes:0} minutes.", InputProblem.Invalid, (int)MaxExtension.TotalMinutes, [(int)MaxExtension.TotalMinutes]);
        }

        switch (State)
        {
            case TimerState.Ended:
                throw new RuleViolationException(RuleCode.TimerEndedNoExtension, "The session has ended; its timer can no longer be extended.");
            case TimerState.Running:
                EndsAt = (EndsAt!.Value > now ? EndsAt.Value : now) + by;
                break;
            default:
                Remaining += by;
                break;
        }
    }

    /// <summary>Ends the session's time.</summary>
    public void End(DateTimeOffset now)
    {
        if (State == TimerState.Ended)
        {
            throw new RuleViolationException(RuleCode.TimerAlreadyEnded, "The timer has already ended.");
        }

        Remaining = RemainingAt(now);
        EndsAt = null;
        EndedAt = now;
        State = TimerState.Ended;
    }

    /// <summary>A session moved to a round of another length: a timer not started yet plans the new length.</summary>
    internal void Replan(TimeSpan planned)
    {
        if (State == TimerState.NotStarted)
        {
            Planned = planned;
            Remaining = planned;
        }
    }

    private void Run(DateTimeOffset now)
    {
        EndsAt = now + Remaining;
        State = TimerState.Running;
    }
}
