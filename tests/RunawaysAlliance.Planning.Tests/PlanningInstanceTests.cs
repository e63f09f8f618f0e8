using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>Validate() turns every malformed instance into a PlanningInstanceException that names the problem.</summary>
public sealed class PlanningInstanceTests
{
    private static readonly PlanningInstance Valid = new(
        [new PlanRoom("hall", 20), new PlanRoom("nook", 5)],
        [new PlanRound("r1"), new PlanRound("r2")],
        [new PlanCard("a", "ann"), new PlanCard("b", "bob", "mia"), new PlanCard("c", "cat")],
        ["max", "sue"],
        [new PlanPerson("p1", ["a", "b"]), new PlanPerson("p2", ["c"])],
        [new Placement("a", "hall", "r1", "max")],
        [new Placement("b", "nook", "r1")]);

    private static readonly Dictionary<string, Func<PlanningInstance, PlanningInstance>> Breakages = new()
    {
        ["duplicate room"] = i => i with { Rooms = [.. i.Rooms, new PlanRoom("hall", 3)] },
        ["duplicate round"] = i => i with { Rounds = [.. i.Rounds, new PlanRound("r2")] },
        ["duplicate card"] = i => i with { Cards = [.. i.Cards, new PlanCard("c", "dan")] },
        ["duplicate person"] = i => i with { People = [.. i.People, new PlanPerson("p1", [])] },
        ["room without id"] = i => i with { Rooms = [.. i.Rooms, new PlanRoom(" ", 3)] },
        ["zero capacity"] = i => i with { Rooms = [i.Rooms[0], new PlanRoom("nook", 0)] },
        ["negative capacity"] = i => i with { Rooms = [new PlanRoom("hall", -4), i.Rooms[1]] },
        ["card without haver"] = i => i with { Cards = [.. i.Cards, new PlanCard("d", "")] },
        ["unknown interest"] = i => i with { People = [.. i.People, new PlanPerson("p3", ["a", "zzz"])] },
        ["fixed unknown card"] = i => i with { Fixed = [.. i.Fixed, new Placement("zzz", "nook", "r2", "sue")] },
        ["fixed unknown room"] = i => i with { Fixed = [.. i.Fixed, new Placement("c", "attic", "r2", "sue")] },
        ["fixed unknown round"] = i => i with { Fixed = [.. i.Fixed, new Placement("c", "nook", "r9", "sue")] },
        ["fixed without moderator"] = i => i with { Fixed = [.. i.Fixed, new Placement("c", "nook", "r2")] },
        ["fixed card twice"] = i => i with { Fixed = [.. i.Fixed, new Placement("a", "nook", "r2", "sue")] },
        ["previous unknown card"] = i => i with { Previous = [.. i.Previous!, new Placement("zzz", "nook", "r2")] },
        ["previous unknown room"] = i => i with { Previous = [.. i.Previous!, new Placement("c", "attic", "r2")] },
        ["previous card twice"] = i => i with { Previous = [.. i.Previous!, new Placement("b", "hall", "r2")] },
        ["fixed and previous"] = i => i with { Previous = [.. i.Previous!, new Placement("a", "hall", "r2")] },
        ["fixed share a slot"] = i => i with { Fixed = [.. i.Fixed, new Placement("c", "hall", "r1", "sue")] },
        ["fixed haver twice in a round"] = i => i with { Cards = [.. i.Cards, new PlanCard("d", "ann")], Fixed = [.. i.Fixed, new Placement("d", "nook", "r1", "sue")] },
        ["fixed moderator twice in a round"] = i => i with { Fixed = [.. i.Fixed, new Placement("c", "nook", "r1", "max")] },
        ["fixed moderator is another fixed haver"] = i => i with { Fixed = [.. i.Fixed, new Placement("c", "nook", "r1", "ann")] },
        ["previous share a slot"] = i => i with { Previous = [.. i.Previous!, new Placement("c", "nook", "r1")] },
        ["own moderator is the haver"] = i => i with { Cards = [.. i.Cards, new PlanCard("d", "dan", "dan")] },
    };

    [Fact]
    public void Validate_ValidInstance_ReturnsTheSameInstance()
    {
        Valid.Validate().Should().BeSameAs(Valid);
    }

    [Fact]
    public void Validate_EmptyInstance_ReturnsIt()
    {
        var empty = new PlanningInstance([], [], [], [], [], []);

        empty.Validate().Should().BeSameAs(empty);
    }

    [Theory]
    [InlineData("duplicate room", "The room id \"hall\" appears twice.")]
    [InlineData("duplicate round", "The round id \"r2\" appears twice.")]
    [InlineData("duplicate card", "The card id \"c\" appears twice.")]
    [InlineData("duplicate person", "The person id \"p1\" appears twice.")]
    [InlineData("room without id", "Every room needs an id.")]
    [InlineData("zero capacity", "Room \"nook\" needs a capacity above 0 (it has 0).")]
    [InlineData("negative capacity", "Room \"hall\" needs a capacity above 0 (it has -4).")]
    [InlineData("card without haver", "Card \"d\" needs a haver.")]
    [InlineData("unknown interest", "Person \"p3\" is interested in card \"zzz\"*")]
    [InlineData("fixed unknown card", "The fixed session of card \"zzz\" names a card that is not in the instance.")]
    [InlineData("fixed unknown room", "The fixed session of card \"c\" names room \"attic\"*")]
    [InlineData("fixed unknown round", "The fixed session of card \"c\"*round \"r9\"*")]
    [InlineData("fixed without moderator", "The fixed session of card \"c\" needs a moderator.")]
    [InlineData("fixed card twice", "The fixed card id \"a\" appears twice.")]
    [InlineData("previous unknown card", "The previous session of card \"zzz\" names a card that is not in the instance.")]
    [InlineData("previous unknown room", "The previous session of card \"c\" names room \"attic\"*")]
    [InlineData("previous card twice", "The previous card id \"b\" appears twice.")]
    [InlineData("fixed and previous", "Card \"a\" is both fixed and in the previous arrangement*")]
    [InlineData("fixed share a slot", "The fixed sessions already break a rule: slot hall/r1 has two sessions")]
    [InlineData("fixed haver twice in a round", "The fixed sessions already break a rule: \"ann\" is in two sessions of round r1")]
    [InlineData("fixed moderator twice in a round", "The fixed sessions already break a rule: \"max\" is in two sessions of round r1")]
    [InlineData("fixed moderator is another fixed haver", "The fixed sessions already break a rule: \"ann\" is in two sessions of round r1")]
    [InlineData("previous share a slot", "The previous sessions of cards \"b\" and \"c\" are both in room \"nook\" / round \"r1\"; a slot holds one session.")]
    [InlineData("own moderator is the haver", "Card \"d\" names its haver \"dan\" as its moderator*")]
    public void Validate_BrokenInstance_ThrowsNamingTheProblem(string breakage, string message)
    {
        var broken = Breakages[breakage](Valid);

        var validate = () => broken.Validate();

        validate.Should().Throw<PlanningInstanceException>().WithMessage(message);
    }

    [Fact]
    public void Solve_BrokenInstance_ThrowsBeforeSolving()
    {
        var broken = Breakages["fixed share a slot"](Valid);

        var solve = () => Planner.Solve(broken, new PlannerOptions(TimeSpan.FromSeconds(1)), TestContext.Current.CancellationToken);

        solve.Should().Throw<PlanningInstanceException>().WithMessage("*slot hall/r1 has two sessions*");
    }

    [Fact]
    public void Validate_FixedModeratorOutsideThePool_IsAllowed()
    {
        // A claimed session keeps whoever moderates it, pool or not.
        var instance = Valid with { Fixed = [new Placement("a", "hall", "r1", "someone")] };

        instance.Validate().Should().BeSameAs(instance);
    }

    [Fact]
    public void Solve_RandomPreviousArrangements_RefusedWithAMessageOrPlannedWithOneSessionPerSlot()
    {
        var refused = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var instance = RandomInstances.Create(seed, InstanceShape.Tiny);
            var random = new Random(seed);
            var fixedCards = instance.Fixed.Select(f => f.Card).ToHashSet(StringComparer.Ordinal);
            var movable = instance.Cards.Where(c => !fixedCards.Contains(c.Id)).ToList();
            // Random previous placements: random cards in random slots, so that some share a slot (or a fixed one).
            var previous = movable.Where(_ => random.Next(2) == 0)
                .Select(c => new Placement(c.Id, instance.Rooms[random.Next(instance.Rooms.Count)].Id, instance.Rounds[random.Next(instance.Rounds.Count)].Id))
                .ToList();
            var withPrevious = instance with { Previous = previous };
            try
            {
                withPrevious.Validate();
            }
            catch (PlanningInstanceException ex)
            {
                ex.Message.Should().Contain("a slot holds one session", "the only thing broken here is slots");
                refused++;
                continue;
            }

            var plan = Planner.Solve(withPrevious, new PlannerOptions(TimeSpan.FromSeconds(2), Seed: seed, Workers: 1), TestContext.Current.CancellationToken);
            plan.Placements.GroupBy(p => (p.Room, p.Round)).Should().OnlyContain(g => g.Count() == 1, $"seed {seed}: one session per slot");
            PlanChecks.BreaksNoRule(withPrevious, plan.Placements, $"seed {seed}");
        }

        refused.Should().BeInRange(1, 39, "the random arrangements include both shared slots and valid ones");
    }
}
