using System.Globalization;
using RunawaysAlliance.Benchmarks.Planner;
using RunawaysAlliance.Benchmarks.Search;
using RunawaysAlliance.Planning;

const string Usage = """
    usage:
      RunawaysAlliance.Benchmarks generate [--size 21|60|180|300] [--cards N] [--rooms N] [--rounds N] [--people N] [--seed S]
          [--shape topics|taste] [--out file.json]
          writes a generated planner instance (docs/planner-instance.md) to --out or standard output;
          --size picks the benchmark's preset for that many slots, the other options override it; --shape picks how
          interests are drawn (topic clusters with Zipf popularity, or a taste map with heavy-tailed popularity)
      RunawaysAlliance.Benchmarks planner [--sizes 21,60,180,300] [--seeds 5] [--limits 1,10] [--workers 1] [--shapes topics,taste]
          [--out results.json]
          the planner against the greedy baseline on generated instances (seeds 1..N), every shape x size x seed x limit;
          prints a table and writes JSON (default tests/RunawaysAlliance.Benchmarks/results/planner-<date>.json)
      RunawaysAlliance.Benchmarks planner-scale [--people 100000] [--limits 1,10] [--seed 1] [--out results.json]
          the time limit on a very large instance: writes a 300-card instance with that many people to a file, then per
          limit runs a child process that reads it and plans it like the command line (the limit covers reading);
          wall time, the planner's elapsed time and the child's peak memory
      RunawaysAlliance.Benchmarks circuits --postgres "Host=…;Database=…" [--circuits 1000] [--changes 10] [--concurrency 32]
          [--pages reference,board,app:/path,url:https://host/events/slug] [--app src/RunawaysAlliance.Web/bin/Release/net10.0/RunawaysAlliance.Web.dll]
          [--gcdump DIR] [--out results.json]
          real Blazor Server circuits on the one-counter reference page and on the live board, each server in its own
          process (Server GC, Production); change→render latency per circuit, missed updates, server memory per circuit;
          url:<address> measures a server already running anywhere (changes through the database --postgres names)
      RunawaysAlliance.Benchmarks claims --postgres "Host=…;Username=…;Database=postgres" [--claims 200] [--runs 5] [--out results.json]
          the claim storm: the app's own services on a fresh database with the demo event per run (created and dropped
          through --postgres, which must be allowed to CREATE DATABASE); --claims moderators claim its open slots at once;
          time per claim (p50/p95/max) and double bookings left in the store
      RunawaysAlliance.Benchmarks reference [--port 5190]
          the reference app alone (one interactive component that re-renders on POST /change?text=…)
      RunawaysAlliance.Benchmarks search [--cards 300] [--seed 1] [--out results.json]
          the card search over generated Korean/English cards: words against initials (초성) of the same length, up to
          the query cap; prints a table and writes JSON (default search-<date>.json next to the program)
    """;

try
{
    return args.FirstOrDefault() switch
    {
        "generate" => Generate(Options.Parse(args[1..], ["--size", "--cards", "--rooms", "--rounds", "--people", "--seed", "--shape", "--out"])),
        "search" => Search(Options.Parse(args[1..], ["--cards", "--seed", "--out"])),
        "circuits" => Circuits(Options.Parse(args[1..], ["--postgres", "--circuits", "--changes", "--concurrency", "--pages", "--app", "--out", "--gcdump"])),
        "claims" => Claims(Options.Parse(args[1..], ["--postgres", "--claims", "--runs", "--out"])),
        "reference" => RunawaysAlliance.Benchmarks.Circuits.ReferenceHost.Run(Options.Parse(args[1..], ["--port"]).Int("--port", 5190)),
        "planner" => Benchmark(Options.Parse(args[1..], ["--sizes", "--seeds", "--limits", "--workers", "--shapes", "--out"])),
        "planner-scale" => PlannerScale.Run(Options.Parse(args[1..], ["--people", "--limits", "--seed", "--out"])),
        "plan-once" => PlannerScale.PlanOnce(args[1..]),
        "-h" or "--help" or "help" => Help(Console.Out, 0),
        _ => Help(Console.Error, 2),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return Help(Console.Error, 2);
}

static int Help(TextWriter writer, int code)
{
    writer.WriteLine(Usage);
    return code;
}

static int Circuits(Options o)
{
    var root = FindRepositoryRoot();
    var settings = new RunawaysAlliance.Benchmarks.Circuits.CircuitLoadSettings(
        o.Int("--circuits", 1000),
        o.Int("--changes", 10),
        o.Int("--concurrency", 32),
        o.Get("--postgres") ?? throw new ArgumentException("--postgres is required (the board runs on PostgreSQL; the demo event is seeded if missing)."),
        o.Get("--app") ?? Path.Combine(root, "src/RunawaysAlliance.Web/bin/Release/net10.0/RunawaysAlliance.Web.dll"),
        typeof(RunawaysAlliance.Benchmarks.Circuits.CircuitLoad).Assembly.Location,
        (o.Get("--pages") ?? "reference,board").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        o.Get("--out"))
    {
        GcDumpFolder = o.Get("--gcdump"),
    };
    if (!File.Exists(settings.AppDll))
    {
        throw new ArgumentException($"{settings.AppDll} is missing: build it first (dotnet build src/RunawaysAlliance.Web -c Release).");
    }

    var results = RunawaysAlliance.Benchmarks.Circuits.CircuitLoad.RunAsync(settings, CancellationToken.None).GetAwaiter().GetResult();
    RunawaysAlliance.Benchmarks.Circuits.CircuitLoad.Print(results, Console.Out);
    var path = settings.Out ?? Path.Combine(root, "tests/RunawaysAlliance.Benchmarks/results", $"circuits-{settings.Circuits}-{DateTime.UtcNow:yyyyMMdd-HHmm}.json");
    RunawaysAlliance.Benchmarks.Circuits.CircuitLoad.Save(results, path);
    Console.WriteLine(path);
    return 0;
}

static int Claims(Options o)
{
    var settings = new RunawaysAlliance.Benchmarks.Claims.ClaimStormSettings(
        o.Get("--postgres") ?? throw new ArgumentException("--postgres is required (a role that may create and drop databases)."),
        o.Int("--claims", 200),
        Math.Max(1, o.Int("--runs", 5)),
        o.Get("--out"));
    var runs = RunawaysAlliance.Benchmarks.Claims.ClaimStormBenchmark.RunAsync(settings, Console.Out, CancellationToken.None).GetAwaiter().GetResult();
    var path = settings.Out ?? Path.Combine(FindRepositoryRoot(), "tests/RunawaysAlliance.Benchmarks/results", $"claims-{settings.Claims}-{DateTime.UtcNow:yyyyMMdd-HHmm}.json");
    RunawaysAlliance.Benchmarks.Claims.ClaimStormBenchmark.Save(runs, path);
    Console.WriteLine(path);
    return runs.All(r => r.DoubleBookings.Count == 0) ? 0 : 1;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "RunawaysAlliance.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}

static int Generate(Options o)
{
    var seed = o.Int("--seed", 1);
    var preset = o.Has("--size") ? GeneratorSettings.Preset(o.Int("--size", 21), seed) : GeneratorSettings.Preset(21, seed);
    var settings = preset with
    {
        Cards = o.Int("--cards", preset.Cards),
        Rooms = o.Int("--rooms", preset.Rooms),
        Rounds = o.Int("--rounds", preset.Rounds),
        People = o.Int("--people", preset.People),
        Shape = Shape(o.Get("--shape") ?? "topics"),
    };
    var instance = InstanceGenerator.Generate(settings);
    if (o.Get("--out") is { } path)
    {
        using var file = File.Create(path);
        PlanningJson.WriteInstance(instance, file);
        file.WriteByte((byte)'\n');
        Console.Error.WriteLine($"{path}: {settings.Label}, {instance.Fixed.Count} fixed, {instance.Moderators.Count} volunteer moderators, seed {seed}");
    }
    else
    {
        Console.Out.WriteLine(PlanningJson.WriteInstance(instance));
    }

    return 0;
}

static int Search(Options o) => SearchBenchmark.Run(o.Int("--cards", 300), o.Int("--seed", 1), o.Get("--out"), Console.Out);

static int Benchmark(Options o)
{
    var settings = new BenchmarkSettings(
        o.List("--sizes", [21, 60, 180, 300], int.Parse),
        o.Int("--seeds", 5),
        o.List("--limits", [1.0, 10.0], double.Parse),
        o.Int("--workers", 1),
        o.Get("--out"))
    {
        Shapes = [.. (o.Get("--shapes") ?? "topics,taste").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Shape)],
    };
    return PlannerBenchmark.Run(settings, Console.Out);
}

static InterestShape Shape(string name) => Enum.TryParse<InterestShape>(name, ignoreCase: true, out var shape)
    ? shape
    : throw new ArgumentException($"unknown shape \"{name}\" (topics or taste).");

/// <summary>"--name value" pairs; unknown names and missing values are errors.</summary>
internal sealed class Options
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static Options Parse(string[] args, string[] known)
    {
        var options = new Options();
        for (var i = 0; i < args.Length; i++)
        {
            if (!known.Contains(args[i]))
            {
                throw new ArgumentException($"unknown argument \"{args[i]}\" (known: {string.Join(", ", known)}).");
            }

            options._values[args[i]] = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
        }

        return options;
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int Int(string name, int fallback) =>
        Get(name) is not { } text ? fallback
        : int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw new ArgumentException($"{name} \"{text}\" is not a whole number.");

    public List<T> List<T>(string name, T[] fallback, Func<string, IFormatProvider, T> parse)
    {
        if (Get(name) is not { } text)
        {
            return [.. fallback];
        }

        try
        {
            return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => parse(t, CultureInfo.InvariantCulture))];
        }
        catch (FormatException)
        {
            throw new ArgumentException($"{name} \"{text}\" is not a comma-separated list of numbers.");
        }
    }
}
