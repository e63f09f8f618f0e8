using System.Diagnostics;

namespace RunawaysAlliance.Planning;

/// <summary>
/// Simulated annealing from the greedy arrangement: moves a card to an empty slot, swaps two cards, puts a waiting
/// card in a placed one's slot, or takes a card out, keeping every hard rule after each move and the best
/// arrangement seen. Each move is scored by what it changes (the card's seats, the people who already have a session
/// in the round it joins or leaves), so it makes about a million moves a second. The solver starts from its answer; on instances the
/// solver cannot even load in the time, its answer is the plan. Same instance and seed: same answer, unless the
/// wall-clock limit stops it first.
/// </summary>
internal sealed class LocalSearch
{
    private const int None = -1;
    private const int FixedHere = -2;

    private readonly int rounds;
    private readonly int[] slotCard;          // per slot (room * rounds + round): card, None, or FixedHere
    private readonly int[] slotOf;            // per card: slot or None (fixed cards: None, they never move)
    private readonly long[][] value;          // per free card, per slot: SlotValue (seats, wanted, place, keep)
    private readonly (int Set, int Weight)[][] setsOf; // per card: the attend sets that contain it, with their people
    private readonly int[] inSet;             // per set * rounds + round: how many of the set's cards are there
    private readonly int[][] peopleOf;        // per card: haver and own moderator as numbers
    private readonly int[] busy;              // per person * rounds + round: sessions they are in (fixed included)
    private readonly int[] poolUse;           // per card * rounds + round
    private readonly int[] poolUsed;
    private readonly int[] poolFree;
    private readonly int[] movable;
    private readonly int[] freeSlots;
    private readonly int[][] alike;           // per slot: the free slots with a room of the same capacity (itself included)
    private readonly int[] mark;              // per set: the move that looked at it last (Delta)
    private readonly bool sorted;             // rooms follow the cards' order in every round (no previous rooms to keep)
    private readonly int[][] roomsDown;       // per round: its free slots, the most seats first
    private readonly int[] rank;              // per card: its place in InstanceIndex.MostWantedFirst (the order ByPopularity gives rooms in)
    private readonly int[] scratch;           // a round's cards while it is sorted
    private int stamp;
    private readonly int[] setWeight;

    private LocalSearch(InstanceIndex index, IEnumerable<(int Card, int Room, int Round)> start)
    {
        rounds = index.Instance.Rounds.Count;
        var cards = index.Instance.Cards.Count;
        var slots = index.Instance.Rooms.Count * rounds;
        slotCard = new int[slots];
        Array.Fill(slotCard, FixedHere);
        freeSlots = [.. index.FreeSlots.Select(s => Slot(s.Room, s.Round))];
        foreach (var s in freeSlots)
        {
            slotCard[s] = None;
        }

        alike = new int[slots][];
        foreach (var group in freeSlots.GroupBy(s => index.Capacity[s / rounds]))
        {
            var same = group.ToArray();
            foreach (var s in same)
            {
                alike[s] = same;
            }
        }

        slotOf = new int[cards];
        Array.Fill(slotOf, None);
        movable = index.FreeCards;
        value = new long[cards][];
        foreach (var card in movable)
        {
            value[card] = new long[slots];
            foreach (var (room, round) in index.FreeSlots)
            {
                value[card][Slot(room, round)] = index.SlotValue(card, room, round);
            }
        }

        setsOf = index.AttendSetsOf();
        setWeight = [.. index.AttendSets.Select(a => a.People)];
        inSet = new int[index.AttendSets.Length * rounds];
        mark = new int[index.AttendSets.Length];
        foreach (var (card, (_, round)) in index.FixedSlot)
        {
            foreach (var (set, _) in setsOf[card])
            {
                inSet[(set * rounds) + round]++;
            }
        }

        var people = new Dictionary<string, int>(StringComparer.Ordinal);
        int Person(string id) => people.TryGetValue(id, out var p) ? p : people[id] = people.Count;
        peopleOf = new int[cards][];
        foreach (var card in movable)
        {
            peopleOf[card] = [.. index.PeopleOf(card).Select(Person)];
        }

        foreach (var (id, _) in index.BusyInFixed)
        {
            Person(id);
        }

        busy = new int[people.Count * rounds];
        foreach (var (id, round) in index.BusyInFixed)
        {
            busy[(people[id] * rounds) + round] = 1;
        }

        poolUse = new int[cards * rounds];
        foreach (var card in movable)
        {
            for (var round = 0; round < rounds; round++)
            {
                poolUse[(card * rounds) + round] = index.PoolUse(card, round);
            }
        }

        poolUsed = new int[rounds];
        poolFree = [.. index.PoolFree.Select(p => p.Length)];
        foreach (var (card, room, round) in start)
        {
            Put(card, Slot(room, round));
        }

        // With no previous rooms to keep, where a card sits within its round is only a matter of seats, and the best is
        // the order ByPopularity gives (most wanted, largest room). The search then moves cards between rounds and
        // keeps every round in that order, so a move is scored with the rooms the plan would really give: a popular
        // card can go to a round whose matching room holds a card that fits a smaller one.
        sorted = index.Previous.Count == 0;
        roomsDown = new int[rounds][];
        rank = new int[cards];
        scratch = new int[index.Instance.Rooms.Count];
        if (sorted)
        {
            for (var round = 0; round < rounds; round++)
            {
                var r = round;
                roomsDown[round] = [.. index.LargestFirst(index.FreeSlots.Where(s => s.Round == r).Select(s => s.Room)).Select(room => Slot(room, r))];
            }

            var order = index.MostWantedFirst(index.FreeCards).ToArray();
            for (var i = 0; i < order.Length; i++)
            {
                rank[order[i]] = i;
            }

            for (var round = 0; round < rounds; round++)
            {
                Sort(round);
            }
        }
    }

    /// <summary>Improves <paramref name="start"/> (a valid arrangement of the free cards) and returns the best arrangement seen.</summary>
    /// <remarks><c>checkTotals</c> (tests): after every accepted move, the objective is recounted from scratch and the search fails if its running count differs.</remarks>
    public static List<(int Card, int Room, int Round)> Improve(
        InstanceIndex index, IReadOnlyList<(int Card, int Room, int Round)> start, int seed, long moves, TimeSpan wallClock, CancellationToken ct, bool checkTotals = false)
    {
        if (index.FreeCards.Length == 0 || index.FreeSlots.Length == 0 || moves <= 0)
        {
            return [.. start];
        }

        var search = new LocalSearch(index, start);
        return search.Run(new Random(seed), moves, wallClock, checkTotals, ct);
    }

    /// <summary>
    /// Puts waiting cards into empty slots where they fit under the hard rules and raise the objective (pool
    /// moderators' clashes included), the most wanted first, each where it adds the most (ties: the larger room).
    /// Placing never lowers the objective unless a pool moderator would give up a wanted session for it, so after
    /// this no slot stays empty that a waiting card could fill without someone losing a wanted session.
    /// </summary>
    public static List<(int Card, int Room, int Round)> Fill(InstanceIndex index, IReadOnlyList<(int Card, int Room, int Round)> choice)
    {
        if (index.FreeCards.Length == 0 || index.FreeSlots.Length <= choice.Count)
        {
            return [.. choice];
        }

        var search = new LocalSearch(index, choice);
        return search.FillEmpty(index);
    }

    /// <summary>
    /// How many moves the search makes for an instance: enough to settle on the sizes of the benchmark. Large
    /// evenings get five times as many per card (the solver adds little there; at 300 slots this took conflicts from
    /// 14 % to 16 % below greedy on the topic-shaped instances and from 20 % to 23 % on the taste-shaped ones).
    /// </summary>
    public static long MovesFor(InstanceIndex index, bool large) => (large ? 20_000L : 4_000L) * Math.Max(index.FreeCards.Length, index.FreeSlots.Length);

    private int Slot(int room, int round) => (room * rounds) + round;

    private int RoundOf(int slot) => slot % rounds;

    private List<(int Card, int Room, int Round)> Run(Random random, long moves, TimeSpan wallClock, bool checkTotals, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        long current = 0, best = 0;
        var start = checkTotals ? Total() : 0;
        var bestSlots = (int[])slotOf.Clone();
        // Temperatures from about two people's worth of conflict down to a fraction of a seat, geometrically over the
        // search's progress: its moves, or its time when the time runs out first (so a search cut short still
        // cools down and settles instead of stopping while it wanders).
        const double hot = 40, cold = 0.3;
        var temperature = hot;
        for (long move = 0; move < moves; move++)
        {
            if ((move & 0x3FF) == 0)
            {
                var elapsed = clock.Elapsed;
                if (elapsed > wallClock || ct.IsCancellationRequested)
                {
                    break;
                }

                var progress = Math.Max((double)move / moves, elapsed / wallClock);
                temperature = hot * Math.Pow(cold / hot, progress);
            }

            var card = movable[random.Next(movable.Length)];
            var from = slotOf[card];
            // Half the moves keep the card in a room of the same size (often another round): they change only the
            // conflicts, which random slots (mostly of another size, so mostly refused) rarely improve.
            var slot = from != None && !sorted && random.Next(2) == 0
                ? alike[from][random.Next(alike[from].Length)]
                : freeSlots[random.Next(freeSlots.Length)];
            var other = slotCard[slot];
            if (from == slot)
            {
                // Take the card out: rarely useful, but an arrangement may be better with a slot left empty.
                // With the rounds in order, the cards after it in the round move up one room each.
                var seats = sorted ? SeatsAfter(RoundOf(slot), card, None) - SeatsAfter(RoundOf(slot), None, None) + value[card][slot] : 0;
                var delta = Remove(card) + seats;
                if (Accept(delta, temperature, random))
                {
                    current += delta;
                    if (sorted)
                    {
                        Sort(RoundOf(slot));
                    }
                }
                else
                {
                    Put(card, from);
                }
            }
            else if (Allowed(card, from, other, slot))
            {
                // Scored before anything changes: most moves are refused, and a refused move then costs one pass over
                // the sets of the two cards instead of four.
                var delta = Delta(card, from, other, slot);
                if (Accept(delta, temperature, random))
                {
                    var applied = 0L;
                    if (from != None)
                    {
                        applied += Remove(card);
                    }

                    if (other != None)
                    {
                        applied += Remove(other);
                    }

                    applied += Put(card, slot);
                    if (other != None && from != None)
                    {
                        applied += Put(other, from);
                    }

                    if (sorted)
                    {
                        // The applied change counted the slots the cards took; sorting the rounds gives what Delta said.
                        Sort(RoundOf(slot));
                        if (from != None)
                        {
                            Sort(RoundOf(from));
                        }
                    }
                    else if (checkTotals && applied != delta)
                    {
                        throw new InvalidOperationException($"The move was scored {delta} and changed the objective by {applied}.");
                    }

                    current += delta;
                    if (checkTotals && Total() != start + current)
                    {
                        throw new InvalidOperationException($"The arrangement is worth {Total()}, the search counted {start + current}.");
                    }
                }
            }

            if (current > best)
            {
                best = current;
                Array.Copy(slotOf, bestSlots, slotOf.Length);
            }
        }

        var result = new List<(int, int, int)>();
        foreach (var card in movable)
        {
            if (bestSlots[card] is var s and not None)
            {
                result.Add((card, s / rounds, s % rounds));
            }
        }

        return result;
    }

    // What a round's cards are worth in its rooms (seats, wanted, placed) with one card taken out and one put in (None:
    // no change), rooms given in order: the i-th card of the round, by rank, gets the i-th largest room.
    private long SeatsAfter(int round, int without, int with)
    {
        var rooms = roomsDown[round];
        long total = 0;
        var at = 0;
        var added = with == None;
        foreach (var slot in rooms)
        {
            var c = slotCard[slot];
            if (c == None)
            {
                break;
            }

            if (c == without)
            {
                continue;
            }

            if (!added && rank[with] < rank[c])
            {
                total += value[with][rooms[at++]];
                added = true;
            }

            total += value[c][rooms[at++]];
        }

        if (!added)
        {
            total += value[with][rooms[at]];
        }

        return total;
    }

    // Puts a round's cards back in order: the most wanted in the largest room (the sets and people of the round do not change).
    private void Sort(int round)
    {
        var rooms = roomsDown[round];
        var count = 0;
        foreach (var slot in rooms)
        {
            // Insertion sort: a move changes one or two places of a round that was in order.
            var c = slotCard[slot];
            if (c == None)
            {
                continue;
            }

            var at = count++;
            while (at > 0 && rank[scratch[at - 1]] > rank[c])
            {
                scratch[at] = scratch[at - 1];
                at--;
            }

            scratch[at] = c;
        }

        for (var i = 0; i < rooms.Length; i++)
        {
            var c = i < count ? scratch[i] : None;
            slotCard[rooms[i]] = c;
            if (c != None)
            {
                slotOf[c] = rooms[i];
            }
        }
    }

    // The objective of the free cards from scratch (checkTotals: tests compare it with the search's running count).
    private long Total()
    {
        long total = 0;
        foreach (var card in movable)
        {
            if (slotOf[card] != None)
            {
                total += value[card][slotOf[card]];
            }
        }

        for (var i = 0; i < inSet.Length; i++)
        {
            total -= PlanWeights.Wanted * (long)Math.Max(0, inSet[i] - 1) * setWeight[i / rounds];
        }

        return total;
    }

    // Whether the move keeps the hard rules: nobody twice in a round, enough pool moderators in both rounds.
    private bool Allowed(int card, int from, int other, int slot)
    {
        var to = RoundOf(slot);
        var back = from == None ? None : RoundOf(from);
        if (back == to)
        {
            return true;
        }

        int[] otherPeople = other == None ? [] : peopleOf[other];
        foreach (var person in peopleOf[card])
        {
            if (busy[(person * rounds) + to] - (Array.IndexOf(otherPeople, person) >= 0 ? 1 : 0) > 0)
            {
                return false;
            }
        }

        if (poolUsed[to] + poolUse[(card * rounds) + to] - (other == None ? 0 : poolUse[(other * rounds) + to]) > poolFree[to])
        {
            return false;
        }

        if (back == None || other == None)
        {
            return true;
        }

        foreach (var person in otherPeople)
        {
            if (busy[(person * rounds) + back] - (Array.IndexOf(peopleOf[card], person) >= 0 ? 1 : 0) > 0)
            {
                return false;
            }
        }

        return poolUsed[back] + poolUse[(other * rounds) + back] - poolUse[(card * rounds) + back] <= poolFree[back];
    }

    // The change in the objective if the card moves to the slot (from its slot, or from waiting) and the slot's card
    // goes to the card's old slot (or waits): the same as the Remove and Put calls the move makes, without making them.
    private long Delta(int card, int from, int other, int slot)
    {
        var to = RoundOf(slot);
        var back = from == None ? None : RoundOf(from);
        long delta;
        if (sorted && back == to)
        {
            // Two cards of one round change rooms: sorting gives them back their rooms.
            return 0;
        }

        if (sorted)
        {
            // Every round stays in order: what the rounds are worth with the cards exchanged, rooms given again.
            delta = SeatsAfter(to, other, card) - SeatsAfter(to, None, None);
            if (back != None && back != to)
            {
                delta += SeatsAfter(back, card, other) - SeatsAfter(back, None, None);
            }
        }
        else
        {
            delta = value[card][slot] - (from == None ? 0 : value[card][from]);
            if (other != None)
            {
                delta += (from == None ? 0 : value[other][from]) - value[other][slot];
            }
        }

        if (back == to)
        {
            // Both stay in their round (or the card takes the place of one in the same round's other room).
            return delta;
        }

        // A set that holds both cards keeps its count in both rounds; the other sets gain one where a card arrives and
        // lose one where it leaves. A person with k sessions in a round loses k − 1.
        stamp++;
        if (other != None)
        {
            foreach (var (set, _) in setsOf[other])
            {
                mark[set] = stamp;
            }
        }

        long lost = 0;
        foreach (var (set, weight) in setsOf[card])
        {
            if (mark[set] == stamp)
            {
                mark[set] = stamp - 1;
                continue;
            }

            lost += Arrive(set, to, weight) - Leave(set, back, weight);
        }

        if (other != None)
        {
            foreach (var (set, weight) in setsOf[other])
            {
                if (mark[set] == stamp)
                {
                    lost += Arrive(set, back, weight) - Leave(set, to, weight);
                }
            }
        }

        return delta - (PlanWeights.Wanted * lost);

        long Arrive(int set, int round, int weight) => round != None && inSet[(set * rounds) + round] > 0 ? weight : 0;

        long Leave(int set, int round, int weight) => round != None && inSet[(set * rounds) + round] > 1 ? weight : 0;
    }

    private List<(int Card, int Room, int Round)> FillEmpty(InstanceIndex index)
    {
        var waiting = index.MostWantedFirst(movable.Where(c => slotOf[c] == None)).ToList();
        foreach (var card in waiting)
        {
            var best = None;
            long bestDelta = 0;
            foreach (var slot in freeSlots)
            {
                if (slotCard[slot] != None)
                {
                    continue;
                }

                var delta = Put(card, slot);
                var fits = Fits(card);
                Remove(card);
                if (!fits || delta < bestDelta || (delta == bestDelta && best != None && index.Capacity[slot / rounds] <= index.Capacity[best / rounds]))
                {
                    continue;
                }

                delta -= PlanWeights.Wanted * (long)PoolClashesAdded(index, card, slot);
                if (delta > bestDelta || (delta == bestDelta && best != None && index.Capacity[slot / rounds] > index.Capacity[best / rounds]))
                {
                    best = slot;
                    bestDelta = delta;
                }
            }

            if (best != None)
            {
                Put(card, best);
            }
        }

        return [.. movable.Where(c => slotOf[c] != None).Select(c => (c, slotOf[c] / rounds, slotOf[c] % rounds))];
    }

    // How many more pool moderators would give up a wanted session in the slot's round with the card there.
    private int PoolClashesAdded(InstanceIndex index, int card, int slot)
    {
        if (index.OwnModerator[card] is not null)
        {
            return 0;
        }

        var round = RoundOf(slot);
        var inRound = new List<int>();
        var roundOf = index.RoundsOf([]);
        foreach (var c in movable)
        {
            if (slotOf[c] != None)
            {
                roundOf[c] = RoundOf(slotOf[c]);
                if (roundOf[c] == round)
                {
                    inRound.Add(c);
                }
            }
        }

        var before = index.PoolModerators(round, inRound, roundOf).Clashes;
        inRound.Add(card);
        roundOf[card] = round;
        return index.PoolModerators(round, inRound, roundOf).Clashes - before;
    }

    private static bool Accept(long delta, double temperature, Random random) =>
        delta >= 0 || random.NextDouble() < Math.Exp(delta / temperature);

    // Whether a card just put in its slot keeps the hard rules of that round: nobody twice in it, enough pool moderators.
    private bool Fits(int card)
    {
        if (slotOf[card] is var s && s == None)
        {
            return true;
        }

        var round = RoundOf(s);
        foreach (var person in peopleOf[card])
        {
            if (busy[(person * rounds) + round] > 1)
            {
                return false;
            }
        }

        return poolUsed[round] <= poolFree[round];
    }

    // Puts a card in a free slot and returns the change in the objective.
    private long Put(int card, int slot)
    {
        var round = RoundOf(slot);
        long delta = value[card][slot];
        foreach (var (set, weight) in setsOf[card])
        {
            // People who already have a session of theirs in the round lose one (k − 1 per person with k).
            ref var k = ref inSet[(set * rounds) + round];
            if (k > 0)
            {
                delta -= PlanWeights.Wanted * (long)weight;
            }

            k++;
        }

        foreach (var person in peopleOf[card])
        {
            busy[(person * rounds) + round]++;
        }

        poolUsed[round] += poolUse[(card * rounds) + round];
        slotCard[slot] = card;
        slotOf[card] = slot;
        return delta;
    }

    // Takes a placed card out and returns the change in the objective.
    private long Remove(int card)
    {
        var slot = slotOf[card];
        var round = RoundOf(slot);
        long delta = -value[card][slot];
        foreach (var (set, weight) in setsOf[card])
        {
            ref var k = ref inSet[(set * rounds) + round];
            k--;
            if (k > 0)
            {
                delta += PlanWeights.Wanted * (long)weight;
            }
        }

        foreach (var person in peopleOf[card])
        {
            busy[(person * rounds) + round]--;
        }

        poolUsed[round] -= poolUse[(card * rounds) + round];
        slotCard[slot] = None;
        slotOf[card] = None;
        return delta;
    }
}
