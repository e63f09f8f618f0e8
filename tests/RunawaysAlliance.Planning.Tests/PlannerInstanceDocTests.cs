using System.Globalization;
using System.Text.Json;
using FluentAssertions;
using RunawaysAlliance.Planning.Cli;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>
/// docs/planner-instance.md's worked example is the command line's output on docs/planner-instance.example.json: the
/// scores, the placements and the summary line (timings aside). When the planner changes, this fails until the
/// document is regenerated (issue 16: it showed figures from before a weight change).
/// </summary>
public sealed class PlannerInstanceDocTests
{
    [Fact]
    public void WorkedExample_IsWhatTheCommandLinePrints()
    {
        var example = PlanCommandTests.ExamplePath();
        var doc = File.ReadAllText(Path.Combine(Path.GetDirectoryName(example)!, "planner-instance.md"));
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = PlanCommand.Run([example, "--time-limit", "5s"], stdout, stderr, TestContext.Current.CancellationToken);

        code.Should().Be(PlanCommand.Ok, stderr.ToString());
        using var plan = JsonDocument.Parse(stdout.ToString());
        var root = plan.RootElement;
        doc.Should().Contain($"\"status\": \"{root.GetProperty("status").GetString()}\",");
        doc.Should().Contain($"\"objective\": {root.GetProperty("objective").GetInt64()},");
        foreach (var name in new[] { "plan", "greedy", "before" })
        {
            var s = root.GetProperty("scores").GetProperty(name);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"\"{name}\":{new string(' ', 7 - name.Length)}{{ \"objective\": {s.GetProperty("objective").GetInt64()}, \"served\": {s.GetProperty("served").GetInt32()}, \"wanted\": {s.GetProperty("wanted").GetInt32()}, "
                + $"\"conflicts\": {s.GetProperty("conflicts").GetInt32()}, \"overflow\": {s.GetProperty("overflow").GetInt32()}, \"moved\": {s.GetProperty("moved").GetInt32()}, "
                + $"\"placed\": {s.GetProperty("placed").GetInt32()}, \"unplaced\": {s.GetProperty("unplaced").GetInt32()} }}");
            doc.Should().Contain(line, "the worked example's {0} scores are the command line's", name);
        }

        foreach (var p in root.GetProperty("placements").EnumerateArray())
        {
            doc.Should().Contain($"{{ \"card\": \"{p.GetProperty("card").GetString()}\", \"room\": \"{p.GetProperty("room").GetString()}\", \"round\": \"{p.GetProperty("round").GetString()}\", \"moderator\": \"{p.GetProperty("moderator").GetString()}\" }}");
        }

        // The summary line, up to its timings.
        var summary = stderr.ToString().Trim();
        doc.Should().Contain(summary[..(summary.IndexOf("; first solution", StringComparison.Ordinal))]);
    }
}
