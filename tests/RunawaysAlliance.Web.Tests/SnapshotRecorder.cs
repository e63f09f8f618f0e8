using System.Diagnostics;
using RunawaysAlliance.Web.Features.Board;

namespace RunawaysAlliance.Web.Tests;

/// <summary>A board watcher for tests: records every snapshot it is handed (on whatever thread) and lets a test wait for one.</summary>
internal sealed class SnapshotRecorder
{
    private readonly Lock _gate = new();
    private readonly List<BoardSnapshot> _received = [];
    private readonly List<(Func<BoardSnapshot, bool> Condition, TaskCompletionSource<BoardSnapshot> Done)> _waiters = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _received.Count;
            }
        }
    }

    public IReadOnlyList<BoardSnapshot> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public void OnChange(BoardSnapshot snapshot)
    {
        List<TaskCompletionSource<BoardSnapshot>> done;
        lock (_gate)
        {
            _received.Add(snapshot);
            var matched = _waiters.Where(w => w.Condition(snapshot)).ToList();
            _waiters.RemoveAll(matched.Contains);
            done = matched.Select(w => w.Done).ToList();
        }

        done.ForEach(d => d.TrySetResult(snapshot));
    }

    /// <summary>The first snapshot (already received or still to come) that meets <paramref name="condition"/>.</summary>
    public Task<BoardSnapshot> WaitForAsync(Func<BoardSnapshot, bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var done = new TaskCompletionSource<BoardSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_received.FirstOrDefault(condition) is { } already)
            {
                return Task.FromResult(already);
            }

            _waiters.Add((condition, done));
        }

        return done.Task.WaitAsync(timeout, ct);
    }

    /// <summary>Polls until no snapshot arrived for <paramref name="quiet"/> (at most <paramref name="timeout"/>).</summary>
    public async Task WaitUntilQuietAsync(TimeSpan quiet, TimeSpan timeout, CancellationToken ct)
    {
        var total = Stopwatch.StartNew();
        var sinceLast = Stopwatch.StartNew();
        var seen = Count;
        while (sinceLast.Elapsed < quiet)
        {
            if (total.Elapsed > timeout)
            {
                throw new TimeoutException($"Snapshots kept arriving for {timeout} ({Count} so far).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
            if (Count != seen)
            {
                seen = Count;
                sinceLast.Restart();
            }
        }
    }
}
