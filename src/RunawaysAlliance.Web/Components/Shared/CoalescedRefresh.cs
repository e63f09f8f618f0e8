namespace RunawaysAlliance.Web.Components.Shared;

/// <summary>
/// Turns a burst of feed changes into one refresh after a short window, for pages that re-read their own data
/// (a card page, My evening). Changes that arrive while a refresh waits ride along with it; one that arrives
/// after the window has started its read schedules the next refresh, so nothing committed is missed.
/// </summary>
public sealed class CoalescedRefresh(TimeSpan window, Func<Task> refresh)
{
    private int _pending;

    /// <summary>Asks for a refresh; safe to call from any thread.</summary>
    public void Request()
    {
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _ = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        await Task.Delay(window);
        Interlocked.Exchange(ref _pending, 0);
        await refresh();
    }
}
