using System.Collections.Concurrent;
using System.Globalization;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// The one place that turns stored UTC instants into what a person reads: the local time in an event's time zone.
/// Read models keep instants (an iCalendar export needs them); pages format them here, at render time.
/// </summary>
public sealed class EventClock
{
    private static readonly ConcurrentDictionary<string, EventClock> Clocks = new(StringComparer.Ordinal);

    private EventClock(TimeZoneInfo zone) => Zone = zone;

    /// <summary>A clock for UTC, for views that have no event (and for tests).</summary>
    public static EventClock Utc { get; } = new(TimeZoneInfo.Utc);

    public TimeZoneInfo Zone { get; }

    /// <summary>The clock of an IANA time zone; zones are looked up once per process.</summary>
    public static EventClock For(string timeZoneId) =>
        Clocks.GetOrAdd(timeZoneId, id => new EventClock(TimeZoneInfo.FindSystemTimeZoneById(id)));

    /// <summary>The same instant with the event's offset: what the wall clock at the venue shows.</summary>
    public DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>
    /// Hours and minutes on a 24-hour clock ("19:00"): a conference programme reads the same in every language,
    /// and the board, the card pages and "My evening" all show it this way.
    /// </summary>
    public string Time(DateTimeOffset instant) => Local(instant).ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>Hours, minutes and seconds ("19:00:05"), for "saved at" notes.</summary>
    public string TimeWithSeconds(DateTimeOffset instant) => Local(instant).ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>The day in the reader's culture, written out ("Thursday, December 11, 2025" / "2025년 12월 11일 목요일").</summary>
    public string Date(DateTimeOffset instant) => Local(instant).ToString("D", CultureInfo.CurrentCulture);

    /// <summary>The day in the reader's culture, short ("12/11/2025" / "2025. 12. 11.").</summary>
    public string ShortDate(DateTimeOffset instant) => Local(instant).ToString("d", CultureInfo.CurrentCulture);
}
