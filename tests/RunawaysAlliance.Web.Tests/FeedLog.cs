using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Web.Tests;

/// <summary>Changes this instance announces for one event; both feeds hand them to local subscribers before PublishAsync returns.</summary>
public sealed class FeedLog
{
    private readonly Lock _gate = new();
    private readonly List<EventChange> _received = [];

    public IReadOnlyList<EventChange> Received
    {
        get
        {
            lock (_gate)
            {
                return [.. _received];
            }
        }
    }

    public void Add(EventChange change)
    {
        lock (_gate)
        {
            _received.Add(change);
        }
    }
}
