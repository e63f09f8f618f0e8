using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Web.Features.Board;

/// <summary>
/// One shared, live snapshot per event that somebody is watching on this instance: boards, card lists, card pages
/// and "My evening" pages all watch it and derive their viewer's part in memory. A burst of changes is coalesced
/// into one read of the database, and the new snapshot is handed to every watching circuit: the cost of a change
/// is one read per instance, not one per circuit or page.
/// </summary>
public sealed class LiveBoards(BoardQueries queries, IEventFeed feed, ILogger<LiveBoards> logger)
{
    private readonly BoardQueries _queries = queries;
    private readonly IEventFeed _feed = feed;
    private readonly ILogger<LiveBoards> _logger = logger;

    /// <summary>The least time between two reads of one board: a burst of changes costs a read and a render per window.</summary>
    public static readonly TimeSpan CoalesceWindow = TimeSpan.FromMilliseconds(100);

    private readonly ConcurrentDictionary<string, Guid> _eventIds = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, LiveBoard> _boards = [];

    /// <summary>The number of events with at least one watcher (for diagnostics and tests).</summary>
    public int WatchedEventCount
    {
        get
        {
            lock (_gate)
            {
                return _boards.Count;
            }
        }
    }

    /// <summary>
    /// Starts watching an event's board. <paramref name="onChange"/> runs on a background thread with each
    /// new snapshot; the caller re-enters its own context (a component uses InvokeAsync). It runs in the culture
    /// the watcher had when it started watching (its circuit's language and formats), whoever made the change and on
    /// whichever instance: the refresh itself runs in the culture of the change's author, or of the feed's listener.
    /// Returns null when there is no such event. Dispose the result to stop watching.
    /// </summary>
    public async Task<BoardWatch?> WatchAsync(string slug, Action<BoardSnapshot> onChange, CancellationToken ct = default)
    {
        var eventId = await ResolveAsync(slug, ct);
        if (eventId is null)
        {
            return null;
        }

        LiveBoard board;
        BoardWatch watch;
        lock (_gate)
        {
            if (!_boards.TryGetValue(eventId.Value, out board!))
            {
                board = new LiveBoard(this, eventId.Value);
                _boards.Add(eventId.Value, board);
            }

            watch = board.Add(onChange);
        }

        BoardSnapshot? snapshot;
        try
        {
            snapshot = await board.CurrentAsync();
        }
        catch
        {
            watch.Dispose();
            throw;
        }

        if (snapshot is null)
        {
            watch.Dispose();
            return null;
        }

        watch.Initial = snapshot;
        return watch;
    }

    /// <summary>The current board without watching it: shared when someone watches, else read now.</summary>
    public async Task<BoardSnapshot?> GetAsync(string slug, CancellationToken ct = default)
    {
        var eventId = await ResolveAsync(slug, ct);
        if (eventId is null)
        {
            return null;
        }

        LiveBoard? board;
        lock (_gate)
        {
            _boards.TryGetValue(eventId.Value, out board);
        }

        return board is not null ? await board.CurrentAsync() : await _queries.LoadAsync(eventId.Value, ct);
    }

    /// <summary>
    /// The event read now when that is newer than <paramref name="board"/>: a page opened right after its author
    /// posted a card or claimed a slot can find the shared snapshot a moment behind. Opening a page pays for this
    /// read, never a change.
    /// </summary>
    public async Task<BoardSnapshot> NewerAsync(BoardSnapshot board, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(board);
        var fresh = await _queries.LoadAsync(board.EventId, ct);
        return fresh is not null && fresh.ReadAt >= board.ReadAt ? fresh : board;
    }

    private async Task<Guid?> ResolveAsync(string slug, CancellationToken ct)
    {
        if (_eventIds.TryGetValue(slug, out var known))
        {
            return known;
        }

        var found = await _queries.FindEventIdAsync(slug, ct);
        if (found is not null)
        {
            _eventIds[slug] = found.Value;
        }

        return found;
    }

    private void Release(LiveBoard board, BoardWatch watch)
    {
        lock (_gate)
        {
            if (board.Remove(watch) == 0 && _boards.GetValueOrDefault(board.EventId) == board)
            {
                _boards.Remove(board.EventId);
                board.Stop();
            }
        }
    }

    /// <summary>A circuit's handle on a live board.</summary>
    public sealed class BoardWatch : IDisposable
    {
        private readonly LiveBoards _owner;
        private readonly LiveBoard _board;
        private int _disposed;

        internal BoardWatch(LiveBoards owner, LiveBoard board, Action<BoardSnapshot> onChange)
        {
            _owner = owner;
            _board = board;
            OnChange = onChange;
            _culture = CultureInfo.CurrentCulture;
            _uiCulture = CultureInfo.CurrentUICulture;
        }

        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        /// <summary>The snapshot at the moment watching began.</summary>
        public BoardSnapshot Initial { get; internal set; } = null!;

        internal Action<BoardSnapshot> OnChange { get; }

        /// <summary>
        /// Hands the watcher a new snapshot in its own culture. The culture flows (it is async-local) into whatever the
        /// watcher starts from here, a component's InvokeAsync and so its render included.
        /// </summary>
        internal void Notify(BoardSnapshot snapshot)
        {
            var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _uiCulture;
            try
            {
                OnChange(snapshot);
            }
            finally
            {
                CultureInfo.CurrentCulture = culture;
                CultureInfo.CurrentUICulture = uiCulture;
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _owner.Release(_board, this);
            }
        }
    }

    internal sealed class LiveBoard : IDisposable
    {
        private readonly LiveBoards _owner;
        private readonly SemaphoreSlim _reading = new(1, 1);
        private readonly IDisposable _subscription;
        private ImmutableList<BoardWatch> _watches = [];
        private Task<BoardSnapshot?> _current;
        private int _refreshPending;
        private long _lastReadStarted;
        private volatile bool _stopped;

        public LiveBoard(LiveBoards owner, Guid eventId)
        {
            _owner = owner;
            EventId = eventId;
            // Subscribe before the first read so that no change can fall between the two.
            _subscription = owner._feed.Subscribe(eventId, OnFeedChange);
            _current = owner._queries.LoadAsync(eventId);
        }

        public Guid EventId { get; }

        public Task<BoardSnapshot?> CurrentAsync()
        {
            // A failed first read is retried by the next reader rather than remembered forever.
            if (_current.IsFaulted)
            {
                _current = _owner._queries.LoadAsync(EventId);
            }

            return _current;
        }

        public BoardWatch Add(Action<BoardSnapshot> onChange)
        {
            var watch = new BoardWatch(_owner, this, onChange);
            _watches = _watches.Add(watch);
            return watch;
        }

        public int Remove(BoardWatch watch)
        {
            _watches = _watches.Remove(watch);
            return _watches.Count;
        }

        public void Stop()
        {
            _stopped = true;
            _subscription.Dispose();
        }

        // The semaphore is never waited on with a timeout, so it holds no wait handle worth releasing early.
        public void Dispose() => Stop();

        private void OnFeedChange(EventChange change)
        {
            // A record's text is not in the snapshot (it is private, and read by the session page itself).
            if (change.Kind == ChangeKind.Record)
            {
                return;
            }

            // One refresh at a time is scheduled; changes that arrive while it waits ride along with it.
            if (Interlocked.Exchange(ref _refreshPending, 1) == 0)
            {
                _ = RefreshAsync();
            }
        }

        // Leading edge: a change on a quiet board is read at once; changes within a window of the last read wait for
        // the window and share one read. A change that arrives during a read schedules one more read after it.
        private async Task RefreshAsync()
        {
            await _reading.WaitAsync();
            try
            {
                var sinceLastRead = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastReadStarted));
                if (sinceLastRead < CoalesceWindow)
                {
                    await Task.Delay(CoalesceWindow - sinceLastRead);
                }

                // From here on a new change schedules a new refresh, so nothing committed after our read is missed.
                Interlocked.Exchange(ref _refreshPending, 0);
                Interlocked.Exchange(ref _lastReadStarted, Stopwatch.GetTimestamp());
                if (_stopped)
                {
                    return;
                }

                var snapshot = await _owner._queries.LoadAsync(EventId);
                if (snapshot is null)
                {
                    return;
                }

                _current = Task.FromResult<BoardSnapshot?>(snapshot);
                foreach (var watch in _watches)
                {
                    try
                    {
                        watch.Notify(snapshot);
                    }
                    catch (Exception ex)
                    {
                        _owner._logger.LogWarning(ex, "A board watcher of event {EventId} failed", EventId);
                    }
                }
            }
            catch (Exception ex)
            {
                _owner._logger.LogError(ex, "Could not re-read the board of event {EventId}", EventId);
            }
            finally
            {
                _reading.Release();
            }
        }
    }
}
