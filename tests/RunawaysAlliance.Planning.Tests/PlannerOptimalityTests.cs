using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>
/// The key correctness check of the model: on instances small enough to enumerate (at most 5 movable cards and 6
/// slots), the planner proves optimality and its objective is the brute-force optimum, and its bound is that too.
/// </summary>
public sealed class PlannerOptimalityTests
{
    public static TheoryData<int> Seeds { get; } = [.. Enumerable.Range(1, 100)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_TinyInstance_ObjectiveIsBruteForceOptimum(int seed)
    {
        var instance = RandomInstances.Create(seed, InstanceShape.Tiny).Validate();
        var optimum = BruteForce.Optimum(instance);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(20), Seed: seed), TestContext.Current.CancellationToken);

        var because = $"seed {seed}: {PlanChecks.Describe(instance)}; planner: {PlanChecks.Describe(plan.Placements)}; brute force: {PlanChecks.Describe(optimum.Placements)}";
        PlanChecks.BreaksNoRule(instance, plan.Placements, because);
        plan.Score.Objective.Should().Be(optimum.Objective, because);
        if (plan.Status != PlanStatus.Greedy)
        {
            plan.Status.Should().Be(PlanStatus.Optimal, because);
            plan.Bound.Should().Be(optimum.Objective, "the bound is the model's objective plus the constant part ({0})", because);
            plan.Gap.Should().Be(0);
        }
        else
        {
            // The solver is skipped only when there is nothing to choose.
            (instance.Cards.Count == instance.Fixed.Count || instance.Fixed.Count == instance.Rooms.Count * instance.Rounds.Count).Should().BeTrue(because);
        }

        TestContext.Current.SendDiagnosticMessage("seed {0}: {1} allowed arrangements, optimum {2}, {3}", seed, optimum.Arrangements, optimum.Objective, plan.Status);
    }

    public static TheoryData<int> PoolSeeds { get; } = [.. Enumerable.Range(301, 60)];

    /// <summary>
    /// Pool moderators who want sessions themselves: moderating in a round where they want another session costs them
    /// that session (issue 16). The planner's optimum, moderators included, is still the brute-force optimum.
    /// </summary>
    [Theory]
    [MemberData(nameof(PoolSeeds))]
    public void Solve_TinyInstanceWithPoolMembersWhoWantSessions_ObjectiveIsBruteForceOptimum(int seed)
    {
        var random = new Random(seed);
        var instance = RandomInstances.Create(seed, InstanceShape.Tiny);
        var people = instance.People.Where(p => !instance.Moderators.Contains(p.Id)).ToList();
        people.AddRange(instance.Moderators.Distinct().Select(m => new PlanPerson(m,
            [.. instance.Cards.Where(_ => random.Next(3) == 0).Select(c => c.Id)])));
        instance = (instance with { People = people }).Validate();
        var optimum = BruteForce.Optimum(instance);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(20), Seed: seed), TestContext.Current.CancellationToken);

        var because = $"seed {seed}: {PlanChecks.Describe(instance)}; planner: {PlanChecks.Describe(plan.Placements)}; brute force: {PlanChecks.Describe(optimum.Placements)}";
        PlanChecks.BreaksNoRule(instance, plan.Placements, because);
        plan.Score.Objective.Should().Be(optimum.Objective, because);
        TestContext.Current.SendDiagnosticMessage("seed {0}: optimum {1}, {2}, conflicts {3}", seed, optimum.Objective, plan.Status, plan.Score.Conflicts);
    }
}
