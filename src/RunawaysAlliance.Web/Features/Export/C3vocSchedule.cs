using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;
using RunawaysAlliance.Web.Features.Schedule;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// The schedule in the c3voc/frab exchange formats that schedule apps read (Giggity, EventFahrplan, info-beamer,
/// engelsystem): <c>schedule.json</c> (valid against the c3voc JSON schema) and <c>schedule.xml</c> (valid against
/// the c3voc XSD). One day per local date of the rounds, rooms in board order, one event per placed session with
/// the moderator as its person. Public data only, from <see cref="EventSchedule"/>.
/// </summary>
public static class C3vocSchedule
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public const string XmlContentType = "application/xml; charset=utf-8";

    private const string Generator = "Runaways' Alliance";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        // Hangul and quotes as themselves: the file is UTF-8 and never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="schedule">The published schedule.</param>
    /// <param name="baseUrl">Where the app is served (each session's page is linked from its event).</param>
    public static string ToJson(EventSchedule schedule, Uri baseUrl)
    {
        var model = Model.Of(schedule, baseUrl);
        var conference = new JsonObject
        {
            ["acronym"] = model.Acronym,
            ["title"] = schedule.Name,
            ["start"] = model.Start,
            ["end"] = model.End,
            ["daysCount"] = model.Days.Count,
            ["timeslot_duration"] = model.Timeslot,
            ["time_zone_name"] = schedule.TimeZoneId,
            ["rooms"] = new JsonArray([.. schedule.Rooms.Select(room => (JsonNode)new JsonObject
            {
                ["name"] = room.Name,
                ["guid"] = ScheduleIds.Room(schedule.EventId, room.Id).ToString("D"),
                ["capacity"] = room.Capacity,
            })]),
            ["days"] = new JsonArray([.. model.Days.Select(day => (JsonNode)new JsonObject
            {
                ["index"] = day.Index,
                ["date"] = day.Date,
                ["day_start"] = day.Start,
                ["day_end"] = day.End,
                ["rooms"] = new JsonObject(day.Rooms.Select(room => KeyValuePair.Create(room.Name, (JsonNode?)new JsonArray([.. room.Events.Select(Json)])))),
            })]),
        };
        var root = new JsonObject
        {
            ["$schema"] = "https://c3voc.de/schedule/schema.json",
            ["generator"] = new JsonObject { ["name"] = Generator },
            ["schedule"] = new JsonObject { ["version"] = model.Version, ["conference"] = conference },
        };
        return root.ToJsonString(JsonOptions);
    }

    /// <param name="schedule">The published schedule.</param>
    /// <param name="baseUrl">Where the app is served (each session's page is linked from its event).</param>
    public static byte[] ToXml(EventSchedule schedule, Uri baseUrl)
    {
        var model = Model.Of(schedule, baseUrl);
        var document = new XDocument(
            new XDeclaration("1.0", "utf-8", null),
            new XElement("schedule",
                new XElement("generator", new XAttribute("name", Generator)),
                new XElement("version", model.Version),
                new XElement("conference",
                    new XElement("title", schedule.Name),
                    new XElement("acronym", model.Acronym),
                    new XElement("start", model.Start),
                    new XElement("end", model.End),
                    new XElement("days", model.Days.Count),
                    new XElement("timeslot_duration", model.Timeslot),
                    new XElement("time_zone_name", schedule.TimeZoneId)),
                model.Days.Select(day => new XElement("day",
                    new XAttribute("index", day.Index),
                    new XAttribute("date", day.Date),
                    new XAttribute("start", day.Start),
                    new XAttribute("end", day.End),
                    day.Rooms.Select(room => new XElement("room",
                        new XAttribute("name", room.Name),
                        new XAttribute("guid", room.Guid.ToString("D")),
                        room.Events.Select(Xml)))))));
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        return buffer.ToArray();
    }

    private static JsonNode Json(Talk talk) => new JsonObject
    {
        ["guid"] = talk.Guid.ToString("D"),
        ["id"] = talk.Id,
        ["date"] = talk.Date,
        ["start"] = talk.Start,
        ["end"] = talk.End,
        ["duration"] = talk.Duration,
        ["room"] = talk.Room,
        ["slug"] = talk.Slug,
        ["url"] = talk.Url,
        ["title"] = talk.Title,
        ["subtitle"] = string.Empty,
        ["track"] = talk.Track,
        ["type"] = Talk.Type,
        ["language"] = talk.Language,
        ["abstract"] = string.Empty,
        ["description"] = null,
        ["persons"] = new JsonArray([.. talk.Persons.Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["guid"] = p.Guid.ToString("D") })]),
        ["links"] = new JsonArray(),
    };

    private static XElement Xml(Talk talk) => new("event",
        new XAttribute("id", talk.Id),
        new XAttribute("guid", talk.Guid.ToString("D")),
        new XElement("room", talk.Room),
        new XElement("title", talk.Title),
        new XElement("subtitle", string.Empty),
        new XElement("type", Talk.Type),
        new XElement("date", talk.Date),
        new XElement("start", talk.Start),
        new XElement("duration", talk.Duration),
        new XElement("abstract", string.Empty),
        new XElement("slug", talk.Slug),
        new XElement("track", talk.Track),
        new XElement("persons", talk.Persons.Select(p => new XElement("person", new XAttribute("guid", p.Guid.ToString("D")), p.Name))),
        new XElement("language", talk.Language),
        new XElement("links"),
        new XElement("url", talk.Url));

    private sealed record Model(string Acronym, string Version, string Start, string End, string Timeslot, IReadOnlyList<Day> Days)
    {
        public static Model Of(EventSchedule schedule, Uri baseUrl)
        {
            ArgumentNullException.ThrowIfNull(schedule);
            ArgumentNullException.ThrowIfNull(baseUrl);
            var clock = schedule.Clock;
            var acronym = AcronymOf(schedule.Slug);
            var id = 0;
            var days = schedule.Rounds
                .GroupBy(r => DateOnly.FromDateTime(clock.Local(r.StartsAt).DateTime))
                .OrderBy(g => g.Key)
                .Select((rounds, index) => new Day(
                    index + 1,
                    Date(rounds.Key),
                    Instant(clock.Local(rounds.Min(r => r.StartsAt))),
                    Instant(clock.Local(rounds.Max(r => r.EndsAt))),
                    [.. schedule.Rooms.Select(room => new DayRoom(room.Name, ScheduleIds.Room(schedule.EventId, room.Id),
                        [.. rounds.OrderBy(r => r.StartsAt)
                            .Select(round => (round, session: schedule.SessionIn(room.Id, round.Id)))
                            .Where(x => x.session is not null)
                            .Select(x => Talk.Of(schedule, room, x.round, x.session!, ++id, acronym, baseUrl))]))]))
                .ToList();
            if (days.Count == 0)
            {
                // The formats need a day; an event without rounds has none of its own, so it gets an empty one.
                var epoch = Instant(clock.Local(DateTimeOffset.UnixEpoch));
                days.Add(new Day(1, Date(DateOnly.FromDateTime(clock.Local(DateTimeOffset.UnixEpoch).DateTime)), epoch, epoch, []));
            }

            var slot = schedule.Rounds.Count > 0 ? schedule.Rounds[0].EndsAt - schedule.Rounds[0].StartsAt : TimeSpan.FromMinutes(45);
            return new Model(acronym, "1.0", days[0].Date, days[^1].Date, Duration(slot), days);
        }

        // c3voc acronyms are lower-case letters, digits and underscores, at least four; slugs use hyphens.
        private static string AcronymOf(string slug)
        {
            var acronym = new string([.. slug.ToLowerInvariant().Select(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) ? c : '_')]);
            return acronym.Length >= 4 ? acronym : acronym.PadRight(4, '_');
        }
    }

    private sealed record Day(int Index, string Date, string Start, string End, IReadOnlyList<DayRoom> Rooms);

    private sealed record DayRoom(string Name, Guid Guid, IReadOnlyList<Talk> Events);

    private sealed record Person(string Name, Guid Guid);

    private sealed record Talk(Guid Guid, int Id, string Date, string Start, string End, string Duration, string Room, string Slug,
        string Url, string Title, string Track, string Language, IReadOnlyList<Person> Persons)
    {
        // A generative conference session is a moderated discussion of one problem.
        public const string Type = "discussion";

        public static Talk Of(EventSchedule schedule, RoomView room, RoundView round, SessionView session, int id, string acronym, Uri baseUrl)
        {
            var clock = schedule.Clock;
            var start = clock.Local(round.StartsAt);
            return new Talk(
                ScheduleIds.Session(schedule.EventId, session.Id),
                id,
                Instant(start),
                start.ToString("HH:mm", CultureInfo.InvariantCulture),
                Instant(clock.Local(round.EndsAt)),
                C3vocSchedule.Duration(round.EndsAt - round.StartsAt),
                room.Name,
                $"{acronym}-session-{id}",
                new Uri(baseUrl, $"/events/{Uri.EscapeDataString(schedule.Slug)}/sessions/{session.Id:D}").AbsoluteUri,
                session.CardTitle,
                session.Kind.ToString(),
                session.Language,
                string.IsNullOrWhiteSpace(session.ModeratorName) ? [] : [new Person(session.ModeratorName, ScheduleIds.Person(schedule.EventId, session.ModeratorId))]);
        }
    }

    private static string Instant(DateTimeOffset local) => local.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan length) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)length.TotalHours:00}:{length.Minutes:00}");
}
