using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>A session's record as the archive writes it.</summary>
public sealed record ArchivedRecord(Guid SessionId, string Notes, string Outcomes, string NextSteps, bool NeedsFollowUp, bool IsPublished);

/// <summary>
/// The organizer's archive of an event: one Markdown file per placed session with its record, and an index
/// (<c>README.md</c>) in schedule order. It honours each record's visibility: a published record is written in full; a
/// private one only when the organizer asks for private records too, in its own folder and marked private, and the
/// index says which records were left out. Nothing in it is a contact detail beyond what a record's text says.
/// </summary>
public sealed class SessionArchive(IDbContextFactory<AppDbContext> factory)
{
    public const string ContentType = "application/zip";

    /// <summary>The archive of <paramref name="schedule"/> with its sessions' records as stored now.</summary>
    public async Task<byte[]> BuildAsync(EventSchedule schedule, bool includePrivate, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        await using var db = factory.CreateDbContext();
        var ids = schedule.Sessions.Select(s => s.Id).ToList();
        var records = await db.Set<SessionRecord>().AsNoTracking().Where(r => ids.Contains(r.SessionId)).ToListAsync(ct);
        return Write(schedule, [.. records.Select(r => new ArchivedRecord(r.SessionId, r.Notes, r.Outcomes, r.NextSteps, r.NeedsFollowUp, r.IsPublished))], includePrivate);
    }

    /// <summary>Writes the archive of <paramref name="schedule"/> with the given records.</summary>
    public static byte[] Write(EventSchedule schedule, IReadOnlyList<ArchivedRecord> records, bool includePrivate)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(records);
        var bySession = records.ToDictionary(r => r.SessionId);
        var clock = schedule.Clock;
        var index = new StringBuilder();
        index.Append("# ").AppendLine(Line(schedule.Name)).AppendLine();
        if (schedule.Venue.Length > 0)
        {
            index.AppendLine(Line(schedule.Venue)).AppendLine();
        }

        index.AppendLine("| Round | Time | Room | Session | Moderator | Record |").AppendLine("|---|---|---|---|---|---|");
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var ordered = schedule.Sessions
                .Select(s => (Session: s, Round: schedule.Round(s.RoundId)!, Room: schedule.Room(s.RoomId)!, RoomIndex: schedule.Rooms.ToList().FindIndex(r => r.Id == s.RoomId)))
                .OrderBy(x => x.Round.Number).ThenBy(x => x.RoomIndex);
            foreach (var (session, round, room, roomIndex) in ordered)
            {
                var record = bySession.GetValueOrDefault(session.Id);
                var name = string.Create(CultureInfo.InvariantCulture, $"round-{round.Number}-room-{roomIndex + 1:00}-{session.Id.ToString("N")[..8]}.md");
                string status;
                if (record is null || (record.Notes.Length == 0 && record.Outcomes.Length == 0 && record.NextSteps.Length == 0))
                {
                    status = "no record";
                }
                else if (record.IsPublished || includePrivate)
                {
                    var path = record.IsPublished ? $"sessions/{name}" : $"private/{name}";
                    Add(zip, path, RecordFile(schedule, session, round, room, record));
                    status = record.IsPublished ? $"[published]({path})" : $"[private]({path})";
                }
                else
                {
                    status = "private, not included";
                }

                index.Append(CultureInfo.InvariantCulture, $"| {round.Number} | {clock.Time(round.StartsAt)}–{clock.Time(round.EndsAt)} | {Cell(room.Name)} | {Cell(session.CardTitle)} | {Cell(session.ModeratorName)} | {status} |").AppendLine();
            }

            if (schedule.Sessions.Count == 0)
            {
                index.AppendLine().AppendLine("No sessions were placed.");
            }

            Add(zip, "README.md", index.ToString());
        }

        return buffer.ToArray();
    }

    private static string RecordFile(EventSchedule schedule, SessionView session, RoundView round, RoomView room, ArchivedRecord record)
    {
        var clock = schedule.Clock;
        var text = new StringBuilder();
        text.Append("# ").AppendLine(Line(session.CardTitle)).AppendLine();
        if (!record.IsPublished)
        {
            text.AppendLine("> PRIVATE: this record was not published. Share it only with the session's people.").AppendLine();
        }

        text.Append("- Event: ").AppendLine(Line(schedule.Name));
        text.Append("- When: ").Append(clock.ShortDate(round.StartsAt)).Append(' ').Append(clock.Time(round.StartsAt)).Append('–').Append(clock.Time(round.EndsAt))
            .Append(" (").Append(schedule.TimeZoneId).AppendLine(")");
        text.Append("- Where: ").Append(Line(room.Name)).Append(", round ").AppendLine(round.Number.ToString(CultureInfo.InvariantCulture));
        text.Append("- Moderator: ").AppendLine(Line(session.ModeratorName));
        if (record.NeedsFollowUp)
        {
            text.AppendLine("- Needs a follow-up meeting");
        }

        Section(text, "Notes", record.Notes);
        Section(text, "Outcomes", record.Outcomes);
        Section(text, "Next steps", record.NextSteps);
        return text.ToString();
    }

    private static void Section(StringBuilder text, string heading, string body)
    {
        if (body.Length > 0)
        {
            text.AppendLine().Append("## ").AppendLine(heading).AppendLine().AppendLine(body.ReplaceLineEndings("\n").TrimEnd());
        }
    }

    private static void Add(ZipArchive zip, string path, string content)
    {
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        using var stream = entry.Open();
        var bytes = Encoding.UTF8.GetBytes(content);
        stream.Write(bytes);
    }

    // A name on one line (titles are one line already; this keeps a heading a heading).
    private static string Line(string text) => text.ReplaceLineEndings(" ").Trim();

    // A table cell: one line, and a pipe cannot end the cell early.
    private static string Cell(string text) => Line(text).Replace("|", "\\|", StringComparison.Ordinal);
}
