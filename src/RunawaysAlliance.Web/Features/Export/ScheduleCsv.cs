using System.Globalization;
using CsvHelper;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// The schedule as a spreadsheet: one row per placed session, in round then room order, with the event's local
/// times. UTF-8 with a byte order mark, so that Excel shows Hangul; every cell that a spreadsheet would read as a
/// formula is escaped. Public data only, as <see cref="EventSchedule"/> holds.
/// </summary>
public static class ScheduleCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    // RFC 4180 with CRLF; a text cell starting with = + - @, tab or CR is written with a leading apostrophe, which
    // spreadsheets show as text instead of running it (OWASP "CSV injection").
    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape, WriteByteOrderMark = true };

    public static readonly IReadOnlyList<string> Header =
        ["Round", "Date", "Start", "End", "Room", "Title", "Moderator", "Kind", "Language", "Seats taken", "Capacity"];

    public static byte[] Write(EventSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var clock = schedule.Clock;
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            csv.WriteRecord([.. Header]);
            var rows =
                from round in schedule.Rounds
                from room in schedule.Rooms
                let session = schedule.SessionIn(room.Id, round.Id)
                where session is not null
                select (round, room, session);
            foreach (var (round, room, session) in rows)
            {
                csv.WriteRecord(
                [
                    round.Number.ToString(CultureInfo.InvariantCulture),
                    clock.Local(round.StartsAt).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    clock.Time(round.StartsAt),
                    clock.Time(round.EndsAt),
                    room.Name,
                    session.CardTitle,
                    session.ModeratorName,
                    session.Kind.ToString(),
                    session.Language,
                    session.SeatsTaken.ToString(CultureInfo.InvariantCulture),
                    session.Capacity.ToString(CultureInfo.InvariantCulture),
                ]);
            }
        }

        return buffer.ToArray();
    }
}
