namespace RunawaysAlliance.Planning;

/// <summary>
/// The weights of the objective. A plan's objective is
/// <c>Serve·served − Overflow·overflow − Conflict·conflicts + Place·placed − Move·moved</c>, where
/// <c>served</c> counts interested people who fit in the room, <c>overflow</c> those who do not,
/// <c>conflicts</c> the pairs of sessions in one round that one person wants both of, and <c>moved</c> the
/// sessions of the previous arrangement that moved or were dropped.
/// </summary>
public static class PlanWeights
{
    /// <summary>One interested person who has a seat.</summary>
    public const int Serve = 10;

    /// <summary>One interested person more than the room seats (standing, or turned away).</summary>
    public const int Overflow = 3;

    /// <summary>
    /// One person who wants two sessions of the same round. They can be in only one, so it costs two seats' worth:
    /// the seat counted for them in the other session is not used, and that session loses someone who offered to
    /// help or reserved a seat — at a generative conference a solver who promised to come is what a haver needs.
    /// (At 8, below one seat, the planner kept conflicts that cost people a session they chose in exchange for a
    /// seat elsewhere; docs/benchmarks.md has both.)
    /// </summary>
    public const int Conflict = 20;

    /// <summary>A placed card: a card with no interest yet is still better in a free slot than left out.</summary>
    public const int Place = 1;

    /// <summary>A session of the previous arrangement that moved: people already planned around it.</summary>
    public const int Move = 4;
}

/// <summary>The measures of a plan, in the terms organizers use.</summary>
public sealed record PlanScore(long Objective, int Placed, int InterestServed, int Conflicts, int Overflow, int Moved, int Unplaced);

/// <summary>Scores arrangements and checks them against the hard rules: one place for both, used by the planners, the tests and the apply step.</summary>
public static class PlanScoring
{
    /// <summary>Scores a complete arrangement (fixed sessions included).</summary>
    public static PlanScore Score(PlanningInstance instance, IReadOnlyList<Placement> placements)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(placements);
        var index = new InstanceIndex(instance);
        long served = 0, overflow = 0, conflicts = 0;
        var roundOf = new Dictionary<int, int>();
        foreach (var p in placements)
        {
            var card = index.CardIndex[p.Card];
            var capacity = index.Capacity[index.RoomIndex[p.Room]];
            served += Math.Min(index.Interest[card], capacity);
            overflow += Math.Max(0, index.Interest[card] - capacity);
            roundOf[card] = index.RoundIndex[p.Round];
        }

        foreach (var ((a, b), weight) in index.PairWeights)
        {
            if (roundOf.TryGetValue(a, out var ra) && roundOf.TryGetValue(b, out var rb) && ra == rb)
            {
                conflicts += weight;
            }
        }

        var placed = placements.ToDictionary(p => p.Card, StringComparer.Ordinal);
        var moved = (instance.Previous ?? []).Count(prev =>
            !placed.TryGetValue(prev.Card, out var now) || now.Room != prev.Room || now.Round != prev.Round);
        var objective = PlanWeights.Serve * served - PlanWeights.Overflow * overflow - PlanWeights.Conflict * conflicts
            + PlanWeights.Place * placements.Count - PlanWeights.Move * moved;
        return new PlanScore(objective, placements.Count, (int)served, (int)conflicts, (int)overflow, moved, instance.Cards.Count - placements.Count);
    }

    /// <summary>
    /// The hard rules an arrangement breaks, in words: one session per slot, a card at most once, every session
    /// moderated (by the card's own moderator or one from the pool; fixed sessions keep theirs), and nobody (haver or
    /// moderator) in two sessions of one round. Empty when the arrangement is allowed.
    /// </summary>
    public static IReadOnlyList<string> Violations(PlanningInstance instance, IReadOnlyList<Placement> placements)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(placements);
        var problems = new List<string>();
        var cards = instance.Cards.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var rooms = instance.Rooms.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var rounds = instance.Rounds.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var pool = instance.Moderators.ToHashSet(StringComparer.Ordinal);
        var fixedCards = instance.Fixed.ToDictionary(f => f.Card, StringComparer.Ordinal);
        var slots = new HashSet<(string, string)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var busy = new HashSet<(string Person, string Round)>();

        foreach (var p in placements)
        {
            if (!cards.TryGetValue(p.Card, out var card) || !rooms.Contains(p.Room) || !rounds.Contains(p.Round))
            {
                problems.Add($"card \"{p.Card}\" in {p.Room}/{p.Round}: unknown card, room or round");
                continue;
            }

            if (!slots.Add((p.Room, p.Round)))
            {
                problems.Add($"slot {p.Room}/{p.Round} has two sessions");
            }

            if (!seen.Add(p.Card))
            {
                problems.Add($"card \"{p.Card}\" is placed twice");
            }

            if (string.IsNullOrEmpty(p.Moderator))
            {
                problems.Add($"card \"{p.Card}\" has no moderator");
            }
            else if (!fixedCards.ContainsKey(p.Card) && !string.IsNullOrEmpty(card.Moderator) && p.Moderator != card.Moderator)
            {
                problems.Add($"card \"{p.Card}\" names \"{card.Moderator}\" as its moderator but is moderated by \"{p.Moderator}\"");
            }
            else if (!fixedCards.ContainsKey(p.Card) && string.IsNullOrEmpty(card.Moderator) && (!pool.Contains(p.Moderator) || p.Moderator == card.Haver))
            {
                // A pool moderator runs someone else's card: the haver is at their own table already.
                problems.Add($"card \"{p.Card}\" is moderated by \"{p.Moderator}\", who is not a pool moderator free to run it");
            }

            foreach (var person in new[] { card.Haver, p.Moderator }.Where(x => !string.IsNullOrEmpty(x)).Distinct(StringComparer.Ordinal))
            {
                if (!busy.Add((person!, p.Round)))
                {
                    problems.Add($"\"{person}\" is in two sessions of round {p.Round}");
                }
            }
        }

        return problems;
    }

    /// <summary>Whether every fixed session is in the arrangement exactly where it was.</summary>
    public static bool KeepsFixed(PlanningInstance instance, IReadOnlyList<Placement> placements)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var placed = placements.ToDictionary(p => p.Card, StringComparer.Ordinal);
        return instance.Fixed.All(f => placed.TryGetValue(f.Card, out var p) && p.Room == f.Room && p.Round == f.Round && p.Moderator == f.Moderator);
    }
}
