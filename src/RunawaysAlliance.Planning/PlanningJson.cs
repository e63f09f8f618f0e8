using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace RunawaysAlliance.Planning;

/// <summary>
/// The planner's file formats (docs/planner-instance.md): reads and writes an instance, writes a plan with its
/// scores. Reading is strict and explains itself: malformed JSON names the line and position, a missing or
/// mistyped field names its path (<c>rooms[2].capacity</c>), and the instance is validated before it is returned.
/// </summary>
public static class PlanningJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    // Korean titles and names stay readable in the file; HTML-sensitive characters are still escaped.
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    private static readonly JsonSerializerOptions PlanOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Reads an instance from JSON text and validates it.</summary>
    /// <exception cref="PlanningInstanceException">The text is not JSON, does not follow the format, or breaks a rule of <see cref="PlanningInstance.Validate"/>.</exception>
    public static PlanningInstance ReadInstance(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Parse(() => JsonDocument.Parse(json, DocumentOptions));
    }

    /// <summary>Reads an instance from a UTF-8 JSON stream and validates it.</summary>
    /// <exception cref="PlanningInstanceException">The stream is not JSON, does not follow the format, or breaks a rule of <see cref="PlanningInstance.Validate"/>.</exception>
    public static PlanningInstance ReadInstance(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        if (utf8Json.CanSeek)
        {
            return utf8Json.Length - utf8Json.Position > MaxInstanceBytes
                ? throw TooLarge(utf8Json.Length - utf8Json.Position)
                : Parse(() => JsonDocument.Parse(utf8Json, DocumentOptions));
        }

        // A stream of unknown length (standard input) is read up to the limit, and refused past it.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = utf8Json.Read(chunk, 0, chunk.Length)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxInstanceBytes)
            {
                throw TooLarge(null);
            }
        }

        buffer.Position = 0;
        return Parse(() => JsonDocument.Parse(buffer, DocumentOptions));
    }

    /// <summary>The largest instance file the planner reads: 64 MB (about 500,000 people with a handful of interests each).</summary>
    public const long MaxInstanceBytes = 64L * 1024 * 1024;

    private static PlanningInstanceException TooLarge(long? bytes) => new(
        (bytes is { } b ? string.Create(CultureInfo.InvariantCulture, $"The instance is {b / 1048576.0:0.0} MB") : "The instance is larger than 64 MB")
        + "; the planner reads instances of at most 64 MB (an evening of 100,000 people with three interests each is about 11 MB). Split the event, or leave out people without interests.");

    /// <summary>Reads an instance from a file and validates it; a file that cannot be read is reported like a bad instance.</summary>
    /// <exception cref="PlanningInstanceException">The file cannot be read, is not JSON, does not follow the format, or breaks a rule.</exception>
    public static PlanningInstance ReadInstanceFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new PlanningInstanceException($"\"{path}\" is a folder; give the path of an instance JSON file.");
        }

        FileStream stream;
        try
        {
            stream = File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PlanningInstanceException($"Cannot read the instance file \"{path}\": {e.Message}");
        }

        using (stream)
        {
            return ReadInstance(stream);
        }
    }

    /// <summary>Writes an instance in the documented format (indented UTF-8).</summary>
    public static void WriteInstance(PlanningInstance instance, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var w = new Utf8JsonWriter(utf8Json, WriterOptions);
        w.WriteStartObject();
        w.WriteStartArray("rooms");
        foreach (var room in instance.Rooms)
        {
            w.WriteStartObject();
            w.WriteString("id", room.Id);
            w.WriteNumber("capacity", room.Capacity);
            WriteIfSet(w, "name", room.Name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rounds");
        foreach (var round in instance.Rounds)
        {
            w.WriteStartObject();
            w.WriteString("id", round.Id);
            WriteIfSet(w, "name", round.Name);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("cards");
        foreach (var card in instance.Cards)
        {
            w.WriteStartObject();
            w.WriteString("id", card.Id);
            w.WriteString("haver", card.Haver);
            WriteIfSet(w, "moderator", card.Moderator);
            WriteIfSet(w, "title", card.Title);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WriteStrings(w, "moderators", instance.Moderators);
        w.WriteStartArray("people");
        foreach (var person in instance.People)
        {
            w.WriteStartObject();
            w.WriteString("id", person.Id);
            WriteStrings(w, "interests", person.Interests);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        WritePlacements(w, "fixed", instance.Fixed);
        if (instance.Previous is { } previous)
        {
            WritePlacements(w, "previous", previous);
        }

        w.WriteEndObject();
    }

    /// <summary>The instance in the documented format, as indented JSON text.</summary>
    public static string WriteInstance(PlanningInstance instance)
    {
        using var buffer = new MemoryStream();
        WriteInstance(instance, buffer);
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes a plan: its placements, status, objective, the scores of the plan, the greedy baseline and the arrangement before, the proven bound and gap, and the timings (indented UTF-8).</summary>
    public static void WritePlan(Plan plan, Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(utf8Json);
        JsonSerializer.Serialize(utf8Json, ToDocument(plan), PlanOptions);
    }

    /// <summary>The plan as indented JSON text (see <see cref="WritePlan(Plan, Stream)"/>).</summary>
    public static string WritePlan(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return JsonSerializer.Serialize(ToDocument(plan), PlanOptions);
    }

    private static PlanDocument ToDocument(Plan plan)
    {
        return new PlanDocument(
            plan.Status,
            plan.Score.Objective,
            plan.Bound,
            plan.Gap,
            Milliseconds(plan.Elapsed),
            plan.FirstSolutionAfter is { } first ? Milliseconds(first) : null,
            Milliseconds(plan.Options.TimeLimit),
            plan.Options.Seed,
            plan.Options.Workers,
            new ScoresDocument(Scores(plan.Score), Scores(plan.Greedy), Scores(plan.Before)),
            [.. plan.Placements.Select(p => new PlacementDocument(p.Card, p.Room, p.Round, p.Moderator))]);

        static ScoreDocument Scores(PlanScore s) => new(s.Objective, s.InterestServed, s.Wanted, s.Conflicts, s.Overflow, s.Moved, s.Placed, s.Unplaced);
    }

    private static double Milliseconds(TimeSpan time) => Math.Round(time.TotalMilliseconds, 1);

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static void WritePlacements(Utf8JsonWriter w, string name, IEnumerable<Placement> placements)
    {
        w.WriteStartArray(name);
        foreach (var p in placements)
        {
            w.WriteStartObject();
            w.WriteString("card", p.Card);
            w.WriteString("room", p.Room);
            w.WriteString("round", p.Round);
            WriteIfSet(w, "moderator", p.Moderator);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    // ------------------------------------------------------------------ reading

    private static PlanningInstance Parse(Func<JsonDocument> parse)
    {
        JsonDocument document;
        try
        {
            document = parse();
        }
        catch (JsonException e)
        {
            throw new PlanningInstanceException(NotJson(e));
        }

        using (document)
        {
            return ReadRoot(document.RootElement).Validate();
        }
    }

    // System.Text.Json counts lines and bytes from 0 and appends them to its message; people count from 1.
    private static string NotJson(JsonException e)
    {
        var reason = e.Message;
        var cut = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut >= 0)
        {
            reason = reason[..cut];
        }

        reason = reason.Replace(", when isFinalBlock is true", "", StringComparison.Ordinal);

        return e.LineNumber is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"The instance is not valid JSON at line {line + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {reason}")
            : $"The instance is not valid JSON: {reason}";
    }

    private static PlanningInstance ReadRoot(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new PlanningInstanceException(
                $"The instance must be a JSON object with \"rooms\", \"rounds\", \"cards\", \"moderators\", \"people\" and \"fixed\", but it is {Describe(root)}.");
        }

        var o = new ObjectReader(root, "", "the instance", ["rooms", "rounds", "cards", "moderators", "people", "fixed", "previous"]);
        var rooms = o.Array("rooms", "the rooms, e.g. [{ \"id\": \"hall\", \"capacity\": 35 }]", required: true, ReadRoom)!;
        var rounds = o.Array("rounds", "the rounds in time order, e.g. [{ \"id\": \"r1\" }]", required: true, ReadRound)!;
        if (rooms.Count == 0 || rounds.Count == 0)
        {
            throw new PlanningInstanceException("The instance needs at least one room and one round (\"rooms\" and \"rounds\" are empty lists).");
        }

        var cards = o.Array("cards", "the cards to place, e.g. [{ \"id\": \"c1\", \"haver\": \"alice\" }]", required: true, ReadCard)!;
        var moderators = o.Array("moderators", "the volunteer moderators, a list of person ids", required: false, (e, path) => ReadString(e, path, "a moderator's person id")) ?? [];
        var people = o.Array("people", "the people and their interests", required: false, ReadPerson) ?? [];
        var fixedSessions = o.Array("fixed", "the sessions that stay where they are", required: false, ReadPlacement) ?? [];
        var previous = o.Array("previous", "the previous arrangement of the sessions that may move", required: false, ReadPlacement);
        return new PlanningInstance(rooms, rounds, cards, moderators, people, fixedSessions, previous);
    }

    private static PlanRoom ReadRoom(JsonElement e, string path)
    {
        var o = new ObjectReader(e, path, "room", ["id", "capacity", "name"]);
        return new PlanRoom(o.Id(), o.Int("capacity", "the number of seats, a whole number above 0"), o.String("name", "the room's display name", required: false));
    }

    private static PlanRound ReadRound(JsonElement e, string path)
    {
        var o = new ObjectReader(e, path, "round", ["id", "name"]);
        return new PlanRound(o.Id(), o.String("name", "the round's display name, e.g. \"19:00\"", required: false));
    }

    private static PlanCard ReadCard(JsonElement e, string path)
    {
        var o = new ObjectReader(e, path, "card", ["id", "haver", "moderator", "title"]);
        return new PlanCard(
            o.Id(),
            o.String("haver", "the person id of the card's haver", required: true)!,
            o.String("moderator", "the person id of the card's own moderator, or null", required: false),
            o.String("title", "the card's title", required: false));
    }

    private static PlanPerson ReadPerson(JsonElement e, string path)
    {
        var o = new ObjectReader(e, path, "person", ["id", "interests"]);
        var id = o.Id();
        var interests = o.Array("interests", "the ids of the cards this person offered help on or reserved a seat for", required: true,
            (item, itemPath) => ReadString(item, itemPath, "a card id"))!;
        return new PlanPerson(id, interests);
    }

    private static Placement ReadPlacement(JsonElement e, string path)
    {
        var o = new ObjectReader(e, path, "session", ["card", "room", "round", "moderator"]);
        return new Placement(
            o.Key("card", "the id of the card"),
            o.String("room", "the id of the room", required: true)!,
            o.String("round", "the id of the round", required: true)!,
            o.String("moderator", "the person id of the session's moderator", required: false));
    }

    private static string ReadString(JsonElement e, string path, string what) =>
        e.ValueKind == JsonValueKind.String
            ? e.GetString()!
            : throw new PlanningInstanceException($"{path} must be {what} (a string in quotes), but it is {Describe(e)}.");

    private static string Describe(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "an object ({…})",
        JsonValueKind.Array => "a list ([…])",
        JsonValueKind.String => $"a string ({Shorten(e.GetRawText())})",
        JsonValueKind.Number => $"a number ({Shorten(e.GetRawText())})",
        JsonValueKind.True or JsonValueKind.False => $"{e.GetRawText()}",
        JsonValueKind.Null => "null",
        _ => "missing",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "…";

    /// <summary>One JSON object of the format: rejects unknown and repeated fields, names every problem by its path.</summary>
    private sealed class ObjectReader
    {
        private readonly Dictionary<string, JsonElement> _fields = new(StringComparer.Ordinal);
        private readonly string _path;
        private string _label;

        public ObjectReader(JsonElement element, string path, string what, string[] known)
        {
            _path = path;
            _label = path.Length == 0 ? "The instance" : $"{path} (a {what})";
            if (element.ValueKind != JsonValueKind.Object)
            {
                throw new PlanningInstanceException($"{path} must be a {what} object ({{ \"{known[0]}\": … }}), but it is {Describe(element)}.");
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!known.Contains(property.Name, StringComparer.Ordinal))
                {
                    var near = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                    var hint = near is null ? $"the known fields are {string.Join(", ", known)}" : $"did you mean \"{near}\"? Field names are case-sensitive";
                    throw new PlanningInstanceException($"{_label} has an unknown field \"{property.Name}\" ({hint}).");
                }

                if (!_fields.TryAdd(property.Name, property.Value))
                {
                    throw new PlanningInstanceException($"{_label} has the field \"{property.Name}\" twice.");
                }
            }
        }

        /// <summary>Reads the "id" and names the object by it in later messages.</summary>
        public string Id() => Key("id", "a unique id");

        /// <summary>Reads a required string that names the object in later messages (an id, or the card of a session).</summary>
        public string Key(string name, string what)
        {
            var key = String(name, what, required: true)!;
            _label = $"{_path} ({name} \"{key}\")";
            return key;
        }

        public string? String(string name, string what, bool required)
        {
            if (!Field(name, what, required, out var e))
            {
                return null;
            }

            return e.ValueKind == JsonValueKind.String
                ? e.GetString()
                : throw Wrong(name, $"{what} (a string in quotes)", e);
        }

        public int Int(string name, string what)
        {
            Field(name, what, required: true, out var e);
            return e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var value)
                ? value
                : throw Wrong(name, what, e);
        }

        public List<T>? Array<T>(string name, string what, bool required, Func<JsonElement, string, T> read)
        {
            if (!Field(name, what, required, out var e))
            {
                return null;
            }

            if (e.ValueKind != JsonValueKind.Array)
            {
                throw Wrong(name, $"a list ([…]) of {what}", e);
            }

            var prefix = _path.Length == 0 ? name : $"{_path}.{name}";
            return [.. e.EnumerateArray().Select((item, i) => read(item, string.Create(CultureInfo.InvariantCulture, $"{prefix}[{i}]")))];
        }

        // Whether the field has a value; null counts as absent for optional fields and as missing for required ones.
        private bool Field(string name, string what, bool required, out JsonElement value)
        {
            if (_fields.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null)
            {
                return true;
            }

            return required
                ? throw new PlanningInstanceException(value.ValueKind == JsonValueKind.Null && _fields.ContainsKey(name)
                    ? $"{_label}: \"{name}\" is null, but it is required ({what})."
                    : $"{_label} has no \"{name}\" ({what}).")
                : false;
        }

        private PlanningInstanceException Wrong(string name, string what, JsonElement e) =>
            new($"{_label}: \"{name}\" must be {what}, but it is {Describe(e)}.");
    }

    private sealed record PlanDocument(
        PlanStatus Status,
        long Objective,
        long? Bound,
        double? Gap,
        double ElapsedMs,
        double? FirstSolutionMs,
        double TimeLimitMs,
        int Seed,
        int Workers,
        ScoresDocument Scores,
        IReadOnlyList<PlacementDocument> Placements);

    private sealed record ScoresDocument(ScoreDocument Plan, ScoreDocument Greedy, ScoreDocument Before);

    private sealed record ScoreDocument(long Objective, int Served, int Wanted, int Conflicts, int Overflow, int Moved, int Placed, int Unplaced);

    private sealed record PlacementDocument(string Card, string Room, string Round, string? Moderator);
}
