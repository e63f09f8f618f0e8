namespace RunawaysAlliance.Planning.Tests;

/// <summary>The best arrangement found by trying every one, with how many allowed arrangements there were.</summary>
internal sealed record BruteForceOptimum(long Objective, IReadOnlyList<Placement> Placements, int Arrangements);

/// <summary>
/// The optimum of a tiny instance by enumeration: every movable card unplaced or in a free slot (no two in one slot,
/// a haver once per round), then for every round a search for moderators that puts nobody in two sessions. Every
/// arrangement kept is checked with <see cref="PlanScoring.Violations"/> and scored with <see cref="PlanScoring.Score(PlanningInstance, IReadOnlyList{Placement})"/>.
/// It shares no code with the planner's model: moderators are assigned by trying every allowed choice of pool members
/// (the score counts a pool moderator who gives up a wanted session), not counted. The
/// moderator rule is the planner's: a card's own moderator when it has one, otherwise a pool member who is in no other
/// session of the round and is not the card's haver (Violations alone would also let a pool member moderate their own card).
/// </summary>
internal static class BruteForce
{
    public static BruteForceOptimum Optimum(PlanningInstance instance)
    {
        var fixedCards = instance.Fixed.Select(f => f.Card).ToHashSet(StringComparer.Ordinal);
        var movable = instance.Cards.Where(c => !fixedCards.Contains(c.Id)).ToList();
        var taken = instance.Fixed.Select(f => (f.Room, f.Round)).ToHashSet();
        var freeSlots = (from round in instance.Rounds from room in instance.Rooms where !taken.Contains((room.Id, round.Id)) select (Room: room.Id, Round: round.Id)).ToList();
        var havers = instance.Cards.ToDictionary(c => c.Id, c => c.Haver, StringComparer.Ordinal);
        var busyInFixed = instance.Fixed.SelectMany(f => new[] { (havers[f.Card], f.Round), (f.Moderator!, f.Round) }).ToHashSet();
        var pool = instance.Moderators.Distinct(StringComparer.Ordinal).ToList();

        BruteForceOptimum? best = null;
        var arrangements = 0;
        var chosen = new (PlanCard Card, string Room, string Round)?[movable.Count];
        var usedSlots = new HashSet<(string, string)>();
        var haverBusy = new HashSet<(string, string)>(busyInFixed);

        void Leaf()
        {
            var rounds = chosen.OfType<(PlanCard Card, string Room, string Round)>().GroupBy(c => c.Round).Select(g => g.ToList()).ToList();
            var placements = new List<Placement>(instance.Fixed);
            Rounds(0);

            // Every allowed choice of moderators, round by round.
            void Rounds(int r)
            {
                if (r == rounds.Count)
                {
                    Score(placements);
                    return;
                }

                var sessions = rounds[r];
                var round = sessions[0].Round;
                var busy = new HashSet<string>(busyInFixed.Where(b => b.Item2 == round).Select(b => b.Item1), StringComparer.Ordinal);
                sessions.ForEach(s => busy.Add(s.Card.Haver));
                var moderators = new string[sessions.Count];
                foreach (var _ in AssignModerators([.. sessions.Select(s => s.Card)], 0, busy, pool, moderators))
                {
                    var count = placements.Count;
                    placements.AddRange(sessions.Select((s, i) => new Placement(s.Card.Id, s.Room, s.Round, moderators[i])));
                    Rounds(r + 1);
                    placements.RemoveRange(count, placements.Count - count);
                }
            }
        }

        void Score(List<Placement> placements)
        {
            var violations = PlanScoring.Violations(instance, placements);
            if (violations.Count > 0)
            {
                throw new InvalidOperationException("The brute force built an arrangement that breaks a rule: " + string.Join("; ", violations));
            }

            arrangements++;
            var objective = PlanScoring.Score(instance, placements).Objective;
            if (best is null || objective > best.Objective)
            {
                best = new BruteForceOptimum(objective, [.. placements], 0);
            }
        }

        void Place(int i)
        {
            if (i == movable.Count)
            {
                Leaf();
                return;
            }

            chosen[i] = null;
            Place(i + 1);
            var card = movable[i];
            foreach (var slot in freeSlots)
            {
                if (usedSlots.Contains(slot) || haverBusy.Contains((card.Haver, slot.Round)))
                {
                    continue;
                }

                usedSlots.Add(slot);
                haverBusy.Add((card.Haver, slot.Round));
                chosen[i] = (card, slot.Room, slot.Round);
                Place(i + 1);
                chosen[i] = null;
                haverBusy.Remove((card.Haver, slot.Round));
                usedSlots.Remove(slot);
            }
        }

        Place(0);
        return best! with { Arrangements = arrangements };
    }

    // Every choice of moderators for the sessions of one round (yielded as the array is filled): nobody may be in two sessions of the round.
    private static IEnumerable<bool> AssignModerators(List<PlanCard> cards, int i, HashSet<string> busy, List<string> pool, string[] moderators)
    {
        if (i == cards.Count)
        {
            yield return true;
            yield break;
        }

        var card = cards[i];
        var own = string.IsNullOrEmpty(card.Moderator) ? null : card.Moderator;
        foreach (var moderator in own is null ? pool : [own])
        {
            if (busy.Contains(moderator))
            {
                continue;
            }

            busy.Add(moderator);
            moderators[i] = moderator;
            foreach (var done in AssignModerators(cards, i + 1, busy, pool, moderators))
            {
                yield return done;
            }

            busy.Remove(moderator);
        }
    }
}
