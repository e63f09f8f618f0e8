using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using RunawaysAlliance.Web.Components.Shared;

namespace RunawaysAlliance.Web.Tests.Components;

/// <summary>The draft autosave of the card form (and of the session record): when it saves, what it says, what it keeps.</summary>
public sealed class DraftAutosaveTests
{
    private static readonly TimeSpan Pause = DraftAutosave<string>.DefaultDelay;

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 12, 11, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeStore _store = new();

    [Fact]
    public async Task Changed_BurstOfTyping_SavesOnceWithTheLastValueAfterThePause()
    {
        await using var autosave = Create();

        autosave.Changed("a");
        _time.Advance(Pause / 2);
        autosave.Changed("ab");
        _time.Advance(Pause / 2);
        autosave.Changed("abc");
        _time.Advance(Pause - TimeSpan.FromMilliseconds(1));
        _store.Saves.Should().BeEmpty("the typing has not paused long enough yet");
        autosave.State.Should().Be(DraftState.Pending);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await SettledAsync(autosave);

        _store.Saves.Should().Equal("abc");
        _store.Synced.Should().Equal("abc");
        autosave.State.Should().Be(DraftState.Saved);
        autosave.SavedAt.Should().Be(_time.GetUtcNow());
    }

    [Fact]
    public async Task Changed_AfterThePause_SavesThroughTheDispatcher()
    {
        var dispatched = 0;
        await using var autosave = new DraftAutosave<string>(_store, _time, NullLogger.Instance)
        {
            Dispatch = work =>
            {
                dispatched++;
                return work();
            },
        };

        autosave.Changed("typed");
        _time.Advance(Pause);
        await SettledAsync(autosave);

        dispatched.Should().Be(1);
        _store.Saves.Should().Equal("typed");
    }

    [Fact]
    public async Task SaveNowAsync_Succeeds_ReportsSavingThenSaved()
    {
        var seen = new List<DraftState>();
        DraftAutosave<string>? autosave = null;
        autosave = new DraftAutosave<string>(_store, _time, NullLogger.Instance) { StateChanged = () => seen.Add(autosave!.State) };

        await autosave.SaveNowAsync("typed");

        seen.Should().Equal(DraftState.Saving, DraftState.Saved);
        autosave.Refusal.Should().BeNull();
        await autosave.DisposeAsync();
    }

    [Fact]
    public async Task SaveNowAsync_ServerUnreachable_KeepsTheTextOnTheDevice()
    {
        await using var autosave = Create();
        _store.Answer = _ => throw new HttpRequestException("connection refused");

        autosave.Changed("typed on the train");
        _time.Advance(Pause);
        await SettledAsync(autosave);

        autosave.State.Should().Be(DraftState.KeptOnDevice);
        _store.Synced.Should().BeEmpty("the browser's copy must stay marked as not on the server");
        _store.LocalCopyCleared.Should().Be(0);
        autosave.SavedAt.Should().BeNull();
    }

    [Fact]
    public async Task SaveNowAsync_ReconnectAfterAFailedSave_PushesOnceAndMarksTheCopySynced()
    {
        await using var autosave = Create();
        _store.Answer = _ => throw new HttpRequestException("connection refused");
        autosave.Changed("typed offline");
        _time.Advance(Pause);
        await SettledAsync(autosave);
        _store.Answer = _ => Task.FromResult(DraftSaveOutcome.Saved);

        await autosave.SaveNowAsync("typed offline");
        _time.Advance(Pause * 10);
        await SettledAsync(autosave);

        _store.Saves.Should().Equal(["typed offline", "typed offline"], "one save failed and the reconnect pushed once");
        _store.Synced.Should().Equal("typed offline");
        autosave.State.Should().Be(DraftState.Saved);
    }

    [Fact]
    public async Task SaveNowAsync_Refused_SaysWhyAndKeepsTheLastSaveTime()
    {
        await using var autosave = Create();
        var before = _time.GetUtcNow().AddMinutes(-3);
        autosave.Restored(before);
        _store.Answer = _ => Task.FromResult(DraftSaveOutcome.Refused("This card was withdrawn."));

        await autosave.SaveNowAsync("more text");

        autosave.State.Should().Be(DraftState.Refused);
        autosave.Refusal.Should().Be("This card was withdrawn.");
        autosave.SavedAt.Should().Be(before);
        _store.Synced.Should().BeEmpty("a refused draft is not on the server");
    }

    [Fact]
    public async Task SaveNowAsync_SavedAfterARefusal_ForgetsTheRefusal()
    {
        await using var autosave = Create();
        _store.Answer = _ => Task.FromResult(DraftSaveOutcome.Refused("Too many"));
        await autosave.SaveNowAsync("one");
        _store.Answer = _ => Task.FromResult(DraftSaveOutcome.Saved);

        await autosave.SaveNowAsync("two");

        autosave.State.Should().Be(DraftState.Saved);
        autosave.Refusal.Should().BeNull();
    }

    [Fact]
    public async Task Restored_DraftFromTheServer_IsSavedAtItsTime()
    {
        await using var autosave = Create();
        var at = _time.GetUtcNow().AddHours(-1);

        autosave.Restored(at);

        autosave.State.Should().Be(DraftState.Saved);
        autosave.SavedAt.Should().Be(at);
        _store.Saves.Should().BeEmpty();
    }

    [Fact]
    public async Task DisposeAsync_WithASaveScheduled_NeverSaves()
    {
        var autosave = Create();
        autosave.Changed("typed");

        await autosave.DisposeAsync();
        _time.Advance(Pause * 2);
        await SettledAsync(autosave);

        _store.Saves.Should().BeEmpty();
    }

    [Fact]
    public async Task HoldAsync_WithASaveInFlight_WaitsUntilItEnds()
    {
        await using var autosave = Create();
        var gate = new TaskCompletionSource<DraftSaveOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        _store.Answer = _ => gate.Task;
        var saving = autosave.SaveNowAsync("typed");

        var hold = autosave.HoldAsync();
        hold.IsCompleted.Should().BeFalse("a post must not overtake the save in flight");

        gate.SetResult(DraftSaveOutcome.Saved);
        await using (await hold.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken))
        {
            autosave.State.Should().Be(DraftState.Saved);
        }

        await saving;
    }

    [Fact]
    public async Task HoldAsync_WithASaveScheduled_DropsItAndHoldsLaterSaves()
    {
        await using var autosave = Create();
        autosave.Changed("typed");

        var hold = await autosave.HoldAsync();
        _time.Advance(Pause * 2);
        await SettledAsync(autosave);
        var later = autosave.SaveNowAsync("after");
        _store.Saves.Should().BeEmpty();

        await hold.DisposeAsync();
        await later.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        _store.Saves.Should().Equal("after");
    }

    [Fact]
    public async Task CompleteAsync_AfterAPost_ClearsTheLocalCopyAndSavesNothingMore()
    {
        await using var autosave = Create();

        await autosave.CompleteAsync();
        autosave.Changed("late keystroke");
        _time.Advance(Pause * 2);
        await SettledAsync(autosave);
        await autosave.SaveNowAsync("late reconnect");

        autosave.IsCompleted.Should().BeTrue();
        _store.LocalCopyCleared.Should().Be(1);
        _store.Saves.Should().BeEmpty();
        autosave.State.Should().Be(DraftState.Idle);
    }

    [Fact]
    public async Task DiscardAsync_WithASaveScheduled_CancelsItAndRemovesBothCopies()
    {
        await using var autosave = Create();
        autosave.Changed("typed");

        await autosave.DiscardAsync();
        _time.Advance(Pause * 2);
        await SettledAsync(autosave);

        _store.Saves.Should().BeEmpty();
        _store.ServerDiscarded.Should().Be(1);
        _store.LocalCopyCleared.Should().Be(1);
        autosave.State.Should().Be(DraftState.Idle);
    }

    [Fact]
    public async Task Changed_AfterADiscard_SavesAgain()
    {
        await using var autosave = Create();
        await autosave.DiscardAsync();

        autosave.Changed("fresh start");
        _time.Advance(Pause);
        await SettledAsync(autosave);

        _store.Saves.Should().Equal("fresh start");
    }

    [Fact]
    public async Task Changed_ServerPutsTheSaveOff_KeepsTheBrowserCopyUnsyncedAndSavesTheNewestTextAfterTheWait()
    {
        await using var autosave = Create();
        var wait = TimeSpan.FromSeconds(5);
        var answers = new Queue<DraftSaveOutcome>([DraftSaveOutcome.Later(wait), DraftSaveOutcome.Saved]);
        _store.Answer = _ => Task.FromResult(answers.Dequeue());

        autosave.Changed("first words");
        // FakeTimeProvider may run the save inline in Advance, and the save schedules the retry: take each task first.
        var first = autosave.ScheduledSave;
        _time.Advance(Pause);
        await first.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        _store.Saves.Should().Equal("first words");
        _store.Synced.Should().BeEmpty("the server does not have it: the browser's copy stays 'not yet synced'");
        autosave.State.Should().Be(DraftState.KeptOnDevice);
        autosave.Refusal.Should().BeNull("being put off is not a refusal of the text");

        var retry = autosave.ScheduledSave;
        _time.Advance(wait - TimeSpan.FromMilliseconds(1));
        _store.Saves.Should().HaveCount(1, "the retry waits as long as the server asked");
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await retry.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        _store.Saves.Should().Equal("first words", "first words");
        _store.Synced.Should().Equal("first words");
        autosave.State.Should().Be(DraftState.Saved);
    }

    [Fact]
    public async Task SaveNowAsync_PutOffThenNewerBrowserValues_RetrySendsTheNewest()
    {
        await using var autosave = Create();
        var wait = TimeSpan.FromSeconds(3);
        var answers = new Queue<DraftSaveOutcome>([DraftSaveOutcome.Later(wait), DraftSaveOutcome.Later(wait), DraftSaveOutcome.Saved]);
        _store.Answer = _ => Task.FromResult(answers.Dequeue());

        await autosave.SaveNowAsync("from the browser");
        await autosave.SaveNowAsync("from the browser, and more");
        var retry = autosave.ScheduledSave;
        _time.Advance(wait);
        await retry.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        _store.Saves.Should().Equal("from the browser", "from the browser, and more", "from the browser, and more");
        autosave.State.Should().Be(DraftState.Saved);
    }

    private DraftAutosave<string> Create() => new(_store, _time, NullLogger.Instance);

    // The save the pause started runs on the thread pool after FakeTimeProvider fired; wait for it (bounded).
    private static Task SettledAsync(DraftAutosave<string> autosave) =>
        autosave.ScheduledSave.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

    private sealed class FakeStore : IDraftStore<string>
    {
        public List<string> Saves { get; } = [];

        public List<string> Synced { get; } = [];

        public int ServerDiscarded { get; private set; }

        public int LocalCopyCleared { get; private set; }

        public Func<string, Task<DraftSaveOutcome>> Answer { get; set; } = _ => Task.FromResult(DraftSaveOutcome.Saved);

        public Task<DraftSaveOutcome> SaveAsync(string draft, CancellationToken ct)
        {
            Saves.Add(draft);
            return Answer(draft);
        }

        public Task DiscardAsync(CancellationToken ct)
        {
            ServerDiscarded++;
            return Task.CompletedTask;
        }

        public Task MarkLocalCopySyncedAsync(string saved)
        {
            Synced.Add(saved);
            return Task.CompletedTask;
        }

        public Task ClearLocalCopyAsync()
        {
            LocalCopyCleared++;
            return Task.CompletedTask;
        }
    }
}
