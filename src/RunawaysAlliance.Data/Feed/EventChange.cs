using System.Globalization;

namespace RunawaysAlliance.Data.Feed;

/// <summary>What kind of thing changed in an event.</summary>
public enum ChangeKind
{
    /// <summary>Anything may have changed (for example after the feed lost its connection): re-read everything.</summary>
    Resync = 0,
    Event = 1,
    Card = 2,
    Offer = 3,
    Session = 4,
    Seat = 5,

    /// <summary>A session's timer was started, paused, resumed, extended or ended.</summary>
    Timer = 6,

    /// <summary>A session's record was saved or published.</summary>
    Record = 7,
}

/// <summary>
/// A note that something in an event changed. It carries ids, never data, so that it stays tiny
/// (PostgreSQL NOTIFY payloads are limited) and never leaks anything private.
/// </summary>
public sealed record EventChange(Guid EventId, ChangeKind Kind, Guid? SubjectId = null)
{
    /// <summary>A change that tells every subscriber of every event to re-read.</summary>
    public static EventChange ResyncAll { get; } = new(Guid.Empty, ChangeKind.Resync);

    public bool AppliesTo(Guid eventId) => EventId == eventId || EventId == Guid.Empty;

    internal string ToPayload(string origin) =>
        string.Join('|', origin, EventId.ToString("N"), ((int)Kind).ToString(CultureInfo.InvariantCulture), SubjectId?.ToString("N") ?? string.Empty);

    internal static bool TryParsePayload(string payload, out string origin, out EventChange change)
    {
        var parts = payload.Split('|');
        origin = string.Empty;
        change = ResyncAll;
        if (parts.Length != 4 ||
            !Guid.TryParseExact(parts[1], "N", out var eventId) ||
            !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var kind) ||
            !Enum.IsDefined((ChangeKind)kind))
        {
            return false;
        }

        Guid? subject = Guid.TryParseExact(parts[3], "N", out var id) ? id : null;
        origin = parts[0];
        change = new EventChange(eventId, (ChangeKind)kind, subject);
        return true;
    }
}

/// <summary>
/// Tells every instance of the app that something in an event changed. Services publish after they
/// committed; live views subscribe and re-read.
/// </summary>
public interface IEventFeed
{
    /// <summary>
    /// Announces a committed change to this instance and every other one. The change is committed already, so the
    /// announcement goes out even when <paramref name="cancellationToken"/> is cancelled (the caller's tab closed
    /// between the commit and the announcement): it never throws for that, and a caller treats it as done.
    /// </summary>
    Task PublishAsync(EventChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// Calls <paramref name="handler"/> for every change of <paramref name="eventId"/> (and for resyncs).
    /// The handler runs on a feed thread and must return quickly. Dispose the result to stop.
    /// </summary>
    IDisposable Subscribe(Guid eventId, Action<EventChange> handler);
}
