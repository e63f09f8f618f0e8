using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>The CP-SAT planner: properties over random instances, determinism, edge cases and re-planning.</summary>
public sealed class PlannerTests
{
    private static readonly int[] ThreeSeeds = [0, 1, 99];

    public static TheoryData<int> Seeds { get; } = [.. Enumerable.Range(1001, 60)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Solve_RandomInstance_BreaksNoRuleKeepsFixedAndIsNoWorseThanGreedy(int seed)
    {
        var instance = RandomInstances.Create(seed);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(2), Seed: seed), TestContext.Current.CancellationToken);

        var because = $"seed {seed}: {PlanChecks.Describe(plan.Placements)}";
        PlanChecks.BreaksNoRule(instance, plan.Placements, because);
        plan.Score.Should().Be(PlanScoring.Score(instance, plan.Placements), because);
        plan.Greedy.Should().Be(PlanScoring.Score(instance, GreedyPlanner.Arrange(instance)), because);
        plan.Score.Objective.Should().BeGreaterThanOrEqualTo(plan.Greedy.Objective, because);
        plan.Before.Placed.Should().Be(instance.Fixed.Count + (instance.Previous?.Count ?? 0));
        plan.Before.Moved.Should().Be(0);
        switch (plan.Status)
        {
            case PlanStatus.Optimal:
                plan.Bound.Should().Be(plan.Score.Objective, because);
                plan.Gap.Should().Be(0);
                break;
            case PlanStatus.Feasible:
                plan.Bound.Should().BeGreaterThanOrEqualTo(plan.Score.Objective, because);
                plan.Gap.Should().BeGreaterThanOrEqualTo(0);
                break;
            default:
                plan.Placements.Should().Equal(GreedyPlanner.Arrange(instance), because);
                break;
        }

        TestContext.Current.SendDiagnosticMessage("seed {0}: {1} in {2} ms, objective {3} (greedy {4})", seed, plan.Status, plan.Elapsed.TotalMilliseconds, plan.Score.Objective, plan.Greedy.Objective);
    }

    // Instances where the solver has something to choose (a movable card and a free slot), so the status says it ran.
    public static TheoryData<int> SolverSeeds { get; } = [.. Enumerable.Range(1001, 100)
        .Where(seed => RandomInstances.Create(seed) is var i && i.Cards.Count - i.Fixed.Count >= 3 && i.Rooms.Count * i.Rounds.Count > i.Fixed.Count)
        .Take(6)];

    [Theory]
    [MemberData(nameof(SolverSeeds))]
    public void Solve_SameSeedOneWorkerSolvedToOptimality_SamePlacements(int seed)
    {
        var instance = RandomInstances.Create(seed);
        var options = new PlannerOptions(TimeSpan.FromSeconds(20), Seed: 5, Workers: 1);

        var first = Planner.Solve(instance, options, TestContext.Current.CancellationToken);
        var second = Planner.Solve(instance, options, TestContext.Current.CancellationToken);

        first.Status.Should().Be(PlanStatus.Optimal);
        second.Placements.Should().Equal(first.Placements);
        second.Score.Should().Be(first.Score);
    }

    [Fact]
    public void Solve_MidSizeEventSolvedToOptimality_SamePlacementsEveryRun()
    {
        var instance = MidSize();
        var options = new PlannerOptions(TimeSpan.FromSeconds(30), Seed: 11, Workers: 1);

        var runs = Enumerable.Range(0, 3).Select(_ => Planner.Solve(instance, options, TestContext.Current.CancellationToken)).ToList();

        runs.Should().AllSatisfy(r => r.Status.Should().Be(PlanStatus.Optimal));
        runs.Should().AllSatisfy(r => r.Placements.Should().Equal(runs[0].Placements));
        TestContext.Current.SendDiagnosticMessage("mid-size: {0} placed, objective {1} (greedy {2}), {3} ms", runs[0].Score.Placed, runs[0].Score.Objective, runs[0].Greedy.Objective, runs[0].Elapsed.TotalMilliseconds);
    }

    [Fact]
    public void Solve_OtherSeed_SameOptimalObjective()
    {
        var instance = MidSize();

        var objectives = ThreeSeeds.Select(seed => Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(30), seed), TestContext.Current.CancellationToken)).ToList();

        objectives.Should().AllSatisfy(p => p.Status.Should().Be(PlanStatus.Optimal));
        objectives.Select(p => p.Score.Objective).Distinct().Should().ContainSingle();
    }

    [Fact]
    public void Solve_NoFreeSlot_KeepsTheFixedSessionsOnly()
    {
        var instance = new PlanningInstance(
            [new PlanRoom("hall", 10)],
            [new PlanRound("r1"), new PlanRound("r2")],
            [new PlanCard("a", "ann"), new PlanCard("b", "bob"), new PlanCard("c", "cat", "cy")],
            ["max", "sue"],
            [new PlanPerson("p1", ["a", "b", "c"]), new PlanPerson("p2", ["c"])],
            [new Placement("a", "hall", "r1", "max"), new Placement("b", "hall", "r2", "max")],
            [new Placement("c", "hall", "r1")]);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(5)), TestContext.Current.CancellationToken);

        plan.Placements.Should().BeEquivalentTo(instance.Fixed);
        plan.Status.Should().Be(PlanStatus.Greedy);
        plan.Score.Unplaced.Should().Be(1);
        plan.Score.Moved.Should().Be(1, "the previous session of c has nowhere to stay");
        PlanChecks.BreaksNoRule(instance, plan.Placements, "no free slot");
    }

    [Fact]
    public void Solve_EveryCardFixed_ReturnsTheFixedSessions()
    {
        var instance = new PlanningInstance(
            [new PlanRoom("hall", 10), new PlanRoom("nook", 4)],
            [new PlanRound("r1"), new PlanRound("r2")],
            [new PlanCard("a", "ann"), new PlanCard("b", "bob")],
            ["max"],
            [new PlanPerson("p1", ["a", "b"])],
            [new Placement("a", "nook", "r1", "max"), new Placement("b", "hall", "r1", "bob")]);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(5)), TestContext.Current.CancellationToken);

        plan.Placements.Should().Equal(instance.Fixed);
        plan.Status.Should().Be(PlanStatus.Greedy);
        plan.Score.Conflicts.Should().Be(1);
        plan.Score.Should().Be(plan.Before);
    }

    [Fact]
    public void Solve_NoCardsAtAll_EmptyPlan()
    {
        var instance = new PlanningInstance([new PlanRoom("hall", 10)], [new PlanRound("r1")], [], ["max"], [new PlanPerson("p1", [])], []);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(5)), TestContext.Current.CancellationToken);

        plan.Placements.Should().BeEmpty();
        plan.Score.Objective.Should().Be(0);
    }

    [Fact]
    public void Solve_EmptyPoolAndNoOwnModerators_PlacesNothing()
    {
        var instance = new PlanningInstance(
            [new PlanRoom("hall", 10), new PlanRoom("nook", 4)],
            [new PlanRound("r1"), new PlanRound("r2")],
            [new PlanCard("a", "ann"), new PlanCard("b", "bob"), new PlanCard("c", "cat")],
            [],
            [new PlanPerson("p1", ["a", "b"]), new PlanPerson("p2", ["c"])],
            [new Placement("c", "nook", "r2", "someone")],
            [new Placement("a", "hall", "r1", "max")]);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(5)), TestContext.Current.CancellationToken);

        plan.Placements.Should().Equal(instance.Fixed);
        plan.Status.Should().Be(PlanStatus.Optimal);
        plan.Score.Unplaced.Should().Be(2);
        GreedyPlanner.Arrange(instance).Should().Equal(instance.Fixed);
    }

    [Fact]
    public void Solve_EmptyPool_PlacesOnlyCardsWithTheirOwnModerator()
    {
        var instance = new PlanningInstance(
            [new PlanRoom("hall", 10), new PlanRoom("nook", 4)],
            [new PlanRound("r1")],
            [new PlanCard("a", "ann"), new PlanCard("b", "bob", "mia"), new PlanCard("c", "cat", "cy")],
            [],
            [new PlanPerson("p1", ["a"]), new PlanPerson("p2", ["a"])],
            []);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(5)), TestContext.Current.CancellationToken);

        plan.Placements.Select(p => p.Card).Should().BeEquivalentTo(["b", "c"]);
        PlanChecks.BreaksNoRule(instance, plan.Placements, "empty pool");
    }

    [Fact]
    public void Solve_PoolMemberWhoIsAHaver_ModeratesOnlyInRoundsWithoutTheirCard()
    {
        // One pool member, ann, who also brings a card: her card and a moderated card cannot share a round.
        var instance = new PlanningInstance(
            [new PlanRoom("hall", 10), new PlanRoom("nook", 10)],
            [new PlanRound("r1"), new PlanRound("r2")],
            [new PlanCard("a", "ann", "mia"), new PlanCard("b", "bob")],
            ["ann"],
            [new PlanPerson("p1", ["a"]), new PlanPerson("p2", ["b"])],
            []);

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(5)), TestContext.Current.CancellationToken);

        plan.Status.Should().Be(PlanStatus.Optimal);
        plan.Score.Placed.Should().Be(2);
        plan.Placements.Select(p => p.Round).Should().OnlyHaveUniqueItems();
        plan.Placements.Should().ContainSingle(p => p.Card == "b").Which.Moderator.Should().Be("ann");
        PlanChecks.BreaksNoRule(instance, plan.Placements, "pool member who is a haver");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(49)]
    public void Solve_TimeLimitBelowGreedyOnlyBelow_ReturnsTheGreedyArrangement(int milliseconds)
    {
        var instance = RandomInstances.Create(1001);
        var limit = TimeSpan.FromMilliseconds(milliseconds);
        limit.Should().BeLessThan(PlannerOptions.GreedyOnlyBelow);

        var plan = Planner.Solve(instance, new PlannerOptions(limit), TestContext.Current.CancellationToken);

        plan.Status.Should().Be(PlanStatus.Greedy);
        plan.Placements.Should().Equal(GreedyPlanner.Arrange(instance));
        plan.Score.Should().Be(plan.Greedy);
        plan.Bound.Should().BeNull();
        plan.Gap.Should().BeNull();
    }

    [Fact]
    public void Solve_AlreadyCancelled_ReturnsAnAllowedPlanWithoutThrowing()
    {
        var instance = MidSize();
        using var cancelled = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancelled.Cancel();

        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(2)), cancelled.Token);

        PlanChecks.BreaksNoRule(instance, plan.Placements, "cancelled");
        plan.Score.Objective.Should().BeGreaterThanOrEqualTo(plan.Greedy.Objective);
        TestContext.Current.SendDiagnosticMessage("already cancelled: {0} after {1} ms", plan.Status, plan.Elapsed.TotalMilliseconds);
    }

    public static TheoryData<int> ReplanSeeds { get; } = [.. Enumerable.Range(3001, 400)
        .Where(seed => RandomInstances.Create(seed) is var i && i.Cards.Count - i.Fixed.Count is >= 2 and var movable
            && movable < i.Rooms.Count * i.Rounds.Count - i.Fixed.Count)
        .Take(15)];

    [Theory]
    [MemberData(nameof(ReplanSeeds))]
    public void Solve_PreviousArrangementAlreadyOptimal_MovesNothing(int seed)
    {
        var (instance, optimal) = SolvedWithoutPrevious(seed);
        var replan = instance with { Previous = Movable(instance, optimal) };

        var plan = Planner.Solve(replan, new PlannerOptions(TimeSpan.FromSeconds(20)), TestContext.Current.CancellationToken);

        plan.Status.Should().Be(PlanStatus.Optimal);
        plan.Score.Moved.Should().Be(0);
        plan.Score.Objective.Should().Be(optimal.Score.Objective);
        Slots(plan.Placements).Should().BeEquivalentTo(Slots(optimal.Placements));
        plan.Before.Should().Be(plan.Score, "the previous arrangement is already the plan");
    }

    [Theory]
    [MemberData(nameof(ReplanSeeds))]
    public void Solve_OneNewCardThatFitsAFreeSlot_PlacesItAndMovesNothingElse(int seed)
    {
        var (instance, optimal) = SolvedWithoutPrevious(seed);
        var replan = instance with
        {
            Cards = [.. instance.Cards, new PlanCard("new", "newcomer", "newcomer-friend")],
            People = [.. instance.People, new PlanPerson("fan", ["new"])],
            Previous = Movable(instance, optimal),
        };

        var plan = Planner.Solve(replan, new PlannerOptions(TimeSpan.FromSeconds(20)), TestContext.Current.CancellationToken);

        plan.Status.Should().Be(PlanStatus.Optimal);
        plan.Score.Moved.Should().Be(0);
        plan.Placements.Should().ContainSingle(p => p.Card == "new");
        Slots(plan.Placements.Where(p => p.Card != "new")).Should().BeEquivalentTo(Slots(optimal.Placements));
        PlanChecks.BreaksNoRule(replan, plan.Placements, $"seed {seed}");
    }

    private static (PlanningInstance Instance, Plan Optimal) SolvedWithoutPrevious(int seed)
    {
        var instance = RandomInstances.Create(seed) with { Previous = null };
        var plan = Planner.Solve(instance, new PlannerOptions(TimeSpan.FromSeconds(20)), TestContext.Current.CancellationToken);
        plan.Status.Should().Be(PlanStatus.Optimal, "the re-planning tests start from a proven optimum (seed {0})", seed);
        return (instance, plan);
    }

    private static List<Placement> Movable(PlanningInstance instance, Plan plan) =>
        [.. plan.Placements.Where(p => !instance.Fixed.Any(f => f.Card == p.Card))];

    private static IEnumerable<(string Card, string Room, string Round)> Slots(IEnumerable<Placement> placements) =>
        placements.Select(p => (p.Card, p.Room, p.Round));

    // 5 rooms x 3 rounds, 14 cards, 100 people with skewed interest, two fixed sessions, a previous arrangement.
    private static PlanningInstance MidSize()
    {
        var random = new Random(2024);
        var rooms = new List<PlanRoom> { new("hall", 40) };
        rooms.AddRange(Enumerable.Range(1, 4).Select(i => new PlanRoom($"room{i}", 6 + 3 * i)));
        var rounds = Enumerable.Range(1, 3).Select(i => new PlanRound($"r{i}")).ToList();
        var cards = Enumerable.Range(0, 14).Select(i => new PlanCard($"c{i}", $"haver{i % 10}", i % 4 == 0 ? $"own{i}" : null)).ToList();
        var people = Enumerable.Range(0, 100).Select(i => new PlanPerson($"p{i}",
            Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"c{(int)Math.Floor(14 * Math.Pow(random.NextDouble(), 2))}").Distinct().ToList())).ToList();
        List<string> pool = ["mod0", "mod1", "mod2", "haver3", "haver4"];
        List<Placement> fixedSessions = [new("c1", "room1", "r1", "mod0"), new("c2", "hall", "r2", "haver3")];
        List<Placement> previous = [new("c5", "room2", "r3"), new("c6", "hall", "r1"), new("c7", "room2", "r2")];
        return new PlanningInstance(rooms, rounds, cards, pool, people, fixedSessions, previous);
    }
}
