using System.Collections.Concurrent;

namespace RunawaysAlliance.Web.Features.Plan;

/// <summary>
/// At most one planner run per event in this instance: the solver holds a core for its whole time limit, and two
/// organizers pressing "suggest" together (or one pressing it repeatedly) would otherwise each hold one, starving
/// the live circuits on a small machine. A second request is told a plan is already being worked out.
/// </summary>
public sealed class PlannerRuns
{
    private readonly ConcurrentDictionary<Guid, byte> _running = new();

    /// <summary>Starts a run for <paramref name="eventId"/>, or returns null when one is running; dispose the run to end it.</summary>
    public IDisposable? TryStart(Guid eventId) => _running.TryAdd(eventId, 0) ? new Run(this, eventId) : null;

    /// <summary>Whether a run for the event is in progress.</summary>
    public bool IsRunning(Guid eventId) => _running.ContainsKey(eventId);

    private sealed class Run(PlannerRuns owner, Guid eventId) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner._running.TryRemove(eventId, out _);
            }
        }
    }
}
