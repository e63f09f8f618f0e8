using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace RunawaysAlliance.Data.Feed;

/// <summary>The subscribers of this instance, shared by both feed implementations.</summary>
internal sealed class LocalSubscribers(ILogger logger)
{
    private readonly Lock _gate = new();
    private ImmutableList<Subscription> _all = [];

    public int Count => _all.Count;

    public IDisposable Add(Guid eventId, Action<EventChange> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, eventId, handler);
        lock (_gate)
        {
            _all = _all.Add(subscription);
        }

        return subscription;
    }

    public void Dispatch(EventChange change)
    {
        foreach (var subscription in _all)
        {
            if (!change.AppliesTo(subscription.EventId))
            {
                continue;
            }

            try
            {
                subscription.Handler(change);
            }
            catch (Exception ex)
            {
                logger.LogError(ex, "A feed subscriber of event {EventId} failed on a {Kind} change", subscription.EventId, change.Kind);
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_gate)
        {
            _all = _all.Remove(subscription);
        }
    }

    private sealed class Subscription(LocalSubscribers owner, Guid eventId, Action<EventChange> handler) : IDisposable
    {
        public Guid EventId { get; } = eventId;

        public Action<EventChange> Handler { get; } = handler;

        public void Dispose() => owner.Remove(this);
    }
}
