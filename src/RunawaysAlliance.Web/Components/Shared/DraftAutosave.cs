namespace RunawaysAlliance.Web.Components.Shared;

/// <summary>
/// Saves what a person types into a form as a draft, without a save button: once per pause in the typing, on the
/// server, one save at a time. The browser keeps its own copy (for typing while the connection is down); after a
/// server save that copy is marked in sync, and a form that posted its draft clears it. Used by the card form and
/// meant for every form whose text must survive a lost connection (the session record).
/// </summary>
/// <remarks>
/// The form passes the values to save (an immutable snapshot) with every change. Saves started by the pause run
/// through <see cref="Dispatch"/>, so a component can put them on its renderer (<c>InvokeAsync</c>), as its own
/// event handlers are.
/// </remarks>
public sealed class DraftAutosave<TDraft>(IDraftStore<TDraft> store, TimeProvider time, ILogger logger) : IAsyncDisposable
{
    /// <summary>Typing pauses this long before the draft goes to the server: one save per pause, not per keystroke.</summary>
    public static readonly TimeSpan DefaultDelay = TimeSpan.FromMilliseconds(400);

    // One save at a time; a submit waits for the save in flight (HoldAsync) so that it cannot bring back a posted draft.
    private readonly SemaphoreSlim _saving = new(1, 1);
    private CancellationTokenSource? _pending;
    private Task _scheduled = Task.CompletedTask;
    // The newest values the form handed over: a save the server put off goes again with these.
    private TDraft? _latest;
    private bool _completed;
    private bool _disposed;

    public TimeSpan Delay { get; init; } = DefaultDelay;

    /// <summary>Runs a save that the pause started; a component passes its <c>InvokeAsync</c>.</summary>
    public Func<Func<Task>, Task> Dispatch { get; init; } = work => work();

    /// <summary>Called (through the same context as the save) whenever <see cref="State"/> changes.</summary>
    public Action? StateChanged { get; init; }

    /// <summary>What to name in the log line when a save fails (an id, never personal data).</summary>
    public object? LogSubject { get; init; }

    public DraftState State { get; private set; } = DraftState.Idle;

    /// <summary>When the server last saved the draft.</summary>
    public DateTimeOffset? SavedAt { get; private set; }

    /// <summary>Why the server refused the last save (<see cref="DraftState.Refused"/>).</summary>
    public string? Refusal { get; private set; }

    /// <summary>The draft became what it was for (the card was posted): nothing is saved any more.</summary>
    public bool IsCompleted => _completed;

    /// <summary>The save the last change scheduled (completed when none is waiting); lets tests wait for it.</summary>
    internal Task ScheduledSave => _scheduled;

    /// <summary>The form opened with a draft the server already had.</summary>
    public void Restored(DateTimeOffset savedAt)
    {
        State = DraftState.Saved;
        SavedAt = savedAt;
        Refusal = null;
    }

    /// <summary>The person changed something: saves <paramref name="draft"/> after a pause; a newer change replaces it.</summary>
    public void Changed(TDraft draft)
    {
        if (_completed || _disposed)
        {
            return;
        }

        _latest = draft;
        CancelScheduled();
        _pending = new CancellationTokenSource();
        SetState(DraftState.Pending);
        _scheduled = SaveLaterAsync(() => draft, Delay, _pending);
    }

    /// <summary>
    /// Saves at once, without waiting for a pause: what the browser kept while the connection was down, sent when
    /// it is back (or found in the browser when the form opens).
    /// </summary>
    public Task SaveNowAsync(TDraft draft)
    {
        // These are the newest values (the browser's, or the form's when it opened): a put-off save sends them again.
        _latest = draft;
        return SaveAsync(draft);
    }

    private async Task SaveAsync(TDraft draft)
    {
        TimeSpan? retryAfter = null;
        await _saving.WaitAsync();
        try
        {
            if (_completed || _disposed)
            {
                return;
            }

            SetState(DraftState.Saving);
            var outcome = await store.SaveAsync(draft, CancellationToken.None);
            if (outcome.RetryAfter is { } wait)
            {
                // Too many saves in a short time: not a refusal of the text. The browser's copy stays "not yet synced"
                // and the newest values go again after the wait (a change before then schedules its own save).
                State = DraftState.KeptOnDevice;
                retryAfter = wait;
            }
            else
            {
                // A refusal is not a connection problem: it says what the server said instead of "kept on this device".
                Refusal = outcome.Refusal;
                SavedAt = outcome.IsSaved ? time.GetUtcNow() : SavedAt;
                if (outcome.IsSaved)
                {
                    await store.MarkLocalCopySyncedAsync(draft);
                }

                State = outcome.IsSaved ? DraftState.Saved : DraftState.Refused;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The browser still has the text; it is sent again with the next change or reconnect.
            logger.LogWarning(ex, "Could not save a draft for {Subject}", LogSubject);
            State = DraftState.KeptOnDevice;
        }
        finally
        {
            _saving.Release();
        }

        if (retryAfter is { } later)
        {
            RetryLater(later);
        }

        Notify();
    }

    /// <summary>
    /// Drops the scheduled save and waits for the one in flight; no save starts until the returned lease is
    /// disposed. A form holds it while it posts the draft, so that a late save cannot bring the draft back.
    /// </summary>
    public async Task<IAsyncDisposable> HoldAsync()
    {
        CancelScheduled();
        await _saving.WaitAsync();
        return new Lease(_saving);
    }

    /// <summary>The draft was posted: no more saves, and the browser's copy goes (the server removed its draft).</summary>
    public async Task CompleteAsync()
    {
        _completed = true;
        CancelScheduled();
        await store.ClearLocalCopyAsync();
    }

    /// <summary>The person dropped the draft: the scheduled save is cancelled, the server's draft and the browser's copy go.</summary>
    public async Task DiscardAsync()
    {
        CancelScheduled();
        await _saving.WaitAsync();
        try
        {
            await store.DiscardAsync(CancellationToken.None);
            await store.ClearLocalCopyAsync();
            Refusal = null;
            SetState(DraftState.Idle);
        }
        finally
        {
            _saving.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        CancelScheduled();
        // The semaphore is not disposed: a save in flight still releases it, and it holds no handle.
        return ValueTask.CompletedTask;
    }

    private void RetryLater(TimeSpan wait)
    {
        // A change typed meanwhile has its own save coming, with newer values; otherwise the newest go after the wait.
        if (_completed || _disposed || _pending is not null || _latest is null)
        {
            return;
        }

        _pending = new CancellationTokenSource();
        // The values are read when the wait is over: the browser may have sent newer ones meanwhile.
        _scheduled = SaveLaterAsync(() => _latest!, wait, _pending);
    }

    private async Task SaveLaterAsync(Func<TDraft> draft, TimeSpan delay, CancellationTokenSource pending)
    {
        var token = pending.Token;
        try
        {
            await Task.Delay(delay, time, token);
            await Dispatch(() =>
            {
                if (token.IsCancellationRequested)
                {
                    return Task.CompletedTask;
                }

                // This save runs now, so it is no longer waiting: a change from here on schedules its own.
                if (ReferenceEquals(_pending, pending))
                {
                    _pending = null;
                    pending.Dispose();
                }

                return SaveAsync(draft());
            });
        }
        catch (OperationCanceledException)
        {
            // A newer change (or the submit, or the end of the form) took over.
        }
    }

    private void CancelScheduled()
    {
        _pending?.Cancel();
        _pending?.Dispose();
        _pending = null;
    }

    private void SetState(DraftState state)
    {
        State = state;
        Notify();
    }

    private void Notify()
    {
        if (!_disposed)
        {
            StateChanged?.Invoke();
        }
    }

    private sealed class Lease(SemaphoreSlim saving) : IAsyncDisposable
    {
        private int _released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                saving.Release();
            }

            return ValueTask.CompletedTask;
        }
    }
}
