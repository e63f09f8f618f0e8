using Microsoft.Extensions.Logging;

namespace RunawaysAlliance.Data.Feed;

/// <summary>The feed for a single instance (the embedded SQLite default).</summary>
public sealed class InProcessEventFeed(ILogger<InProcessEventFeed> logger) : IEventFeed
{
    private readonly LocalSubscribers _subscribers = new(logger);

    public Task PublishAsync(EventChange change, CancellationToken cancellationToken = default)
    {
        _subscribers.Dispatch(change);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Guid eventId, Action<EventChange> handler) => _subscribers.Add(eventId, handler);
}
