using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Data.Tests;

/// <summary>A feed subscriber that records what it receives and lets a test await a particular change.</summary>
public sealed class FeedProbe
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly List<EventChange> _received = [];
    private readonly List<(Func<EventChange, bool> Match, TaskCompletionSource<EventChange> Done)> _waiters = [];

    public IReadOnlyList<EventChange> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public void Handle(EventChange change)
    {
        lock (_gate)
        {
            _received.Add(change);
            foreach (var waiter in _waiters.Where(w => w.Match(change)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Done.TrySetResult(change);
            }
        }
    }

    /// <summary>
    /// The first change (already received or still to come) that matches; fails after a generous timeout.
    /// The timeout is a safety net, not a latency assertion: latency is measured in the benchmarks.
    /// </summary>
    public Task<EventChange> WaitForAsync(Func<EventChange, bool> match, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var seen = _received.FirstOrDefault(match);
            if (seen is not null)
            {
                return Task.FromResult(seen);
            }

            var done = new TaskCompletionSource<EventChange>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, done));
            return done.Task.WaitAsync(Patience, cancellationToken);
        }
    }

    public Task<EventChange> WaitForAsync(EventChange change, CancellationToken cancellationToken) =>
        WaitForAsync(c => c == change, cancellationToken);
}
