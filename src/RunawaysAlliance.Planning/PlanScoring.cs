namespace RunawaysAlliance.Planning;

/// <summary>
/// The weights of the objective. A plan's objective is
/// <c>Serve·served + Wanted·(wanted − conflicts) + Place·placed − Move·moved</c>, where <c>served</c> counts
/// interested people who fit in their session's room, <c>wanted</c> the sessions people want that are placed (a
/// person's interests, and the sessions they run as haver or the card's own moderator), <c>conflicts</c> the wanted
/// sessions people cannot go to because another session of theirs is in the same round (k − 1 for a person with k
/// in one round), and <c>moved</c> the sessions of the previous arrangement that moved or were dropped. So
/// <c>wanted − conflicts</c> is the number of (person, round) pairs in which the person has a wanted session to go
/// to. Overflow (people beyond a room's seats) is reported but costs nothing: the people who do not fit are no worse
/// off than if the session did not exist (the waitlist handles them), so placing a card is never worse than leaving
/// it out.
/// </summary>
public static class PlanWeights
{
    /// <summary>One interested person who has a seat.</summary>
    public const int Serve = 10;

    /// <summary>
    /// One wanted session a person can go to (each person goes to one session per round): a conflict — a wanted
    /// session lost to another of the same person in the same round — costs this much. Two seats' worth: a solver who
    /// promised to come is what a haver needs, so the planner gives up a seat elsewhere to keep one.
    /// </summary>
    public const int Wanted = 20;

    /// <summary>A placed card: a card with no interest yet is still better in a free slot than left out.</summary>
    public const int Place = 1;

    /// <summary>A session of the previous arrangement that moved: people already planned around it.</summary>
    public const int Move = 4;
}

/// <summary>The measures of a plan, in the terms organizers use (docs/planner-instance.md defines each).</summary>
public sealed record PlanScore(long Objective, int Placed, int InterestServed, int Conflicts, int Overflow, int Moved, int Unplaced, int Wanted = 0);

/// <summary>Scores arrangements and checks them against the hard rules: one place for both, used by the planners, the tests and the apply step.</summary>
public static class PlanScoring
{
    /// <summary>Scores a complete arrangement (fixed sessions included).</summary>
    public static PlanScore Score(PlanningInstance instance, IReadOnlyList<Placement> placements)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(placements);
        return Score(new InstanceIndex(instance), placements);
    }

    internal static PlanScore Score(InstanceIndex index, IReadOnlyList<Placement> placements)
    {
        var instance = index.Instance;
        long served = 0, overflow = 0, wanted = 0, conflicts = 0;
        var roundOf = new int[instance.Cards.Count];
        Array.Fill(roundOf, -1);
        var runs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var p in placements)
        {
            var card = index.CardIndex[p.Card];
            var capacity = index.Capacity[index.RoomIndex[p.Room]];
            served += Math.Min(index.Interest[card], capacity);
            overflow += Math.Max(0, index.Interest[card] - capacity);
            roundOf[card] = index.RoundIndex[p.Round];
            if (!string.IsNullOrEmpty(p.Moderator))
            {
                (runs.TryGetValue(p.Moderator, out var list) ? list : runs[p.Moderator] = []).Add(card);
            }
        }

        // Per person and round: k = the placed sessions they want there plus one they run without wanting it (a pool
        // moderator); they can go to one, so k − 1 are conflicts.
        var k = new int[instance.Rounds.Count];
        foreach (var (person, cards) in index.Wants)
        {
            Array.Clear(k);
            foreach (var card in cards)
            {
                if (roundOf[card] >= 0)
                {
                    wanted++;
                    k[roundOf[card]]++;
                }
            }

            if (runs.TryGetValue(person, out var ran))
            {
                foreach (var card in ran)
                {
                    if (Array.BinarySearch(cards, card) < 0)
                    {
                        k[roundOf[card]]++;
                    }
                }
            }

            foreach (var count in k)
            {
                conflicts += Math.Max(0, count - 1);
            }
        }

        var moved = 0;
        if (instance.Previous is { Count: > 0 } previous)
        {
            var placed = placements.ToDictionary(p => p.Card, StringComparer.Ordinal);
            moved = previous.Count(prev => !placed.TryGetValue(prev.Card, out var now) || now.Room != prev.Room || now.Round != prev.Round);
        }

        var objective = PlanWeights.Serve * served + PlanWeights.Wanted * (wanted - conflicts)
            + PlanWeights.Place * placements.Count - PlanWeights.Move * moved;
        return new PlanScore(objective, placements.Count, (int)served, (int)conflicts, (int)overflow, moved, instance.Cards.Count - placements.Count, (int)wanted);
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
