using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The change feed across instances: two service providers (two "instances of the app") on one
/// PostgreSQL database, each with its own LISTEN connection.
/// </summary>
public sealed class PostgresEventFeedTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private readonly Guid _eventId = Guid.NewGuid();
    private TestStore? _a;
    private TestStore? _b;
    private PostgresEventFeed _feedA = null!;
    private PostgresEventFeed _feedB = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Every test starts with instances A and B on the fixture's database, both feeds listening.</summary>
    public async ValueTask InitializeAsync()
    {
        _a = fixture.Store.OpenAnother();
        _b = fixture.Store.OpenAnother();
        _feedA = await _a.StartPostgresFeedAsync(Ct);
        _feedB = await _b.StartPostgresFeedAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null)
        {
            await _b.DisposeAsync();
        }

        if (_a is not null)
        {
            await _a.DisposeAsync();
        }
    }

    [Fact]
    public async Task Publish_OnOneInstance_ReachesASubscriberOnAnother()
    {
        var probe = new FeedProbe();
        using var subscription = _feedB.Subscribe(_eventId, probe.Handle);
        var change = new EventChange(_eventId, ChangeKind.Session, Guid.NewGuid());

        await _feedA.PublishAsync(change, Ct);

        (await probe.WaitForAsync(change, Ct)).Should().Be(change);
    }

    [Fact]
    public async Task Publish_CallerAlreadyCancelled_StillReachesAnotherInstanceAndDoesNotThrow()
    {
        // The change is committed before it is announced: a caller whose tab closed in between must not keep
        // other instances from hearing of it, nor turn a saved change into an error.
        var probe = new FeedProbe();
        using var subscription = _feedB.Subscribe(_eventId, probe.Handle);
        var change = new EventChange(_eventId, ChangeKind.Card, Guid.NewGuid());
        using var gone = new CancellationTokenSource();
        await gone.CancelAsync();

        var publish = () => _feedA.PublishAsync(change, gone.Token);

        await publish.Should().NotThrowAsync();
        (await probe.WaitForAsync(change, Ct)).Should().Be(change);
    }

    [Fact]
    public async Task Publish_OnOneInstance_ReachesItsOwnSubscribersOnceAndNoOtherEvent()
    {
        var onA = new FeedProbe();
        var onB = new FeedProbe();
        var otherEventOnB = new FeedProbe();
        using var s1 = _feedA.Subscribe(_eventId, onA.Handle);
        using var s2 = _feedB.Subscribe(_eventId, onB.Handle);
        using var s3 = _feedB.Subscribe(Guid.NewGuid(), otherEventOnB.Handle);
        var change = new EventChange(_eventId, ChangeKind.Card, Guid.NewGuid());

        await _feedA.PublishAsync(change, Ct);
        await onB.WaitForAsync(change, Ct);
        // NOTIFYs reach a listener in commit order: once B's later marker is back at A, A's own echo
        // (had it not been dropped) would have arrived as well.
        var marker = new EventChange(_eventId, ChangeKind.Event, Guid.NewGuid());
        await _feedB.PublishAsync(marker, Ct);
        await onA.WaitForAsync(marker, Ct);

        onA.Received.Should().Equal(change, marker);
        onB.Received.Should().Equal(change, marker);
        otherEventOnB.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_ManyChangesOnOneInstance_ArriveOnAnotherInOrder()
    {
        var probe = new FeedProbe();
        using var subscription = _feedB.Subscribe(_eventId, probe.Handle);
        var changes = Enumerable.Range(0, 100).Select(i => new EventChange(_eventId, (ChangeKind)(1 + (i % 5)), Guid.NewGuid())).ToList();

        foreach (var change in changes)
        {
            await _feedA.PublishAsync(change, Ct);
        }

        await probe.WaitForAsync(changes[^1], Ct);
        probe.Received.Should().Equal(changes);
    }

    [Fact]
    public async Task ListenConnectionKilled_Reconnects_SubscribersResyncAndLaterChangesArrive()
    {
        var onA = new FeedProbe();
        var onB = new FeedProbe();
        using var s1 = _feedA.Subscribe(_eventId, onA.Handle);
        using var s2 = _feedB.Subscribe(_eventId, onB.Handle);

        await using (var db = _a!.CreateContext())
        {
            var terminated = await db.Database.SqlQueryRaw<bool>(
                    "SELECT pg_terminate_backend(pid) AS \"Value\" FROM pg_stat_activity " +
                    "WHERE application_name = 'runaways-feed' AND datname = current_database()")
                .ToListAsync(Ct);
            terminated.Should().Equal([true, true], "both instances listen on their own connection");
        }

        await onB.WaitForAsync(c => c.Kind == ChangeKind.Resync, Ct);
        await onA.WaitForAsync(c => c.Kind == ChangeKind.Resync, Ct);
        var later = new EventChange(_eventId, ChangeKind.Seat, Guid.NewGuid());
        await _feedA.PublishAsync(later, Ct);

        (await onB.WaitForAsync(later, Ct)).Should().Be(later);
    }
}
