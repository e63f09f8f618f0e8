using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using RunawaysAlliance.Planning;

namespace RunawaysAlliance.Benchmarks.Planner;

/// <summary>One run of the command-line path on a large instance, measured in a process of its own.</summary>
internal sealed record ScaleRow(
    int People,
    long FileBytes,
    int Interests,
    double LimitS,
    string Status,
    double ReadS,
    double ElapsedS,
    double WallS,
    double PeakMb,
    int Placed,
    int Conflicts,
    int GreedyConflicts,
    bool Valid);

/// <summary>
/// The time limit on a very large instance (issue 16): a 300-card evening with a hundred thousand people is written
/// to a file; for each limit a child process reads it and plans it as the command line does (the limit covers reading,
/// checking, indexing, greedy, search and scoring), and reports its own peak memory. The parent times the child too.
/// </summary>
internal static class PlannerScale
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    private static readonly JsonSerializerOptions Line = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static int Run(Options o)
    {
        var people = o.Int("--people", 100_000);
        var seed = o.Int("--seed", 1);
        var limits = o.List("--limits", [1.0, 2.0, 10.0], double.Parse);
        var settings = GeneratorSettings.Preset(300, seed) with { People = people };
        var instance = InstanceGenerator.Generate(settings);
        var file = Path.Combine(Path.GetTempPath(), $"planner-scale-{people}-{seed}.json");
        using (var stream = File.Create(file))
        {
            PlanningJson.WriteInstance(instance, stream);
        }

        var bytes = new FileInfo(file).Length;
        var interests = instance.People.Sum(p => p.Interests.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"planner scale: {settings.Label}, {interests:N0} interests, {bytes / 1048576.0:0.0} MB at {file}"));
        Console.WriteLine("limit s  status    read s  elapsed s  wall s  elapsed/limit  peak MB  placed  conflicts (greedy)  valid");
        var rows = new List<ScaleRow>();
        foreach (var limit in limits)
        {
            var clock = Stopwatch.StartNew();
            var start = new ProcessStartInfo(Environment.ProcessPath!)
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            // Run under the same host: "dotnet <benchmarks.dll> plan-once …", or the apphost directly.
            if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
            {
                start.ArgumentList.Add(typeof(PlannerScale).Assembly.Location);
            }

            start.ArgumentList.Add("plan-once");
            start.ArgumentList.Add(file);
            start.ArgumentList.Add(limit.ToString(CultureInfo.InvariantCulture));
            using var child = Process.Start(start)!;
            var output = child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            var wall = clock.Elapsed.TotalSeconds;
            var result = JsonSerializer.Deserialize<ScaleRow>(output.Trim().Split('\n')[^1], Json)!
                with { People = people, FileBytes = bytes, Interests = interests, WallS = Math.Round(wall, 2) };
            rows.Add(result);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{limit,7:0.#}  {result.Status,-8}  {result.ReadS,6:0.00}  {result.ElapsedS,9:0.00}  {result.WallS,6:0.00}  {result.ElapsedS / limit,13:0.00}  {result.PeakMb,7:0}  {result.Placed,6}  {result.Conflicts,9} ({result.GreedyConflicts,6})  {(result.Valid ? "yes" : "NO")}"));
        }

        var path = o.Get("--out") ?? Path.Combine(Path.GetTempPath(), $"planner-scale-{DateTime.UtcNow:yyyy-MM-dd}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(rows, Json) + "\n");
        Console.WriteLine($"results: {path}");
        File.Delete(file);
        return 0;
    }

    /// <summary>The child: read the file and plan it with the command line's options; one JSON line with the measures.</summary>
    public static int PlanOnce(string[] args)
    {
        var clock = Stopwatch.StartNew();
        var instance = PlanningJson.ReadInstanceFile(args[0]);
        var read = clock.Elapsed;
        var limit = TimeSpan.FromSeconds(double.Parse(args[1], CultureInfo.InvariantCulture));
        var plan = Planning.Planner.Solve(instance, new PlannerOptions(limit) { Spent = read });
        var valid = PlanScoring.Violations(instance, plan.Placements).Count == 0 && PlanScoring.KeepsFixed(instance, plan.Placements);
        using var self = Process.GetCurrentProcess();
        var row = new ScaleRow(0, 0, 0, limit.TotalSeconds, plan.Status.ToString(), Math.Round(read.TotalSeconds, 3), Math.Round(plan.Elapsed.TotalSeconds, 3), 0,
            Math.Round(self.PeakWorkingSet64 / 1048576.0, 1), plan.Score.Placed, plan.Score.Conflicts, plan.Greedy.Conflicts, valid);
        Console.WriteLine(JsonSerializer.Serialize(row, Line));
        return 0;
    }
}
