using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>The documented instance format: the example in docs reads, plans and writes back unchanged; bad input is named.</summary>
public sealed class PlanningJsonTests
{
    private static string ExamplePath
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "RunawaysAlliance.sln")))
            {
                dir = dir.Parent;
            }

            return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Repository root not found."), "docs", "planner-instance.example.json");
        }
    }

    [Fact]
    public void ReadInstanceFile_DocumentedExample_PlansWithoutBreakingARuleAndWritesBackTheSameInstance()
    {
        var instance = PlanningJson.ReadInstanceFile(ExamplePath);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(10)), TestContext.Current.CancellationToken);
        var again = PlanningJson.ReadInstance(PlanningJson.WriteInstance(instance));

        PlanScoring.Violations(instance, plan.Placements).Should().BeEmpty();
        PlanScoring.KeepsFixed(instance, plan.Placements).Should().BeTrue();
        PlanningJson.WriteInstance(again).Should().Be(PlanningJson.WriteInstance(instance));
        PlanningJson.WritePlan(plan).Should().Contain("\"placements\"");
    }

    [Theory]
    [InlineData("{ \"rooms\": [ { \"id\": \"hall\", \"capacity\": \"30\" } ] }", "capacity")]
    [InlineData("{ \"rooms\": [ ", "line")]
    public void ReadInstance_BadInput_MessageNamesTheProblem(string json, string named)
    {
        var read = () => PlanningJson.ReadInstance(json);

        read.Should().Throw<PlanningInstanceException>().Which.Message.Should().Contain(named);
    }
}
