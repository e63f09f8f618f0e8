namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// Runs the last of a burst of requests once, when the burst has paused for <c>delay</c> on the injected clock:
/// rapid keystrokes in a search box cost one search, not one per key. One per component; a request replaces the
/// one still waiting. The action runs on a timer thread: a component passes its own <c>InvokeAsync</c>.
/// </summary>
public sealed class Debouncer(TimeProvider time, TimeSpan delay) : IDisposable
{
    /// <summary>How long a search box waits after the last keystroke: short enough to feel live on a phone.</summary>
    public static readonly TimeSpan SearchDelay = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Func<Task>? _pending;
    private bool _disposed;

    /// <summary>Whether a request is waiting for the pause.</summary>
    public bool IsPending
    {
        get
        {
            lock (_gate)
            {
                return _pending is not null;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> after the pause, unless another request comes first and replaces it.</summary>
    public void Request(Func<Task> action)
    {
        ArgumentNullException.ThrowIfNull(action);
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _pending = action;
            if (_timer is null)
            {
                _timer = time.CreateTimer(_ => Fire(), null, delay, Timeout.InfiniteTimeSpan);
            }
            else
            {
                _timer.Change(delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Drops a waiting request.</summary>
    public void Cancel()
    {
        lock (_gate)
        {
            _pending = null;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _pending = null;
            _timer?.Dispose();
            _timer = null;
        }
    }

    private void Fire()
    {
        Func<Task>? action;
        lock (_gate)
        {
            action = _pending;
            _pending = null;
        }

        // The component's InvokeAsync observes its own failures (they reach the circuit's error handling).
        _ = action?.Invoke();
    }
}
