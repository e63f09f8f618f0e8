using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RunawaysAlliance.Web.Features.FollowUps;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// The schedule as iCalendar (RFC 5545) through Ical.Net: one VEVENT per placed session, in the event's time zone
/// (with its VTIMEZONE), the room as the location, and a UID that stays the same for the session whatever changes
/// (<see cref="ScheduleIds"/>), so that calendar apps update an entry instead of adding another.
/// </summary>
public static class ScheduleIcs
{
    public const string ContentType = "text/calendar; charset=utf-8";

    /// <param name="schedule">The published schedule.</param>
    /// <param name="include">Which sessions to write (a personal feed: the person's own); all when null.</param>
    /// <param name="calendarName">The name calendar apps show; the event's name when null.</param>
    /// <param name="followUps">Follow-up meetings to write too (a personal feed: the person's own).</param>
    public static string Write(EventSchedule schedule, Func<SessionView, bool>? include = null, string? calendarName = null, IReadOnlyList<FollowUpEntry>? followUps = null)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var calendar = new Calendar { ProductId = "-//Runaways' Alliance//Schedule//EN" };
        calendar.AddProperty("X-WR-CALNAME", calendarName ?? schedule.Name);
        calendar.AddProperty("X-WR-TIMEZONE", schedule.TimeZoneId);
        calendar.AddTimeZone(schedule.TimeZoneId);
        var clock = schedule.Clock;
        // DTSTAMP is required; a fixed one (the evening's start) keeps the file, and so its ETag, the same while
        // nothing changes.
        var stamp = schedule.Rounds.Count > 0 ? schedule.Rounds.Min(r => r.StartsAt).UtcDateTime : DateTime.UnixEpoch;
        foreach (var round in schedule.Rounds)
        {
            foreach (var room in schedule.Rooms)
            {
                if (schedule.SessionIn(room.Id, round.Id) is not { } session || include?.Invoke(session) == false)
                {
                    continue;
                }

                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{ScheduleIds.Session(schedule.EventId, session.Id)}@runaways-alliance",
                    Summary = session.CardTitle,
                    Location = room.Name,
                    Description = $"Moderator: {session.ModeratorName}",
                    DtStart = new CalDateTime(clock.Local(round.StartsAt).DateTime, schedule.TimeZoneId),
                    DtEnd = new CalDateTime(clock.Local(round.EndsAt).DateTime, schedule.TimeZoneId),
                    DtStamp = new CalDateTime(stamp, "UTC"),
                });
            }
        }

        foreach (var followUp in followUps ?? [])
        {
            Add(calendar, followUp, schedule.TimeZoneId, stamp);
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>One follow-up meeting as an invite file (its own calendar), in the event's time zone.</summary>
    public static string Write(FollowUpEntry followUp, string timeZoneId, DateTimeOffset stamp)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        var calendar = new Calendar { ProductId = "-//Runaways' Alliance//Follow-up//EN" };
        calendar.AddTimeZone(timeZoneId);
        Add(calendar, followUp, timeZoneId, stamp.UtcDateTime);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    // A fixed follow-up is one confirmed event; while its time is open, each time still possible is a tentative one
    // with its own UID, so that fixing the time later replaces them in a calendar that polls the feed.
    private static void Add(Calendar calendar, FollowUpEntry followUp, string timeZoneId, DateTime stamp)
    {
        var clock = Shared.EventClock.For(timeZoneId);
        foreach (var start in followUp.Starts)
        {
            var uid = followUp.Confirmed
                ? $"followup-{followUp.Id:N}@runaways-alliance"
                : $"followup-{followUp.Id:N}-{start.UtcDateTime:yyyyMMddTHHmm}@runaways-alliance";
            var entry = new CalendarEvent
            {
                Uid = uid,
                Summary = followUp.Title,
                Location = followUp.Place.Length > 0 ? followUp.Place : followUp.Link,
                Description = followUp.Link.Length > 0 ? $"Online: {followUp.Link}" : null,
                DtStart = new CalDateTime(clock.Local(start).DateTime, timeZoneId),
                DtEnd = new CalDateTime(clock.Local(start + followUp.Length).DateTime, timeZoneId),
                DtStamp = new CalDateTime(stamp, "UTC"),
                Status = followUp.Confirmed ? "CONFIRMED" : "TENTATIVE",
            };
            if (followUp.Link.Length > 0 && Uri.TryCreate(followUp.Link, UriKind.Absolute, out var url))
            {
                entry.Url = url;
            }

            calendar.Events.Add(entry);
        }
    }
}
