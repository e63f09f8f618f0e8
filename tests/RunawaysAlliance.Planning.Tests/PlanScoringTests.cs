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
        // Wanted (placed sessions people want, havers and own moderators included): p1 2, p2 3, p3 1, p4 1, ann 1 (a),
        // bob 1, mia 1, cat 1 → 11. Round r1 holds a and b: p1 and p2 want both → 2 conflicts. The pool moderators max
        // and sue want nothing. Previous: b stayed, c moved, d dropped → 2 moved.
        Placement[] placements = [new("a", "hall", "r1", "max"), new("b", "nook", "r1", "mia"), new("c", "nook", "r2", "sue")];

        var score = PlanScoring.Score(Instance, placements);

        score.Should().Be(new PlanScore(
            Objective: 10 * 5 + 20 * (11 - 2) + 1 * 3 - 4 * 2,
            Placed: 3,
            InterestServed: 5,
            Conflicts: 2,
            Overflow: 2,
            Moved: 2,
            Unplaced: 1,
            Wanted: 11));
    }

    [Fact]
    public void Score_PersonWithThreeWantedSessionsInOneRound_LosesTwo()
    {
        // p2 wants a, b and c: all three in r1 cost two sessions (not three pairs); p1 wants a and b: one.
        Placement[] placements = [new("a", "hall", "r1", "max"), new("b", "nook", "r1", "mia")];
        Placement[] withC = [.. placements, new("c", "attic", "r2", "sue")];
        var instance = Instance with { Rooms = [.. Instance.Rooms, new PlanRoom("attic", 5)] };
        Placement[] allInR1 = [.. placements, new("c", "attic", "r1", "sue")];

        PlanScoring.Score(instance, withC).Conflicts.Should().Be(2);
        PlanScoring.Score(instance, allInR1).Conflicts.Should().Be(3);
        PlanScoring.Score(instance, allInR1).Objective.Should().Be(PlanScoring.Score(instance, withC).Objective - 20,
            "c moved into p2's busy round gives p2 one more lost session; seats, wanted and placed are the same");
    }

    [Fact]
    public void Score_HaverOrModeratorWhoWantsAnotherSessionOfTheirRound_CountsAConflict()
    {
        // cat brings c and wants a; mia moderates b and wants a; sue (pool) wants a and moderates c: each one runs a
        // session in the round of a, so each loses a.
        var instance = Instance with
        {
            People = [.. Instance.People, new PlanPerson("cat", ["a"]), new PlanPerson("mia", ["a"]), new PlanPerson("sue", ["a"])],
            Rooms = [.. Instance.Rooms, new PlanRoom("attic", 5)],
        };
        Placement[] apart = [new("a", "hall", "r1", "max"), new("b", "nook", "r2", "mia"), new("c", "attic", "r2", "sue")];
        Placement[] together = [new("a", "hall", "r1", "max"), new("b", "nook", "r1", "mia"), new("c", "attic", "r1", "sue")];

        var conflictsApart = PlanScoring.Score(instance, apart).Conflicts;
        var conflictsTogether = PlanScoring.Score(instance, together).Conflicts;

        conflictsApart.Should().Be(1, "only p2, who wants b and c, loses one there");
        // Together: p1 and p2 (a and b), p2 again (c), cat, mia and sue → 6.
        conflictsTogether.Should().Be(6);
    }

    [Fact]
    public void Score_PoolModeratorWhoModeratesASessionTheyWant_NoConflict()
    {
        var instance = Instance with { People = [.. Instance.People, new PlanPerson("sue", ["c"])] };

        PlanScoring.Score(instance, [new("a", "hall", "r1", "max"), new("c", "nook", "r2", "sue")]).Conflicts.Should().Be(0);
    }

    [Fact]
    public void Score_OverflowCostsNothing_PlacingAPopularCardInASmallRoomIsBetterThanLeavingItOut()
    {
        Placement[] without = [new("a", "hall", "r1", "max")];
        Placement[] with = [.. without, new("b", "nook", "r2", "mia")];

        PlanScoring.Score(Instance, with).Overflow.Should().Be(2);
        PlanScoring.Score(Instance, with).Objective.Should().BeGreaterThan(PlanScoring.Score(Instance, without).Objective);
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
