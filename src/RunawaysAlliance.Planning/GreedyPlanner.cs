namespace RunawaysAlliance.Planning;

/// <summary>
/// The greedy arrangement: the most wanted cards first, each into the free slot where it adds the most (seats
/// for its people, little overflow, few conflicts with what is already in that round, its previous slot). Fast
/// and never breaks a hard rule; the solver starts from it and falls back to it.
/// </summary>
public static class GreedyPlanner
{
    /// <summary>A complete arrangement (fixed sessions included) with moderators.</summary>
    public static IReadOnlyList<Placement> Arrange(PlanningInstance instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return Arrange(new InstanceIndex(instance));
    }

    internal static List<Placement> Arrange(InstanceIndex index) => index.WithModerators(Choose(index));

    internal static List<(int Card, int Room, int Round)> Choose(InstanceIndex index)
    {
        var rounds = index.Instance.Rounds.Count;
        var slotTaken = new HashSet<(int, int)>(index.FixedSlot.Values);
        var busy = new HashSet<(string, int)>(index.BusyInFixed);
        var poolLeft = index.PoolFree.Select(p => p.Length).ToArray();
        var cardsInRound = Enumerable.Range(0, rounds).Select(_ => new List<int>()).ToArray();
        foreach (var (card, (_, round)) in index.FixedSlot)
        {
            cardsInRound[round].Add(card);
        }

        var partners = new Dictionary<int, List<(int Other, int Weight)>>();
        foreach (var ((a, b), w) in index.PairWeights)
        {
            (partners.TryGetValue(a, out var la) ? la : partners[a] = []).Add((b, w));
            (partners.TryGetValue(b, out var lb) ? lb : partners[b] = []).Add((a, w));
        }

        var chosen = new List<(int, int, int)>();
        // Previously placed cards first (so they tend to keep their slot), then by interest, then by id for determinism.
        var order = index.FreeCards
            .OrderByDescending(c => index.Previous.ContainsKey(c))
            .ThenByDescending(c => index.Interest[c])
            .ThenBy(c => c);
        foreach (var card in order)
        {
            (int Room, int Round)? best = null;
            long bestValue = long.MinValue;
            foreach (var (room, round) in index.FreeSlots)
            {
                if (slotTaken.Contains((room, round)) || index.PeopleOf(card).Any(p => busy.Contains((p, round))) || index.PoolUse(card, round) > poolLeft[round])
                {
                    continue;
                }

                var value = index.SlotValue(card, room, round);
                if (partners.TryGetValue(card, out var others))
                {
                    var inRound = cardsInRound[round];
                    foreach (var (other, weight) in others)
                    {
                        if (inRound.Contains(other))
                        {
                            value -= PlanWeights.Conflict * (long)weight;
                        }
                    }
                }

                // Ties go to the tightest room that still seats everyone, so that big rooms stay free for big cards.
                if (value > bestValue || (value == bestValue && best is { } b && Fit(index, card, room) < Fit(index, card, b.Room)))
                {
                    best = (room, round);
                    bestValue = value;
                }
            }

            if (best is not { } slot || bestValue <= 0)
            {
                continue;
            }

            chosen.Add((card, slot.Room, slot.Round));
            slotTaken.Add(slot);
            cardsInRound[slot.Round].Add(card);
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
