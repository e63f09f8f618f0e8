using FluentAssertions;
using Microsoft.Extensions.Logging.Abstractions;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Data.Tests;

public sealed class InProcessEventFeedTests
{
    private readonly InProcessEventFeed _feed = new(NullLogger<InProcessEventFeed>.Instance);
    private readonly Guid _eventId = Guid.NewGuid();
    private readonly Guid _otherEventId = Guid.NewGuid();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Publish_ChangeOfAnEvent_ReachesOnlyThatEventsSubscribers()
    {
        var first = new FeedProbe();
        var second = new FeedProbe();
        var other = new FeedProbe();
        using var s1 = _feed.Subscribe(_eventId, first.Handle);
        using var s2 = _feed.Subscribe(_eventId, second.Handle);
        using var s3 = _feed.Subscribe(_otherEventId, other.Handle);
        var change = new EventChange(_eventId, ChangeKind.Session, Guid.NewGuid());

        await _feed.PublishAsync(change, Ct);

        first.Received.Should().Equal(change);
        second.Received.Should().Equal(change);
        other.Received.Should().BeEmpty();
    }

    [Fact]
    public async Task Publish_ResyncAll_ReachesEverySubscriber()
    {
        var first = new FeedProbe();
        var other = new FeedProbe();
        using var s1 = _feed.Subscribe(_eventId, first.Handle);
        using var s2 = _feed.Subscribe(_otherEventId, other.Handle);

        await _feed.PublishAsync(EventChange.ResyncAll, Ct);

        first.Received.Should().Equal(EventChange.ResyncAll);
        other.Received.Should().Equal(EventChange.ResyncAll);
    }

    [Fact]
    public async Task Publish_AfterSubscriptionDisposed_IsNotDelivered()
    {
        var probe = new FeedProbe();
        var subscription = _feed.Subscribe(_eventId, probe.Handle);
        var before = new EventChange(_eventId, ChangeKind.Card, Guid.NewGuid());
        await _feed.PublishAsync(before, Ct);

        subscription.Dispose();
        await _feed.PublishAsync(new EventChange(_eventId, ChangeKind.Card, Guid.NewGuid()), Ct);
        await _feed.PublishAsync(EventChange.ResyncAll, Ct);

        probe.Received.Should().Equal(before);
    }

    [Fact]
    public async Task Publish_OneSubscriberThrows_OthersStillReceive()
    {
        var probe = new FeedProbe();
        using var failing = _feed.Subscribe(_eventId, _ => throw new InvalidOperationException("a broken circuit"));
        using var working = _feed.Subscribe(_eventId, probe.Handle);
        var change = new EventChange(_eventId, ChangeKind.Seat);

        var publish = () => _feed.PublishAsync(change, Ct);

        await publish.Should().NotThrowAsync();
        probe.Received.Should().Equal(change);
    }

    [Fact]
    public async Task Subscribe_WhileAnotherThreadPublishes_NeverThrows()
    {
        var publishing = Task.Run(async () =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                await _feed.PublishAsync(new EventChange(_eventId, ChangeKind.Offer), Ct);
            }
        }, Ct);

        for (var i = 0; i < 2_000; i++)
        {
            _feed.Subscribe(_eventId, _ => { }).Dispose();
        }

        await publishing.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }
}
