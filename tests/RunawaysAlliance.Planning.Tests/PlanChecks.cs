using FluentAssertions;

namespace RunawaysAlliance.Planning.Tests;

/// <summary>What every arrangement from either planner must satisfy, asserted in one place.</summary>
internal static class PlanChecks
{
    public static void BreaksNoRule(PlanningInstance instance, IReadOnlyList<Placement> placements, string because)
    {
        PlanScoring.Violations(instance, placements).Should().BeEmpty(because);
        PlanScoring.KeepsFixed(instance, placements).Should().BeTrue(because);
        placements.GroupBy(p => p.Card).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty("a card is placed at most once ({0})", because);
        placements.GroupBy(p => (p.Room, p.Round)).Where(g => g.Count() > 1).Select(g => g.Key).Should().BeEmpty("a slot holds one session ({0})", because);

        var fixedCards = instance.Fixed.Select(f => f.Card).ToHashSet(StringComparer.Ordinal);
        var cards = instance.Cards.ToDictionary(c => c.Id, StringComparer.Ordinal);
        foreach (var p in placements.Where(p => !fixedCards.Contains(p.Card)))
        {
            var card = cards[p.Card];
            if (string.IsNullOrEmpty(card.Moderator))
            {
                instance.Moderators.Should().Contain(p.Moderator, "card {0} has no own moderator, so one comes from the pool ({1})", p.Card, because);
                p.Moderator.Should().NotBe(card.Haver, "a pool moderator is not the card's own haver ({0})", because);
            }
            else
            {
                p.Moderator.Should().Be(card.Moderator, "card {0} brings its own moderator ({1})", p.Card, because);
            }
        }
    }

    /// <summary>A readable form of an instance, for failure messages and diagnostics.</summary>
    public static string Describe(PlanningInstance instance) =>
        $"rooms [{string.Join(", ", instance.Rooms.Select(r => $"{r.Id}:{r.Capacity}"))}], rounds [{string.Join(", ", instance.Rounds.Select(r => r.Id))}], "
        + $"cards [{string.Join(", ", instance.Cards.Select(c => $"{c.Id}(h={c.Haver}{(c.Moderator is null ? "" : ", m=" + c.Moderator)})"))}], "
        + $"pool [{string.Join(", ", instance.Moderators)}], fixed [{string.Join(", ", instance.Fixed.Select(Describe))}], "
        + $"previous [{string.Join(", ", (instance.Previous ?? []).Select(Describe))}], "
        + $"interests [{string.Join(" ", instance.People.Where(p => p.Interests.Count > 0).Select(p => string.Join("+", p.Interests)))}]";

    public static string Describe(Placement p) => $"{p.Card}@{p.Room}/{p.Round}{(p.Moderator is null ? "" : " by " + p.Moderator)}";

    public static string Describe(IEnumerable<Placement> placements) => string.Join(", ", placements.Select(Describe));
}
