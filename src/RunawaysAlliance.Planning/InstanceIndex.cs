namespace RunawaysAlliance.Planning;

/// <summary>An instance turned into numbers once: indexes, interest per card, who wants and attends which sessions, who is busy when.</summary>
internal sealed class InstanceIndex
{
    public InstanceIndex(PlanningInstance instance)
    {
        Instance = instance;
        CardIndex = Indexes(instance.Cards.Select(c => c.Id));
        RoomIndex = Indexes(instance.Rooms.Select(r => r.Id));
        RoundIndex = Indexes(instance.Rounds.Select(r => r.Id));
        Capacity = [.. instance.Rooms.Select(r => r.Capacity)];
        Interest = new int[instance.Cards.Count];
        // Who wants which session: people's interests, and the cards they bring or moderate as the card's own moderator.
        var wants = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        void Want(string person, int card) => (wants.TryGetValue(person, out var list) ? list : wants[person] = []).Add(card);
        foreach (var person in instance.People)
        {
            foreach (var id in person.Interests)
            {
                if (CardIndex.TryGetValue(id, out var card))
                {
                    Want(person.Id, card);
                }
            }
        }

        // Seats are for the people who listed the card (its haver and moderator are at the table anyway).
        foreach (var (_, cards) in wants)
        {
            foreach (var card in cards.Distinct())
            {
                Interest[card]++;
            }
        }

        for (var card = 0; card < instance.Cards.Count; card++)
        {
            Want(instance.Cards[card].Haver, card);
            if (!string.IsNullOrEmpty(instance.Cards[card].Moderator))
            {
                Want(instance.Cards[card].Moderator!, card);
            }
        }

        Wants = [.. wants.Select(kv => (kv.Key, kv.Value.Distinct().Order().ToArray()))];
        WantedBy = new int[instance.Cards.Count];
        foreach (var (_, cards) in Wants)
        {
            foreach (var card in cards)
            {
                WantedBy[card]++;
            }
        }

        // What each person attends: the sessions they want, and a fixed session they moderate. People with the same set
        // lose sessions alike: the model counts them once, with their number as weight.
        var fixedRuns = instance.Fixed.Where(f => !string.IsNullOrEmpty(f.Moderator)).ToLookup(f => f.Moderator!, f => CardIndex[f.Card], StringComparer.Ordinal);
        var attends = Wants.Select(w => fixedRuns.Contains(w.Person) ? w.Cards.Concat(fixedRuns[w.Person]).Distinct().Order().ToArray() : w.Cards);
        AttendSets = [.. attends.Where(cards => cards.Length >= 2)
            .GroupBy(cards => cards, IntArrayComparer.Instance)
            .Select(g => (g.Key, g.Count()))];
        Haver = [.. instance.Cards.Select(c => c.Haver)];
        OwnModerator = [.. instance.Cards.Select(c => string.IsNullOrEmpty(c.Moderator) ? null : c.Moderator)];
        Pool = [.. instance.Moderators.Distinct(StringComparer.Ordinal)];

        FixedSlot = new Dictionary<int, (int Room, int Round)>();
        foreach (var f in instance.Fixed)
        {
            var card = CardIndex[f.Card];
            FixedSlot[card] = (RoomIndex[f.Room], RoundIndex[f.Round]);
            BusyInFixed.Add((Haver[card], RoundIndex[f.Round]));
            BusyInFixed.Add((f.Moderator!, RoundIndex[f.Round]));
        }

        FreeCards = [.. Enumerable.Range(0, instance.Cards.Count).Where(c => !FixedSlot.ContainsKey(c))];
        var taken = FixedSlot.Values.ToHashSet();
        FreeSlots = [.. from round in Enumerable.Range(0, instance.Rounds.Count)
                        from room in Enumerable.Range(0, instance.Rooms.Count)
                        where !taken.Contains((room, round))
                        select (room, round)];
        PoolFree = [.. Enumerable.Range(0, instance.Rounds.Count).Select(r => Pool.Where(m => !BusyInFixed.Contains((m, r))).ToArray())];
        var pool = Pool.ToHashSet(StringComparer.Ordinal);
        IsPool = p => p is not null && pool.Contains(p);
        Previous = (instance.Previous ?? []).Where(p => CardIndex.ContainsKey(p.Card))
            .ToDictionary(p => CardIndex[p.Card], p => (RoomIndex[p.Room], RoundIndex[p.Round]));
    }

    public PlanningInstance Instance { get; }

    public Dictionary<string, int> CardIndex { get; }

    public Dictionary<string, int> RoomIndex { get; }

    public Dictionary<string, int> RoundIndex { get; }

    public int[] Capacity { get; }

    /// <summary>How many people want each card's session.</summary>
    public int[] Interest { get; }

    /// <summary>Every person who wants a session, with the cards they want (sorted): their interests, the cards they bring, the cards they moderate as own moderator.</summary>
    public (string Person, int[] Cards)[] Wants { get; }

    /// <summary>How many people want each card's session (its interested people, its haver, its own moderator).</summary>
    public int[] WantedBy { get; }

    /// <summary>The distinct sets of two or more sessions people attend (wanted ones, and a fixed one they moderate), and how many people have exactly that set.</summary>
    public (int[] Cards, int People)[] AttendSets { get; }

    public string[] Haver { get; }

    public string?[] OwnModerator { get; }

    public string[] Pool { get; }

    public Func<string?, bool> IsPool { get; }

    public Dictionary<int, (int Room, int Round)> FixedSlot { get; }

    /// <summary>People (havers and moderators) who are in a fixed session of a round.</summary>
    public HashSet<(string Person, int Round)> BusyInFixed { get; } = [];

    public int[] FreeCards { get; }

    public (int Room, int Round)[] FreeSlots { get; }

    /// <summary>Pool moderators not in a fixed session, per round.</summary>
    public string[][] PoolFree { get; }

    /// <summary>Where the previous arrangement had a movable card.</summary>
    public Dictionary<int, (int Room, int Round)> Previous { get; }

    /// <summary>The people a card's session takes out of the round: its haver and, when it has one, its own moderator.</summary>
    public IEnumerable<string> PeopleOf(int card) =>
        OwnModerator[card] is { } m && m != Haver[card] ? [Haver[card], m] : [Haver[card]];

    /// <summary>Pool moderators a card's session uses in its round: its own if in the pool, the haver if in the pool, one from the pool if it has none.</summary>
    public int PoolUse(int card, int round)
    {
        var use = 0;
        foreach (var person in PeopleOf(card))
        {
            if (IsPool(person) && !BusyInFixed.Contains((person, round)))
            {
                use++;
            }
        }

        return OwnModerator[card] is null ? use + 1 : use;
    }

    /// <summary>The objective value of one card in one slot, without conflicts (those depend on the other cards).</summary>
    public long SlotValue(int card, int room, int round) =>
        Previous.TryGetValue(card, out var prev) && prev == (room, round)
            ? SeatValue(card, Capacity[room]) + PlanWeights.Move
            : SeatValue(card, Capacity[room]);

    /// <summary>What a card is worth in a room of this capacity: seats for its people, the people who want it, being placed (conflicts not included).</summary>
    public long SeatValue(int card, int capacity) =>
        PlanWeights.Serve * (long)Math.Min(Interest[card], capacity)
        + PlanWeights.Wanted * (long)WantedBy[card]
        + PlanWeights.Place;

    /// <summary>The constant part of the objective: fixed sessions, minus the moves if every movable session moved (conflicts not included).</summary>
    public long ConstantValue()
    {
        long value = -PlanWeights.Move * (long)Previous.Count;
        foreach (var (card, (room, _)) in FixedSlot)
        {
            value += SeatValue(card, Capacity[room]);
        }

        return value;
    }

    /// <summary>Per card: the attend sets that contain it, with their number of people.</summary>
    public (int Set, int Weight)[][] AttendSetsOf()
    {
        var sets = new List<(int, int)>[Instance.Cards.Count];
        for (var c = 0; c < sets.Length; c++)
        {
            sets[c] = [];
        }

        for (var s = 0; s < AttendSets.Length; s++)
        {
            foreach (var card in AttendSets[s].Cards)
            {
                sets[card].Add((s, AttendSets[s].People));
            }
        }

        return [.. sets.Select(l => l.ToArray())];
    }

    /// <summary>Cards in the order a round's rooms go to them: most people wanting a seat first, then most people wanting the session, then by number.</summary>
    public IOrderedEnumerable<int> MostWantedFirst(IEnumerable<int> cards) =>
        cards.OrderByDescending(c => Interest[c]).ThenByDescending(c => WantedBy[c]).ThenBy(c => c);

    /// <summary>Rooms with the most seats first (ties by number): in a round, the i-th card of <see cref="MostWantedFirst"/> gets the i-th.</summary>
    public IOrderedEnumerable<int> LargestFirst(IEnumerable<int> rooms) =>
        rooms.OrderByDescending(r => Capacity[r]).ThenBy(r => r);

    /// <summary>
    /// The finished arrangement of chosen (card, room, round) triples: in every round the sessions that do not keep
    /// their previous room get the round's other free rooms by how many people want a seat, the most wanted the
    /// largest (never fewer seats for anyone than before: a room with more seats goes to a card with more people).
    /// </summary>
    public List<(int Card, int Room, int Round)> ByPopularity(IEnumerable<(int Card, int Room, int Round)> chosen)
    {
        var result = new List<(int, int, int)>();
        foreach (var byRound in chosen.GroupBy(c => c.Round))
        {
            var round = byRound.Key;
            var kept = byRound.Where(c => Previous.TryGetValue(c.Card, out var prev) && prev == (c.Room, round)).ToList();
            result.AddRange(kept);
            var keptRooms = kept.Select(c => c.Room).ToHashSet();
            var rooms = LargestFirst(FreeSlots.Where(s => s.Round == round && !keptRooms.Contains(s.Room)).Select(s => s.Room)).ToList();
            var cards = MostWantedFirst(byRound.Where(c => !kept.Contains(c)).Select(c => c.Card)).ToList();
            for (var i = 0; i < cards.Count; i++)
            {
                result.Add((cards[i], rooms[i], round));
            }
        }

        return result;
    }

    /// <summary>Turns chosen (card, room, round) triples into placements with moderators: own moderators, then the pool, per round (<see cref="PoolModerators"/>).</summary>
    public List<Placement> WithModerators(IEnumerable<(int Card, int Room, int Round)> chosen)
    {
        var result = new List<Placement>();
        foreach (var f in Instance.Fixed)
        {
            result.Add(f);
        }

        var list = chosen.ToList();
        var roundOf = RoundsOf(list);
        foreach (var byRound in list.GroupBy(c => c.Round).OrderBy(g => g.Key))
        {
            var (moderators, _) = PoolModerators(byRound.Key, [.. byRound.Select(c => c.Card)], roundOf);
            foreach (var (card, room, round) in byRound.OrderBy(c => c.Card))
            {
                var moderator = OwnModerator[card] ?? moderators.GetValueOrDefault(card);
                result.Add(new Placement(Instance.Cards[card].Id, Instance.Rooms[room].Id, Instance.Rounds[round].Id, moderator));
            }
        }

        return result;
    }

    /// <summary>The round of every card in the arrangement (fixed ones included), −1 for cards left out.</summary>
    public int[] RoundsOf(IEnumerable<(int Card, int Room, int Round)> chosen)
    {
        var roundOf = new int[Instance.Cards.Count];
        Array.Fill(roundOf, -1);
        foreach (var (card, (_, round)) in FixedSlot)
        {
            roundOf[card] = round;
        }

        foreach (var (card, _, round) in chosen)
        {
            roundOf[card] = round;
        }

        return roundOf;
    }

    /// <summary>
    /// Pool moderators for the sessions of one round that need one, and how many of them give up a wanted session of
    /// that round to moderate (a clash: one more conflict). The fewest possible: first pool members who want the very
    /// session (a largest matching), then members with no wanted session in the round, then the others.
    /// </summary>
    public (Dictionary<int, string> Moderators, int Clashes) PoolModerators(int round, IReadOnlyCollection<int> cardsInRound, int[] roundOf)
    {
        var moderators = new Dictionary<int, string>();
        var needing = cardsInRound.Where(c => OwnModerator[c] is null).Order().ToList();
        if (needing.Count == 0)
        {
            return (moderators, 0);
        }

        var taken = new HashSet<string>(cardsInRound.SelectMany(PeopleOf), StringComparer.Ordinal);
        var free = PoolFree[round].Where(m => !taken.Contains(m)).ToList();
        var busyWith = free.ToDictionary(m => m, m => PoolWants.TryGetValue(m, out var cards) ? cards.Count(c => roundOf[c] == round) : 0, StringComparer.Ordinal);

        // A largest matching of sessions to free members who want them (Kuhn's augmenting paths; a round has few sessions).
        var matchOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var card in needing)
        {
            Augment(card, []);
        }

        bool Augment(int card, HashSet<string> seen)
        {
            foreach (var m in free.Where(m => busyWith[m] > 0 && Array.BinarySearch(PoolWants[m], card) >= 0))
            {
                if (seen.Add(m) && (!matchOf.TryGetValue(m, out var other) || Augment(other, seen)))
                {
                    matchOf[m] = card;
                    return true;
                }
            }

            return false;
        }

        foreach (var (m, card) in matchOf)
        {
            moderators[card] = m;
        }

        var rest = new Queue<string>(free.Where(m => !matchOf.ContainsKey(m)).OrderBy(m => busyWith[m] > 0));
        var clashes = 0;
        foreach (var card in needing.Where(c => !moderators.ContainsKey(c)))
        {
            if (rest.Count == 0)
            {
                break;
            }

            var m = rest.Dequeue();
            clashes += busyWith[m] > 0 ? 1 : 0;
            moderators[card] = m;
        }

        return (moderators, clashes);
    }

    /// <summary>The sessions each pool member wants (sorted), for members who want any.</summary>
    public Dictionary<string, int[]> PoolWants => poolWants ??= Wants.Where(w => IsPool(w.Person)).ToDictionary(w => w.Person, w => w.Cards, StringComparer.Ordinal);

    private Dictionary<string, int[]>? poolWants;

    private static Dictionary<string, int> Indexes(IEnumerable<string> ids)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            map[id] = map.Count;
        }

        return map;
    }
}

/// <summary>Compares sorted card sets by their contents.</summary>
internal sealed class IntArrayComparer : IEqualityComparer<int[]>
{
    public static readonly IntArrayComparer Instance = new();

    public bool Equals(int[]? x, int[]? y) => x is not null && y is not null && x.AsSpan().SequenceEqual(y);

    public int GetHashCode(int[] obj)
    {
        var hash = default(HashCode);
        hash.AddBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(obj.AsSpan()));
        return hash.ToHashCode();
    }
}
