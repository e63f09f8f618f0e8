using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>The checker and the scorer the property tests rely on: each hard rule is caught, and the objective is the documented formula.</summary>
public sealed class PlanScoringTests
{
    private static readonly PlanningInstance Instance = new(
        [new PlanRoom("hall", 20), new PlanRoom("nook", 2)],
        [new PlanRound("r1"), new PlanRound("r2")],
        [new PlanCard("a", "ann"), new PlanCard("b", "bob", "mia"), new PlanCard("c", "cat"), new PlanCard("d", "ann")],
        ["max", "sue"],
        [
            new PlanPerson("p1", ["a", "b"]),
            new PlanPerson("p2", ["a", "b", "c"]),
            new PlanPerson("p3", ["b", "b"]),
            new PlanPerson("p4", ["b"]),
            new PlanPerson("p5", []),
        ],
        [new Placement("a", "hall", "r1", "max")],
        [new Placement("b", "nook", "r1"), new Placement("c", "hall", "r2"), new Placement("d", "nook", "r2")]);

    [Fact]
    public void Score_HandComputedArrangement_FollowsTheFormula()
    {
        // a: 2 wanting, hall → 2 served. b: 4 wanting (p3 counts once), nook (2) → 2 served, 2 over. c: 1 wanting, nook → 1 served.
        // Round r1 holds a and b: p1 and p2 want both → 2 conflicts. Previous: b stayed, c moved, d dropped → 2 moved.
        Placement[] placements = [new("a", "hall", "r1", "max"), new("b", "nook", "r1", "mia"), new("c", "nook", "r2", "sue")];

        var score = PlanScoring.Score(Instance, placements);

        score.Should().Be(new PlanScore(
            Objective: 10 * 5 - 3 * 2 - 20 * 2 + 1 * 3 - 4 * 2,
            Placed: 3,
            InterestServed: 5,
            Conflicts: 2,
            Overflow: 2,
            Moved: 2,
            Unplaced: 1));
    }

    [Fact]
    public void Score_PairInDifferentRounds_NoConflict()
    {
        Placement[] placements = [new("a", "hall", "r1", "max"), new("b", "hall", "r2", "mia")];

        PlanScoring.Score(Instance, placements).Conflicts.Should().Be(0);
    }

    [Fact]
    public void Violations_AllowedArrangement_Empty()
    {
        Placement[] placements = [new("a", "hall", "r1", "max"), new("b", "nook", "r1", "mia"), new("c", "nook", "r2", "sue"), new("d", "hall", "r2", "max")];

        PlanScoring.Violations(Instance, placements).Should().BeEmpty();
    }

    [Theory]
    [InlineData("b@hall/r1 by mia", "slot hall/r1 has two sessions")]
    [InlineData("a@nook/r2 by sue", "card \"a\" is placed twice")]
    [InlineData("c@nook/r2", "card \"c\" has no moderator")]
    [InlineData("c@nook/r2 by zed", "card \"c\" is moderated by \"zed\", who is not a pool moderator free to run it")]
    [InlineData("d@nook/r1 by sue", "\"ann\" is in two sessions of round r1")]
    [InlineData("c@nook/r1 by max", "\"max\" is in two sessions of round r1")]
    [InlineData("c@attic/r1 by sue", "card \"c\" in attic/r1: unknown card, room or round")]
    public void Violations_BrokenRule_NamesIt(string added, string problem)
    {
        Placement[] placements = [new("a", "hall", "r1", "max"), Parse(added)];

        PlanScoring.Violations(Instance, placements).Should().Contain(problem);
    }

    [Fact]
    public void KeepsFixed_FixedSessionMovedDroppedOrRemoderated_False()
    {
        PlanScoring.KeepsFixed(Instance, [new Placement("a", "hall", "r1", "max")]).Should().BeTrue();
        PlanScoring.KeepsFixed(Instance, [new Placement("a", "hall", "r2", "max")]).Should().BeFalse();
        PlanScoring.KeepsFixed(Instance, [new Placement("a", "nook", "r1", "max")]).Should().BeFalse();
        PlanScoring.KeepsFixed(Instance, [new Placement("a", "hall", "r1", "sue")]).Should().BeFalse();
        PlanScoring.KeepsFixed(Instance, []).Should().BeFalse();
    }

    // "card@room/round by moderator", the form PlanChecks.Describe writes.
    private static Placement Parse(string text)
    {
        var (where, moderator) = text.Split(" by ") is [var w, var m] ? (w, m) : (text, null);
        var at = where.Split('@', '/');
        return new Placement(at[0], at[1], at[2], moderator);
    }
}
