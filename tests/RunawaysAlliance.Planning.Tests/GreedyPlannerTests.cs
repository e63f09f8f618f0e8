using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>The greedy arrangement over many seeded random instances: the hint and the fallback must never break a rule.</summary>
public sealed class GreedyPlannerTests
{
    public static TheoryData<int> Seeds { get; } = [.. Enumerable.Range(1, 200)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Arrange_RandomInstance_BreaksNoRuleAndKeepsFixed(int seed)
    {
        var instance = RandomInstances.Create(seed).Validate();

        var placements = GreedyPlanner.Arrange(instance);

        PlanChecks.BreaksNoRule(instance, placements, $"seed {seed}: {PlanChecks.Describe(placements)}");
        placements.Count.Should().BeLessThanOrEqualTo(instance.Rooms.Count * instance.Rounds.Count);
    }

    [Fact]
    public void Arrange_SameInstanceTwice_SamePlacements()
    {
        var instance = RandomInstances.Create(4242).Validate();

        GreedyPlanner.Arrange(instance).Should().Equal(GreedyPlanner.Arrange(instance));
    }

    [Fact]
    public void Arrange_PopularCardAndTwoRooms_PutsItInTheBigRoom()
    {
        var instance = new PlanningInstance(
            [new PlanRoom("small", 3), new PlanRoom("big", 30)],
            [new PlanRound("r1")],
            [new PlanCard("popular", "ann", "amy"), new PlanCard("niche", "bob", "bea")],
            [],
            [.. Enumerable.Range(0, 20).Select(i => new PlanPerson($"p{i}", i < 2 ? ["niche"] : ["popular"]))],
            []);

        var placements = GreedyPlanner.Arrange(instance);

        placements.Should().ContainSingle(p => p.Card == "popular").Which.Room.Should().Be("big");
        placements.Should().ContainSingle(p => p.Card == "niche").Which.Room.Should().Be("small");
    }
}
