namespace RunawaysAlliance.Planning;

/// <summary>
/// The greedy arrangement: the most wanted cards first, each into the free slot where it adds the most (seats
/// for its people, few people who already have a session in that round, its previous slot), then in every round
/// the largest rooms to the most wanted (<see cref="InstanceIndex.ByPopularity"/>). Fast and never breaks a hard
/// rule; the solver starts from it and falls back to it.
/// </summary>
public static class GreedyPlanner
{
    /// <summary>A complete arrangement (fixed sessions included) with moderators.</summary>
    public static IReadOnlyList<Placement> Arrange(PlanningInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Arrange(new InstanceIndex(instance));
    }

    internal static List<Placement> Arrange(InstanceIndex index) => index.WithModerators(index.ByPopularity(Choose(index)));

    /// <summary>The greedy choice of (card, room, round); <paramref name="timeUp"/> (checked per card) ends it early with the cards placed so far.</summary>
    internal static List<(int Card, int Room, int Round)> Choose(InstanceIndex index, Func<bool>? timeUp = null)
    {
        var rounds = index.Instance.Rounds.Count;
        var slotTaken = new HashSet<(int, int)>(index.FixedSlot.Values);
        var busy = new HashSet<(string, int)>(index.BusyInFixed);
        var poolLeft = index.PoolFree.Select(p => p.Length).ToArray();
        // Per attend set and round: how many of its sessions are there (fixed ones from the start).
        var setsOf = index.AttendSetsOf();
        var inSet = new int[index.AttendSets.Length * rounds];
        foreach (var (card, (_, round)) in index.FixedSlot)
        {
            foreach (var (set, _) in setsOf[card])
            {
                inSet[(set * rounds) + round]++;
            }
        }

        var chosen = new List<(int, int, int)>();
        var lost = new long[rounds];
        // Previously placed cards first (so they tend to keep their slot), then by interest, then by id for determinism.
        var order = index.FreeCards
            .OrderByDescending(c => index.Previous.ContainsKey(c))
            .ThenByDescending(c => index.Interest[c])
            .ThenByDescending(c => index.WantedBy[c])
            .ThenBy(c => c);
        foreach (var card in order)
        {
            if (timeUp?.Invoke() == true)
            {
                break;
            }

            // The people who would lose a session in each round: those who already have one of theirs there.
            Array.Clear(lost);
            foreach (var (set, weight) in setsOf[card])
            {
                for (var round = 0; round < rounds; round++)
                {
                    if (inSet[(set * rounds) + round] > 0)
                    {
                        lost[round] += weight;
                    }
                }
            }

            (int Room, int Round)? best = null;
            long bestValue = long.MinValue;
            foreach (var (room, round) in index.FreeSlots)
            {
                if (slotTaken.Contains((room, round)) || index.PeopleOf(card).Any(p => busy.Contains((p, round))) || index.PoolUse(card, round) > poolLeft[round])
                {
                    continue;
                }

                var value = index.SlotValue(card, room, round) - (PlanWeights.Wanted * lost[round]);

                // Ties go to the tightest room that still seats everyone, so that big rooms stay free for big cards.
                if (value > bestValue || (value == bestValue && best is { } b && Fit(index, card, room) < Fit(index, card, b.Room)))
                {
                    best = (room, round);
                    bestValue = value;
                }
            }

            // Placing is never worse than leaving out (seats and the people who want it are never negative), so every card
            // that fits somewhere under the hard rules is placed.
            if (best is not { } slot)
            {
                continue;
            }

            chosen.Add((card, slot.Room, slot.Round));
            slotTaken.Add(slot);
            foreach (var (set, _) in setsOf[card])
            {
                inSet[(set * rounds) + slot.Round]++;
            }

            poolLeft[slot.Round] -= index.PoolUse(card, slot.Round);
            foreach (var person in index.PeopleOf(card))
            {
                busy.Add((person, slot.Round));
            }
        }

        return chosen;
    }

    // How badly a room fits a card: seats left over, or a large penalty per person who does not fit.
    private static long Fit(InstanceIndex index, int card, int room)
    {
        var spare = index.Capacity[room] - index.Interest[card];
        return spare >= 0 ? spare : 1000L * -spare;
    }
}
