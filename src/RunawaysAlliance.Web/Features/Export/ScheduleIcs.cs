using System.Security.Cryptography;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// The schedule as iCalendar (RFC 5545) through Ical.Net: one VEVENT per placed session, in the event's time zone
/// (with its VTIMEZONE), the room as the location, and a UID that stays the same for the session whatever changes
/// (a UUIDv5 of the event and session ids), so that calendar apps update an entry instead of adding another.
/// </summary>
public static class ScheduleIcs
{
    public const string ContentType = "text/calendar; charset=utf-8";

    // RFC 4122 name-based UUIDs need a namespace: this one is ours, fixed forever (changing it changes every UID).
    private static readonly Guid UidNamespace = new("5b7d3c1e-8f0a-4d2b-9c61-2f4e8a7b0d13");

    public static string Write(EventSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var calendar = new Calendar { ProductId = "-//Runaways' Alliance//Schedule//EN" };
        calendar.AddProperty("X-WR-CALNAME", schedule.Name);
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
                if (schedule.SessionIn(room.Id, round.Id) is not { } session)
                {
                    continue;
                }

                calendar.Events.Add(new CalendarEvent
                {
                    Uid = $"{Uid(schedule.EventId, session.Id)}@runaways-alliance",
                    Summary = session.CardTitle,
                    Location = room.Name,
                    Description = $"Moderator: {session.ModeratorName}",
                    DtStart = new CalDateTime(clock.Local(round.StartsAt).DateTime, schedule.TimeZoneId),
                    DtEnd = new CalDateTime(clock.Local(round.EndsAt).DateTime, schedule.TimeZoneId),
                    DtStamp = new CalDateTime(stamp, "UTC"),
                });
            }
        }

        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }

    /// <summary>The session's stable UID: a UUIDv5 (SHA-1, RFC 4122 §4.3) of the event and session ids.</summary>
    public static Guid Uid(Guid eventId, Guid sessionId)
    {
        var name = Encoding.UTF8.GetBytes($"{eventId:D}/{sessionId:D}");
        var input = new byte[16 + name.Length];
        UidNamespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 prescribes for version 5 UUIDs; it is not used for security here.
        var hash = SHA1.HashData(input);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
