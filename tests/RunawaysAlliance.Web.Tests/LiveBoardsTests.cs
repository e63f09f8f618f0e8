using System.Globalization;
using FluentAssertions;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Web.Features.Board;

namespace RunawaysAlliance.Web.Tests;

/// <summary>Live boards on a real database and the app's real change feed (in-process on SQLite, LISTEN/NOTIFY on PostgreSQL).</summary>
public abstract class LiveBoardsTests(IDemoFixture fixture)
{
    /// <summary>Generous: a wait that is met finishes at once, so only a broken build waits this long.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Long enough that a refresh still on its way would have arrived: several coalescing windows.</summary>
    private static readonly TimeSpan Quiet = LiveBoards.CoalesceWindow * 5;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WatchAsync_DemoEvent_ReturnsInitialSnapshot()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);

        using var watch = await app.Boards.WatchAsync(DemoEvent.Slug, _ => { }, Ct);

        watch.Should().NotBeNull();
        var board = watch!.Initial;
        board.Slug.Should().Be(DemoEvent.Slug);
        board.Rooms.Should().HaveCount(7);
        board.Rooms.Should().ContainSingle(r => r.Name == "Hall" && r.Capacity == 35);
        board.Rounds.Select(r => board.Clock.Time(r.StartsAt)).Should().Equal("19:00", "20:00", "21:00");
        board.SlotCount.Should().Be(21);
        board.Sessions.Should().HaveCount(5);
        board.OpenSlotCount.Should().Be(16);
        board.UnplacedCards.Should().HaveCount(5);
        app.Boards.WatchedEventCount.Should().Be(1);
    }

    [Fact]
    public async Task WatchAsync_UnknownSlug_ReturnsNullAndWatchesNothing()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);

        var watch = await app.Boards.WatchAsync("no-such-event", _ => { }, Ct);

        watch.Should().BeNull();
        app.Boards.WatchedEventCount.Should().Be(0);
    }

    [Fact]
    public async Task WatchAsync_SlotClaimed_DeliversSnapshotWithTheSession()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var recorder = new SnapshotRecorder();
        using var watch = await app.Boards.WatchAsync(DemoEvent.Slug, recorder.OnChange, Ct);
        var card = demo.Card(5);

        var result = await app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, card, demo.Room("Hall"), demo.Round(3), ct: Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        var board = await recorder.WaitForAsync(b => b.Sessions.Any(s => s.CardId == card), Patience, Ct);
        var session = board.SessionIn(demo.Room("Hall"), demo.Round(3));
        session.Should().NotBeNull();
        session!.CardId.Should().Be(card);
        session.ModeratorName.Should().Be("Alex");
        session.Capacity.Should().Be(35);
        board.Sessions.Should().HaveCount(6);
        board.UnplacedCards.Should().NotContain(c => c.Id == card);
        watch!.Initial.Sessions.Should().HaveCount(5, "the initial snapshot is immutable");
    }

    [Fact]
    public async Task WatchAsync_ChangeMadeInAnotherLanguage_ReachesEachWatcherInItsOwnCulture()
    {
        // Issue 17: a Korean page re-rendered in English after an English speaker's change (the refresh ran in the
        // author's culture). Each watcher must get the snapshot in the culture it had when it started watching.
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var demo = await DemoEventData.LoadAsync(app.Store, Ct);
        var seen = new System.Collections.Concurrent.ConcurrentQueue<(string Watcher, string Culture, string UiCulture)>();
        var korean = await WatchInAsync("ko-KR", "ko");
        var english = await WatchInAsync("en-GB", "en");

        // The change is made in a third culture, on another thread, as the feed delivers it.
        var result = await Task.Run(() =>
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
            return app.Sessions.ClaimSlotAsync(demo.Person("Alex"), demo.EventId, demo.Card(5), demo.Room("Hall"), demo.Round(3), ct: Ct);
        }, Ct);

        result.Succeeded.Should().BeTrue(result.Error);
        await korean.Recorder.WaitForAsync(b => b.Sessions.Any(s => s.CardId == demo.Card(5)), Patience, Ct);
        await english.Recorder.WaitForAsync(b => b.Sessions.Any(s => s.CardId == demo.Card(5)), Patience, Ct);
        seen.Where(s => s.Watcher == "ko").Should().NotBeEmpty().And.AllSatisfy(s => (s.Culture, s.UiCulture).Should().Be(("ko-KR", "ko-KR")));
        seen.Where(s => s.Watcher == "en").Should().NotBeEmpty().And.AllSatisfy(s => (s.Culture, s.UiCulture).Should().Be(("en-GB", "en-GB")));
        korean.Watch.Dispose();
        english.Watch.Dispose();

        async Task<(LiveBoards.BoardWatch Watch, SnapshotRecorder Recorder)> WatchInAsync(string culture, string name)
        {
            var (before, beforeUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            try
            {
                var recorder = new SnapshotRecorder();
                var watch = await app.Boards.WatchAsync(DemoEvent.Slug, board =>
                {
                    seen.Enqueue((name, CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name));
                    recorder.OnChange(board);
                }, Ct);
                return (watch!, recorder);
            }
            finally
            {
                CultureInfo.CurrentCulture = before;
                CultureInfo.CurrentUICulture = beforeUi;
            }
        }
    }

    [Fact]
    public async Task WatchAsync_BurstOf20Changes_CoalescedIntoFewSnapshots()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var recorder = new SnapshotRecorder();
        using var watch = await app.Boards.WatchAsync(DemoEvent.Slug, recorder.OnChange, Ct);
        var eventId = watch!.Initial.EventId;

        await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(_ => app.Feed.PublishAsync(new EventChange(eventId, ChangeKind.Seat, Guid.NewGuid()), Ct)));
        await recorder.WaitForAsync(_ => true, Patience, Ct);
        await recorder.WaitUntilQuietAsync(Quiet, Patience, Ct);

        recorder.Count.Should().BeInRange(1, 3, "20 changes in a burst are read once (or a few times), not 20 times");
    }

    [Fact]
    public async Task Dispose_AllWatchers_StopsWatchingAndCallsNobody()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var first = new SnapshotRecorder();
        var second = new SnapshotRecorder();
        var firstWatch = await app.Boards.WatchAsync(DemoEvent.Slug, first.OnChange, Ct);
        var secondWatch = await app.Boards.WatchAsync(DemoEvent.Slug, second.OnChange, Ct);
        var eventId = firstWatch!.Initial.EventId;
        app.Boards.WatchedEventCount.Should().Be(1);

        firstWatch.Dispose();
        firstWatch.Dispose();
        app.Boards.WatchedEventCount.Should().Be(1, "one watcher is left, and disposing twice counts once");
        secondWatch!.Dispose();
        app.Boards.WatchedEventCount.Should().Be(0);

        await app.Feed.PublishAsync(new EventChange(eventId, ChangeKind.Session), Ct);
        // A later watcher sees a later change; by then a leftover subscription would have called the old ones too.
        var probe = new SnapshotRecorder();
        using (var probeWatch = await app.Boards.WatchAsync(DemoEvent.Slug, probe.OnChange, Ct))
        {
            probeWatch!.Initial.Should().NotBeSameAs(firstWatch.Initial, "the old board was dropped with its last watcher");
            await app.Feed.PublishAsync(new EventChange(eventId, ChangeKind.Session), Ct);
            await probe.WaitForAsync(_ => true, Patience, Ct);
        }

        first.Count.Should().Be(0);
        second.Count.Should().Be(0);
        app.Boards.WatchedEventCount.Should().Be(0);
    }

    [Fact]
    public async Task WatchAsync_FirstReadFails_LeavesNoWatcherBehind()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        // The slug is resolved (and remembered) while the database is up; then the database goes away.
        (await app.Boards.WatchAsync(DemoEvent.Slug, _ => { }, Ct))!.Dispose();
        await app.Database.TakeOfflineAsync();

        var watching = () => app.Boards.WatchAsync(DemoEvent.Slug, _ => { }, Ct);

        await watching.Should().ThrowAsync<Exception>();
        app.Boards.WatchedEventCount.Should().Be(0, "a watch that could not start was never handed out, so nobody can dispose it");
    }

    [Fact]
    public async Task WatchAsync_TwoWatchersOfOneEvent_ShareTheSameSnapshot()
    {
        await using var app = await TestApp.StartAsync(fixture, Ct);
        var first = new SnapshotRecorder();
        var second = new SnapshotRecorder();
        using var firstWatch = await app.Boards.WatchAsync(DemoEvent.Slug, first.OnChange, Ct);
        using var secondWatch = await app.Boards.WatchAsync(DemoEvent.Slug, second.OnChange, Ct);

        secondWatch!.Initial.Should().BeSameAs(firstWatch!.Initial);
        (await app.Boards.GetAsync(DemoEvent.Slug, Ct)).Should().BeSameAs(firstWatch.Initial);

        await app.Feed.PublishAsync(new EventChange(firstWatch.Initial.EventId, ChangeKind.Card), Ct);
        var toFirst = await first.WaitForAsync(_ => true, Patience, Ct);
        var toSecond = await second.WaitForAsync(_ => true, Patience, Ct);

        toSecond.Should().BeSameAs(toFirst);
        toFirst.Should().NotBeSameAs(firstWatch.Initial);
        (await app.Boards.GetAsync(DemoEvent.Slug, Ct)).Should().BeSameAs(toFirst);
        app.Boards.WatchedEventCount.Should().Be(1);
    }
}
