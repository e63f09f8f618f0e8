using System.Text.Json;
using FluentAssertions;
using RunawaysAlliance.Planning.Cli;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>The command line on its own: what it accepts, what it refuses (and says), and the plan it writes.</summary>
public sealed class PlanCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("runaways-plan-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Run_ExampleInstanceWithDeterministicBudget_WritesTheSamePlanTwice()
    {
        var example = ExamplePath();
        var first = Path.Combine(folder, "first.json");
        var second = Path.Combine(folder, "second.json");

        var (code1, _, err1) = Run(example, "--out", first, "--seed", "3", "--time-limit", "30s", "--deterministic-time", "5");
        var (code2, _, _) = Run(example, "--out", second, "--seed", "3", "--time-limit", "30s", "--deterministic-time=5");

        code1.Should().Be(PlanCommand.Ok, err1);
        code2.Should().Be(PlanCommand.Ok);
        err1.Should().StartWith("runaways-plan: optimal").And.Contain("seed 3, 1 worker");
        Placements(first).Should().Equal(Placements(second));
        Placements(first).Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("--deterministic-time", "0", "is not a number of units above zero")]
    [InlineData("--deterministic-time", "lots", "is not a number of units above zero")]
    [InlineData("--time-limit", "-1s", "is not a time above zero")]
    [InlineData("--workers", "0", "is not a whole number of at least 1")]
    [InlineData("--colour", "red", "unknown option \"--colour\"")]
    public void Run_BadOption_ExitsTwoAndSaysWhy(string option, string value, string message)
    {
        var (code, _, err) = Run(ExamplePath(), option, value);

        code.Should().Be(PlanCommand.BadArguments);
        err.Should().Contain(message).And.Contain("usage: runaways-plan");
    }

    [Fact]
    public void Run_InstanceWithoutRooms_ExitsThreeAndNamesTheProblem()
    {
        var path = Path.Combine(folder, "bad.json");
        File.WriteAllText(path, """{ "rooms": [], "rounds": [{ "id": "r1" }], "cards": [], "moderators": [], "people": [], "fixed": [] }""");

        var (code, _, err) = Run(path);

        code.Should().Be(PlanCommand.BadInstance);
        err.Should().StartWith($"runaways-plan: bad instance \"{path}\":").And.Contain("room");
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = PlanCommand.Run(args, stdout, stderr, TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static List<string> Placements(string planFile)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(planFile));
        return [.. json.RootElement.GetProperty("placements").EnumerateArray().Select(p => p.GetRawText())];
    }

    internal static string ExamplePath()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "docs", "planner-instance.example.json")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("docs/planner-instance.example.json not found above the test folder"), "docs", "planner-instance.example.json");
    }
}
