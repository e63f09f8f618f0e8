using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>A first look at the planner on a demo-sized event: 7 rooms x 3 rounds, a few fixed sessions.</summary>
public sealed class PlannerSmokeTests
{
    [Fact]
    public void Solve_DemoSizedEvent_ProvenOptimalAndBreaksNoRule()
    {
        var instance = DemoSized();

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(30)), TestContext.Current.CancellationToken);

        plan.Status.Should().Be(PlanStatus.Optimal);
        PlanScoring.Violations(instance, plan.Placements).Should().BeEmpty();
        PlanScoring.KeepsFixed(instance, plan.Placements).Should().BeTrue();
        plan.Score.Objective.Should().BeGreaterThanOrEqualTo(plan.Greedy.Objective);
        plan.Score.Should().Be(PlanScoring.Score(instance, plan.Placements));
    }

    private static PlanningInstance DemoSized()
    {
        var random = new Random(7);
        var rooms = new List<PlanRoom> { new("hall", 35) };
        rooms.AddRange(Enumerable.Range(1, 6).Select(i => new PlanRoom($"room{i}", 8 + (i % 3) * 2)));
        var rounds = Enumerable.Range(1, 3).Select(i => new PlanRound($"r{i}")).ToList();
        var cards = Enumerable.Range(0, 12).Select(i => new PlanCard($"c{i}", $"haver{i % 10}")).ToList();
        var people = Enumerable.Range(0, 140).Select(i => new PlanPerson($"p{i}",
            Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"c{(int)Math.Floor(12 * Math.Pow(random.NextDouble(), 2))}").Distinct().ToList())).ToList();
        var moderators = Enumerable.Range(0, 8).Select(i => $"mod{i}").ToList();
        var fixedSessions = new List<Placement> { new("c0", "room1", "r1", "mod0"), new("c1", "hall", "r2", "mod1") };
        return new PlanningInstance(rooms, rounds, cards, moderators, people, fixedSessions);
    }
}
