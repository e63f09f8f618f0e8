using FluentAssertions;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Data.Tests;

/// <summary>
/// The change feed across instances: two service providers (two "instances of the app") on one
/// PostgreSQL database, each with its own LISTEN connection.
/// </summary>
public sealed class PostgresEventFeedTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private readonly Guid _eventId = Guid.NewGuid();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_OnOneInstance_ReachesASubscriberOnAnother()
    {
        await using var a = fixture.Store.OpenAnother();
        await using var b = fixture.Store.OpenAnother();
        var feedA = await a.StartPostgresFeedAsync(Ct);
        var feedB = await b.StartPostgresFeedAsync(Ct);
        var probe = new FeedProbe();
        using var subscription = feedB.Subscribe(_eventId, probe.Handle);
        var change = new EventChange(_eventId, ChangeKind.Session, Guid.NewGuid());

        await feedA.PublishAsync(change, Ct);

        (await probe.WaitForAsync(change, Ct)).Should().Be(change);
    }

    [Fact]
    public async Task Publish_OnOneInstance_ReachesItsOwnSubscribersOnceAndNoOtherEvent()
    {
        await using var a = fixture.Store.OpenAnother();
        await using var b = fixture.Store.OpenAnother();
        var feedA = await a.StartPostgresFeedAsync(Ct);
        var feedB = await b.StartPostgresFeedAsync(Ct);
        var onA = new FeedProbe();
        var onB = new FeedProbe();
        var otherEventOnB = new FeedProbe();
        using var s1 = feedA.Subscribe(_eventId, onA.Handle);
        using var s2 = feedB.Subscribe(_eventId, onB.Handle);
        using var s3 = feedB.Subscribe(Guid.NewGuid(), otherEventOnB.Handle);
        var change = new EventChange(_eventId, ChangeKind.Card, Guid.NewGuid());

        await feedA.PublishAsync(change, Ct);
        await onB.WaitForAsync(change, Ct);
        // NOTIFYs reach a listener in commit order: once B's later marker is back at A, A's own echo
        // (had it not been dropped) would have arrived as well.
        var marker = new EventChange(_eventId, ChangeKind.Event, Guid.NewGuid());
        await feedB.PublishAsync(marker, Ct);
        await onA.WaitForAsync(marker, Ct);

        onA.Received.Should().Equal(change, marker);
        onB.Received.Should().Equal(change, marker);
        otherEventOnB.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_ManyChangesOnOneInstance_ArriveOnAnotherInOrder()
    {
        await using var a = fixture.Store.OpenAnother();
        await using var b = fixture.Store.OpenAnother();
        var feedA = await a.StartPostgresFeedAsync(Ct);
        var feedB = await b.StartPostgresFeedAsync(Ct);
        var probe = new FeedProbe();
        using var subscription = feedB.Subscribe(_eventId, probe.Handle);
        var changes = Enumerable.Range(0, 100).Select(i => new EventChange(_eventId, (ChangeKind)(1 + (i % 5)), Guid.NewGuid())).ToList();

        foreach (var change in changes)
        {
            await feedA.PublishAsync(change, Ct);
        }

        await probe.WaitForAsync(changes[^1], Ct);
        probe.Received.Should().Equal(changes);
    }

    [Fact]
    public async Task ListenConnectionKilled_Reconnects_SubscribersResyncAndLaterChangesArrive()
    {
        await using var a = fixture.Store.OpenAnother();
        await using var b = fixture.Store.OpenAnother();
        var feedA = await a.StartPostgresFeedAsync(Ct);
        var feedB = await b.StartPostgresFeedAsync(Ct);
        var onA = new FeedProbe();
        var onB = new FeedProbe();
        using var s1 = feedA.Subscribe(_eventId, onA.Handle);
        using var s2 = feedB.Subscribe(_eventId, onB.Handle);

        await using (var db = a.CreateContext())
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
        await feedA.PublishAsync(later, Ct);

        (await onB.WaitForAsync(later, Ct)).Should().Be(later);
    }
}
