using Microsoft.JSInterop;

namespace RunawaysAlliance.Web.Components.Shared;

/// <summary>
/// JavaScript calls that may find the browser gone: a component's dispose runs when the circuit ends (the tab was
/// closed, the connection dropped for good), and then a call into the page throws instead of returning. Those
/// calls only tidy up the page; an exception from them must not crash the circuit while it is being disposed.
/// </summary>
public static class BrowserCalls
{
    /// <summary>True for what a call into a page that is gone throws: disconnected, or cancelled as the circuit ends.</summary>
    public static bool IsGone(Exception exception) =>
        exception is JSDisconnectedException or OperationCanceledException;

    /// <summary>Runs a call into the page; when the page is gone, there is nothing to do.</summary>
    public static async Task TryAsync(Func<ValueTask> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            await call();
        }
        catch (Exception ex) when (IsGone(ex))
        {
            // The page is gone; what the call would have tidied up went with it.
        }
    }

    /// <summary>Calls <paramref name="beforeDispose"/> (if any) on the module, then releases it; a page that is gone is fine.</summary>
    public static async ValueTask DisposeQuietlyAsync(IJSObjectReference? module, Func<IJSObjectReference, ValueTask>? beforeDispose = null)
    {
        if (module is null)
        {
            return;
        }

        if (beforeDispose is not null)
        {
            await TryAsync(() => beforeDispose(module));
        }

        await TryAsync(module.DisposeAsync);
    }
}
