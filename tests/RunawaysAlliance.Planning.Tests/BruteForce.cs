namespace RunawaysAlliance.Planning.Tests;

/// <summary>The best arrangement found by trying every one, with how many allowed arrangements there were.</summary>
internal sealed record BruteForceOptimum(long Objective, IReadOnlyList<Placement> Placements, int Arrangements);

/// <summary>
/// The optimum of a tiny instance by enumeration: every movable card unplaced or in a free slot (no two in one slot,
/// a haver once per round), then for every round a search for moderators that puts nobody in two sessions. Every
/// arrangement kept is checked with <see cref="PlanScoring.Violations"/> and scored with <see cref="PlanScoring.Score"/>.
/// It shares no code with the planner's model: moderators are assigned by trying pool members, not counted. The
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
            var placements = new List<Placement>(instance.Fixed);
            foreach (var byRound in chosen.OfType<(PlanCard Card, string Room, string Round)>().GroupBy(c => c.Round))
            {
                var sessions = byRound.ToList();
                var busy = new HashSet<string>(busyInFixed.Where(b => b.Item2 == byRound.Key).Select(b => b.Item1), StringComparer.Ordinal);
                sessions.ForEach(s => busy.Add(s.Card.Haver));
                var moderators = new string[sessions.Count];
                if (!AssignModerators(sessions.Select(s => s.Card).ToList(), 0, busy, pool, moderators))
                {
                    return;
                }

                placements.AddRange(sessions.Select((s, i) => new Placement(s.Card.Id, s.Room, s.Round, moderators[i])));
            }

            var violations = PlanScoring.Violations(instance, placements);
            if (violations.Count > 0)
            {
                throw new InvalidOperationException("The brute force built an arrangement that breaks a rule: " + string.Join("; ", violations));
            }

            arrangements++;
            var objective = PlanScoring.Score(instance, placements).Objective;
            if (best is null || objective > best.Objective)
            {
                best = new BruteForceOptimum(objective, placements, 0);
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

    // Moderators for the sessions of one round, by trying every candidate: nobody may be in two sessions of the round.
    private static bool AssignModerators(List<PlanCard> cards, int i, HashSet<string> busy, List<string> pool, string[] moderators)
    {
        if (i == cards.Count)
        {
            return true;
        }

        var card = cards[i];
        var own = string.IsNullOrEmpty(card.Moderator) ? null : card.Moderator;
        foreach (var moderator in own is null ? pool : [own])
        {
            // The haver is in the busy set already: a card whose own moderator is its haver is the one exception.
            if (busy.Contains(moderator) && !(moderator == own && own == card.Haver))
            {
                continue;
            }

            var added = busy.Add(moderator);
            moderators[i] = moderator;
            if (AssignModerators(cards, i + 1, busy, pool, moderators))
            {
                return true;
            }

            if (added)
            {
                busy.Remove(moderator);
            }
        }

        return false;
    }
}
