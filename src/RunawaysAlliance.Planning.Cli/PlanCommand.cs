using System.Globalization;

namespace RunawaysAlliance.Planning.Cli;

/// <summary>The command line: read an instance, solve it, write the plan; exit codes for scripts.</summary>
internal static class PlanCommand
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadArguments = 2;
    public const int BadInstance = 3;

    public const string Usage = """
        usage: runaways-plan <instance.json|-> [--out <plan.json>] [--time-limit <10s|2.5|500ms|1m>] [--seed <n>] [--workers <n>]
                             [--deterministic-time <units>]

        Reads a planner instance (format: docs/planner-instance.md; "-" reads standard input), solves it and
        writes the plan with its scores as JSON to --out, or to standard output. A one-line summary goes to
        standard error. Ctrl-C stops the search early and writes the best plan found so far.

          --out <file>         where the plan goes (default: standard output)
          --time-limit <time>  the longest the solver may search: 10s, 2.5 (seconds), 500ms, 1m (default 10s)
          --seed <n>           the solver's random seed (default 0)
          --workers <n>        solver threads (default 1)
          --deterministic-time <units>
                               also stop after this much of the solver's own work (deterministic units, about a
                               second each here): with one worker, the same instance, seed and units give the
                               same plan on every machine and run, as long as --time-limit does not stop it first

        exit codes: 0 planned, 1 the plan could not be written, 2 bad arguments, 3 bad instance (with the reason)
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        Arguments arguments;
        try
        {
            arguments = Arguments.Parse(args);
        }
        catch (ArgumentException e)
        {
            stderr.WriteLine($"runaways-plan: {e.Message}");
            stderr.WriteLine();
            stderr.WriteLine(Usage);
            return BadArguments;
        }

        if (arguments.Help)
        {
            stdout.WriteLine(Usage);
            return Ok;
        }

        // The time limit covers the whole run, reading the instance included.
        var started = System.Diagnostics.Stopwatch.StartNew();
        PlanningInstance instance;
        try
        {
            instance = arguments.Instance == "-"
                ? PlanningJson.ReadInstance(Console.OpenStandardInput())
                : PlanningJson.ReadInstanceFile(arguments.Instance);
        }
        catch (PlanningInstanceException e)
        {
            stderr.WriteLine($"runaways-plan: bad instance {Quoted(arguments.Instance)}: {e.Message}");
            return BadInstance;
        }

        var options = new PlannerOptions(arguments.TimeLimit, arguments.Seed, arguments.Workers, arguments.DeterministicTime) { Spent = started.Elapsed };
        var plan = Planner.Solve(instance, options, ct);

        try
        {
            if (arguments.Out is null or "-")
            {
                stdout.WriteLine(PlanningJson.WritePlan(plan));
            }
            else
            {
                using var file = File.Create(arguments.Out);
                PlanningJson.WritePlan(plan, file);
                file.WriteByte((byte)'\n');
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            stderr.WriteLine($"runaways-plan: cannot write the plan to \"{arguments.Out}\": {e.Message}");
            return Failed;
        }

        stderr.WriteLine(Summary(plan, instance, ct.IsCancellationRequested));
        return Ok;
    }

    public static string Summary(Plan plan, PlanningInstance instance, bool stoppedEarly)
    {
        var s = plan.Score;
        var g = plan.Greedy;
        var gap = plan.Gap is { } value ? value.ToString("0.00%", CultureInfo.InvariantCulture) : "unknown";
        var first = plan.FirstSolutionAfter is { } f ? Seconds(f) : "none";
        return string.Create(CultureInfo.InvariantCulture,
            $"runaways-plan: {plan.Status.ToString().ToLowerInvariant()}{(stoppedEarly ? " (stopped early)" : "")}, objective {s.Objective} (greedy {g.Objective}, before {plan.Before.Objective}); "
            + $"wanted {s.Wanted}, conflicts {s.Conflicts} (greedy {g.Conflicts}); overflow {s.Overflow} (greedy {g.Overflow}); placed {s.Placed} of {instance.Cards.Count}; moved {s.Moved}; "
            + $"bound {plan.Bound?.ToString(CultureInfo.InvariantCulture) ?? "none"}, gap {gap}; first solution {first}; {Seconds(plan.Elapsed)} of {Seconds(plan.Options.TimeLimit)}; "
            + $"seed {plan.Options.Seed}, {plan.Options.Workers} worker{(plan.Options.Workers == 1 ? "" : "s")}");
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string Quoted(string path) => path == "-" ? "(standard input)" : $"\"{path}\"";

    /// <summary>A time limit as people write it: 10s, 2.5 (seconds), 500ms, 1m.</summary>
    public static TimeSpan ParseTime(string text)
    {
        var (number, unit) = text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) ? (text[..^2], 0.001)
            : text.EndsWith('s') || text.EndsWith('S') ? (text[..^1], 1.0)
            : text.EndsWith('m') || text.EndsWith('M') ? (text[..^1], 60.0)
            : (text, 1.0);
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value * unit <= 0 || value * unit > 24 * 3600)
        {
            throw new ArgumentException($"--time-limit \"{text}\" is not a time above zero, like 10s, 2.5 (seconds), 500ms or 1m.");
        }

        return TimeSpan.FromSeconds(value * unit);
    }

    /// <summary>The parsed command line.</summary>
    internal sealed record Arguments(string Instance, string? Out, TimeSpan TimeLimit, int Seed, int Workers, bool Help, double? DeterministicTime = null)
    {
        public static Arguments Parse(string[] args)
        {
            string? instance = null, output = null;
            var timeLimit = TimeSpan.FromSeconds(10);
            int seed = 0, workers = 1;
            double? work = null;
            for (var i = 0; i < args.Length; i++)
            {
                var arg = args[i];
                if (arg is "-h" or "--help" or "-?")
                {
                    return new Arguments("", null, timeLimit, seed, workers, Help: true);
                }

                if (arg == "-" || !arg.StartsWith('-'))
                {
                    instance = instance is null ? arg : throw new ArgumentException($"one instance file at a time (got \"{instance}\" and \"{arg}\").");
                    continue;
                }

                var (name, inline) = arg.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (arg[..eq], arg[(eq + 1)..]) : (arg, null);
                string Value() => inline ?? (i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value."));
                switch (name)
                {
                    case "--out" or "-o":
                        output = Value();
                        break;
                    case "--time-limit" or "-t":
                        timeLimit = ParseTime(Value());
                        break;
                    case "--seed":
                        seed = Integer(name, Value(), min: int.MinValue);
                        break;
                    case "--workers":
                        workers = Integer(name, Value(), min: 1);
                        break;
                    case "--deterministic-time":
                        work = Units(name, Value());
                        break;
                    default:
                        throw new ArgumentException($"unknown option \"{arg}\".");
                }
            }

            if (instance is null)
            {
                throw new ArgumentException("which instance? Give the path of an instance JSON file (or - for standard input).");
            }

            // Found out before the solver spends its time, not after.
            if (output is not null and not "-" && Path.GetDirectoryName(Path.GetFullPath(output)) is { } folder && !Directory.Exists(folder))
            {
                throw new ArgumentException($"--out \"{output}\": the folder \"{folder}\" does not exist.");
            }

            return new Arguments(instance, output, timeLimit, seed, workers, Help: false, work);
        }

        private static double Units(string name, string text) =>
            double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 100_000
                ? value
                : throw new ArgumentException($"{name} \"{text}\" is not a number of units above zero, like 2 or 0.5.");

        private static int Integer(string name, string text, int min) =>
            int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min
                ? value
                : throw new ArgumentException($"{name} \"{text}\" is not a whole number{(min > int.MinValue ? $" of at least {min}" : "")}.");
    }
}
