using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using RunawaysAlliance.Planning;

namespace RunawaysAlliance.Benchmarks.Planner;

/// <summary>What to run: which sizes (by slot count), how many seeds, which time limits, how many solver threads.</summary>
internal sealed record BenchmarkSettings(IReadOnlyList<int> Sizes, int Seeds, IReadOnlyList<double> LimitsSeconds, int Workers, string? Out)
{
    /// <summary>The generator shapes to run (both by default, so the planner is not judged on one generator only).</summary>
    public IReadOnlyList<InterestShape> Shapes { get; init; } = [InterestShape.Topics, InterestShape.Taste];
}

/// <summary>One solve: the planner against greedy on one generated instance at one time limit.</summary>
internal sealed record BenchmarkRow(
    int Slots,
    string Size,
    int Cards,
    int Rooms,
    int Rounds,
    int People,
    int Fixed,
    int Seed,
    double LimitS,
    int Workers,
    string Status,
    long Objective,
    long GreedyObjective,
    long? Bound,
    double? Gap,
    int Conflicts,
    int GreedyConflicts,
    int Overflow,
    int GreedyOverflow,
    int Served,
    int GreedyServed,
    int Placed,
    int GreedyPlaced,
    double? FirstSolutionS,
    double ElapsedS,
    double GreedyMs,
    bool Valid,
    double LoadAverage,
    string Shape = "Topics",
    double AllocatedMb = 0);

/// <summary>The results file: where and when it ran, the settings, the rows.</summary>
internal sealed record BenchmarkResults(string Date, MachineInfo Machine, BenchmarkSettings Settings, IReadOnlyList<BenchmarkRow> Rows);

internal sealed record MachineInfo(int Cores, string Cpu, string Os, string Runtime, string OrTools, string LoadAtStart, string LoadAtEnd);

/// <summary>
/// Compares the planner with the greedy baseline on generated instances: every size x seed x time limit, a table
/// of rows as they finish, an aggregate per size and limit, and a JSON file with everything.
/// </summary>
internal static class PlannerBenchmark
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static int Run(BenchmarkSettings settings, TextWriter output)
    {
        var loadAtStart = LoadAverage();
        WarmUp();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"planner benchmark: sizes {string.Join(", ", settings.Sizes)} slots, seeds 1..{settings.Seeds}, limits {string.Join(", ", settings.LimitsSeconds.Select(l => l + " s"))}, {settings.Workers} worker(s), {Environment.ProcessorCount} cores, load {loadAtStart}"));
        output.WriteLine();
        output.WriteLine(RowHeader);
        var rows = new List<BenchmarkRow>();
        foreach (var shape in settings.Shapes)
        foreach (var slots in settings.Sizes)
        {
            for (var seed = 1; seed <= settings.Seeds; seed++)
            {
                var generator = GeneratorSettings.Preset(slots, seed) with { Shape = shape };
                var instance = InstanceGenerator.Generate(generator);
                foreach (var limit in settings.LimitsSeconds)
                {
                    var row = Measure(slots, generator, instance, limit, settings.Workers);
                    rows.Add(row);
                    output.WriteLine(Format(row));
                }
            }
        }

        output.WriteLine();
        output.WriteLine(Summary(rows));
        output.WriteLine();
        output.WriteLine(Checks(rows));
        var results = new BenchmarkResults(
            DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            new MachineInfo(Environment.ProcessorCount, CpuModel(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription,
                typeof(Google.OrTools.Sat.CpSolver).Assembly.GetName().Version?.ToString() ?? "?", loadAtStart, LoadAverage()),
            settings,
            rows);
        var path = settings.Out ?? DefaultOut();
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(results, Json) + "\n");
        output.WriteLine($"results: {path}");
        return 0;
    }

    private static BenchmarkRow Measure(int slots, GeneratorSettings generator, PlanningInstance instance, double limit, int workers)
    {
        var load = double.Parse(LoadAverage().Split(' ')[0], CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        GreedyPlanner.Arrange(instance);
        var greedyMs = clock.Elapsed.TotalMilliseconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var plan = Planning.Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(limit), generator.Seed, workers));
        var allocatedMb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1048576.0;
        var valid = PlanScoring.Violations(instance, plan.Placements).Count == 0 && PlanScoring.KeepsFixed(instance, plan.Placements);
        return new BenchmarkRow(
            slots, generator.Label, generator.Cards, generator.Rooms, generator.Rounds, generator.People, instance.Fixed.Count, generator.Seed, limit, workers,
            plan.Status.ToString(), plan.Score.Objective, plan.Greedy.Objective, plan.Bound, plan.Gap,
            plan.Score.Conflicts, plan.Greedy.Conflicts, plan.Score.Overflow, plan.Greedy.Overflow,
            plan.Score.InterestServed, plan.Greedy.InterestServed, plan.Score.Placed, plan.Greedy.Placed,
            plan.FirstSolutionAfter?.TotalSeconds, plan.Elapsed.TotalSeconds, Math.Round(greedyMs, 2), valid, load, generator.Shape.ToString(), Math.Round(allocatedMb, 1));
    }

    // The first solve loads the native solver and JIT-compiles the model code; it is not what an organizer waits for twice.
    private static void WarmUp()
    {
        var instance = InstanceGenerator.Generate(GeneratorSettings.Preset(21, 999));
        Planning.Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(1)));
    }

    private const string RowHeader =
        "slots  size                 seed  limit  status    objective (greedy)     conflicts (greedy)  overflow (greedy)  first s  elapsed s  gap      valid";

    private static string Format(BenchmarkRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Slots,5}  {r.Size,-19}  {r.Seed,4}  {r.LimitS,4:0.#}s  {r.Status,-8}  {r.Objective,9} ({r.GreedyObjective,9})  {r.Conflicts,9} ({r.GreedyConflicts,6})  {r.Overflow,8} ({r.GreedyOverflow,6})  {Num(r.FirstSolutionS),7}  {r.ElapsedS,9:0.00}  {Pct(r.Gap),7}  {(r.Valid ? "yes" : "NO")}");

    private static string Num(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "-";

    private static string Pct(double? value) => value is { } v ? v.ToString("0.00%", CultureInfo.InvariantCulture) : "-";

    /// <summary>One line per size and limit: mean/min/max of the objective (planner vs greedy), conflicts, overflow, first solution, gap, how many proven optimal.</summary>
    public static string Summary(IReadOnlyList<BenchmarkRow> rows)
    {
        var lines = new List<string>
        {
            "| size | limit | objective planner mean (min–max) | objective greedy mean (min–max) | conflicts planner / greedy (mean) | fewer conflicts | overflow planner / greedy (mean) | first solver solution s mean (max) | elapsed s mean (max) | gap mean (max) | optimal / feasible / improved / greedy | valid | managed MB allocated mean (max) |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
        };
        foreach (var g in rows.GroupBy(r => (r.Slots, r.Size, r.LimitS)))
        {
            var n = g.Count();
            var conflicts = g.Average(r => r.Conflicts);
            var greedyConflicts = g.Average(r => r.GreedyConflicts);
            var fewer = greedyConflicts > 0 ? 1 - (conflicts / greedyConflicts) : 0;
            var gaps = g.Select(r => r.Gap).OfType<double>().ToList();
            // A greedy or improved row's "first solution" is the greedy arrangement's, not a solution of the solver.
            var firsts = g.Where(r => r.Status is not (nameof(PlanStatus.Greedy) or nameof(PlanStatus.Improved))).Select(r => r.FirstSolutionS).OfType<double>().ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {g.Key.Slots} slots, {g.Key.Size} | {g.Key.LimitS:0.#} s | {g.Average(r => r.Objective):0.0} ({g.Min(r => r.Objective)}–{g.Max(r => r.Objective)}) | {g.Average(r => r.GreedyObjective):0.0} ({g.Min(r => r.GreedyObjective)}–{g.Max(r => r.GreedyObjective)}) "
                + $"| {conflicts:0.0} / {greedyConflicts:0.0} | {fewer:0%} (worse on {g.Count(r => r.Conflicts > r.GreedyConflicts)} of {n}) | {g.Average(r => r.Overflow):0.0} / {g.Average(r => r.GreedyOverflow):0.0} "
                + $"| {(firsts.Count > 0 ? $"{firsts.Average():0.00} ({firsts.Max():0.00})" : "-")} | {g.Average(r => r.ElapsedS):0.00} ({g.Max(r => r.ElapsedS):0.00}) "
                + $"| {(gaps.Count > 0 ? $"{gaps.Average():0.00%} ({gaps.Max():0.00%})" : "-")} | {Count(g, PlanStatus.Optimal)} / {Count(g, PlanStatus.Feasible)} / {Count(g, PlanStatus.Improved)} / {Count(g, PlanStatus.Greedy)} | {g.Count(r => r.Valid)} of {n} | {g.Average(r => r.AllocatedMb):0} ({g.Max(r => r.AllocatedMb):0}) |"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    /// <summary>The issue's two numbers: the demo size proven optimal in under 2 s; at 300 slots and 10 s, 20% fewer conflicts than greedy and never worse.</summary>
    public static string Checks(IReadOnlyList<BenchmarkRow> rows)
    {
        var lines = new List<string>();
        var demo = rows.Where(r => r.Slots == 21 && r.LimitS >= 2).ToList();
        if (demo.Count > 0)
        {
            var fast = demo.Count(r => r.Status == nameof(PlanStatus.Optimal) && r.ElapsedS < 2);
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"21 slots, limit >= 2 s: proven optimal in under 2 s on {fast} of {demo.Count} (optimal at all: {Count(demo, PlanStatus.Optimal)}; elapsed {demo.Min(r => r.ElapsedS):0.00}–{demo.Max(r => r.ElapsedS):0.00} s)"));
        }

        foreach (var big in rows.Where(r => r.Slots == 300 && r.LimitS >= 10).GroupBy(r => r.Shape))
        {
            var planner = big.Average(r => r.Conflicts);
            var greedy = big.Average(r => r.GreedyConflicts);
            var perSeed = big.Select(r => r.GreedyConflicts > 0 ? 1 - ((double)r.Conflicts / r.GreedyConflicts) : 0).ToList();
            lines.Add(string.Create(CultureInfo.InvariantCulture,
                $"300 slots ({big.Key}), limit >= 10 s: conflicts {planner:0.0} vs greedy {greedy:0.0} on average ({(greedy > 0 ? 1 - (planner / greedy) : 0):0%} fewer; 20% asked; per seed {perSeed.Min():0%}–{perSeed.Max():0%}), worse than greedy on {big.Count(r => r.Conflicts > r.GreedyConflicts)} of {big.Count()} seeds"));
        }

        return string.Join(Environment.NewLine, lines);
    }

    private static int Count(IEnumerable<BenchmarkRow> rows, PlanStatus status) => rows.Count(r => r.Status == status.ToString());

    private static string DefaultOut()
    {
        var root = new DirectoryInfo(Directory.GetCurrentDirectory());
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "RunawaysAlliance.sln")))
        {
            root = root.Parent;
        }

        var folder = root is null ? "results" : Path.Combine(root.FullName, "tests", "RunawaysAlliance.Benchmarks", "results");
        return Path.Combine(folder, $"planner-{DateTime.UtcNow:yyyy-MM-dd}.json");
    }

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        }
        catch (IOException)
        {
            return "?";
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "0 0 0";
        }
    }
}
