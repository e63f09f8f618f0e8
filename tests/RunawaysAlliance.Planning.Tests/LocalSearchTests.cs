using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>
/// The local search between the greedy arrangement and the solver: whatever it does, it must keep every hard rule,
/// never move a fixed session, never answer worse than where it started, and answer the same for the same seed.
/// </summary>
public sealed class LocalSearchTests
{
    public static TheoryData<int> Seeds { get; } = [.. Enumerable.Range(1, 150)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Improve_RandomInstance_BreaksNoRuleAndIsNeverWorseThanGreedy(int seed)
    {
        var instance = RandomInstances.Create(seed).Validate();
        var index = new InstanceIndex(instance);
        var greedy = GreedyPlanner.Choose(index);

        var improved = LocalSearch.Improve(index, greedy, seed, LocalSearch.MovesFor(index, large: false), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        var placements = index.WithModerators(improved);
        var because = $"seed {seed}: {PlanChecks.Describe(instance)}; local search: {PlanChecks.Describe(placements)}";
        PlanChecks.BreaksNoRule(instance, placements, because);
        PlanScoring.Score(instance, placements).Objective.Should().BeGreaterThanOrEqualTo(PlanScoring.Score(instance, index.WithModerators(greedy)).Objective, because);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Improve_TinyInstance_NeverBeatsTheBruteForceOptimum(int seed)
    {
        // The search's own running total must agree with the scoring: if it drifted, it could report (and keep)
        // an arrangement better than the best one there is.
        var instance = RandomInstances.Create(seed, InstanceShape.Tiny).Validate();
        var index = new InstanceIndex(instance);

        var improved = LocalSearch.Improve(index, GreedyPlanner.Choose(index), seed, LocalSearch.MovesFor(index, large: false), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        PlanScoring.Score(instance, index.WithModerators(improved)).Objective.Should().BeLessThanOrEqualTo(BruteForce.Optimum(instance).Objective);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Improve_EveryAcceptedMove_RunningTotalEqualsARecount(int seed)
    {
        // Moves are scored before they are made (and, without previous rooms, with every round's rooms given again in
        // order): after each accepted one the search recounts the whole arrangement and throws if the two differ.
        var withPrevious = RandomInstances.Create(seed).Validate();
        foreach (var instance in new[] { withPrevious, withPrevious with { Previous = null } })
        {
            var index = new InstanceIndex(instance);

            var act = () => LocalSearch.Improve(index, GreedyPlanner.Choose(index), seed, 20_000, TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken, checkTotals: true);

            act.Should().NotThrow($"seed {seed}: {PlanChecks.Describe(instance)}");
        }
    }

    [Fact]
    public void Improve_SameSeedTwice_SameArrangement()
    {
        var instance = RandomInstances.Create(777).Validate();
        var index = new InstanceIndex(instance);
        var greedy = GreedyPlanner.Choose(index);

        var first = LocalSearch.Improve(index, greedy, 5, LocalSearch.MovesFor(index, large: false), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        var second = LocalSearch.Improve(index, greedy, 5, LocalSearch.MovesFor(index, large: false), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        second.Should().Equal(first);
    }

    [Fact]
    public void Improve_ConflictingPairInOneRound_SeparatesThem()
    {
        // Greedy, going by interest, puts "a" and "b" (wanted together by five people) in round 1 because the big
        // room is there; the search finds that moving "b" to round 2's room costs fewer seats than the conflicts.
        var instance = new PlanningInstance(
            [new PlanRoom("big", 20), new PlanRoom("small", 6)],
            [new PlanRound("r1"), new PlanRound("r2")],
            [new PlanCard("a", "ann", "amy"), new PlanCard("b", "bob", "bea")],
            [],
            [.. Enumerable.Range(0, 5).Select(i => new PlanPerson($"both{i}", ["a", "b"])), .. Enumerable.Range(0, 10).Select(i => new PlanPerson($"a{i}", ["a"]))],
            []).Validate();
        var index = new InstanceIndex(instance);
        (int Card, int Room, int Round)[] together = [(0, 0, 0), (1, 1, 0)];

        var improved = LocalSearch.Improve(index, together, 1, LocalSearch.MovesFor(index, large: false), TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        improved.Select(c => c.Round).Distinct().Should().HaveCount(2, "five people want both, so they go to different rounds");
        PlanScoring.Score(instance, index.WithModerators(improved)).Conflicts.Should().Be(0);
    }
}
