namespace RunawaysAlliance.Planning;

/// <summary>An instance turned into numbers once: indexes, interest per card, shared interest per pair, who is busy when.</summary>
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
        var pairs = new Dictionary<(int, int), int>();
        foreach (var person in instance.People)
        {
            var wanted = person.Interests.Where(CardIndex.ContainsKey).Select(i => CardIndex[i]).Distinct().Order().ToArray();
            foreach (var card in wanted)
            {
                Interest[card]++;
            }

            for (var i = 0; i < wanted.Length; i++)
            {
                for (var j = i + 1; j < wanted.Length; j++)
                {
                    pairs[(wanted[i], wanted[j])] = pairs.GetValueOrDefault((wanted[i], wanted[j])) + 1;
                }
            }
        }

        PairWeights = pairs;
        // People who want the same cards conflict alike: the model counts them once, with their number as weight.
        InterestSets = [.. instance.People
            .Select(p => p.Interests.Where(CardIndex.ContainsKey).Select(i => CardIndex[i]).Distinct().Order().ToArray())
            .Where(cards => cards.Length >= 2)
            .GroupBy(cards => string.Join(',', cards))
            .Select(g => (g.First(), g.Count()))];
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

    /// <summary>For each pair of cards (lower index first), how many people want both.</summary>
    public Dictionary<(int, int), int> PairWeights { get; }

    /// <summary>The distinct sets of two or more wanted cards, and how many people want exactly that set.</summary>
    public (int[] Cards, int People)[] InterestSets { get; }

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

    /// <summary>What a card is worth in a room of this capacity: seats for its people, overflow, being placed.</summary>
    public long SeatValue(int card, int capacity) =>
        PlanWeights.Serve * (long)Math.Min(Interest[card], capacity)
        - PlanWeights.Overflow * (long)Math.Max(0, Interest[card] - capacity)
        + PlanWeights.Place;

    /// <summary>The constant part of the objective: fixed sessions, minus the moves if every movable session moved (conflicts not included).</summary>
    public long ConstantValue()
    {
        long value = -PlanWeights.Move * (long)Previous.Count;
        foreach (var (card, (room, _)) in FixedSlot)
        {
            var capacity = Capacity[room];
            value += PlanWeights.Serve * (long)Math.Min(Interest[card], capacity) - PlanWeights.Overflow * (long)Math.Max(0, Interest[card] - capacity) + PlanWeights.Place;
        }

        return value;
    }

    /// <summary>Turns chosen (card, room, round) triples into placements with moderators: own moderators, then the pool, per round.</summary>
    public List<Placement> WithModerators(IEnumerable<(int Card, int Room, int Round)> chosen)
    {
        var result = new List<Placement>();
        foreach (var f in Instance.Fixed)
        {
            result.Add(f);
        }

        foreach (var byRound in chosen.GroupBy(c => c.Round).OrderBy(g => g.Key))
        {
            var round = byRound.Key;
            var taken = new HashSet<string>(byRound.SelectMany(c => PeopleOf(c.Card)), StringComparer.Ordinal);
            var free = new Queue<string>(PoolFree[round].Where(m => !taken.Contains(m)));
            foreach (var (card, room, _) in byRound.OrderBy(c => c.Card))
            {
                var moderator = OwnModerator[card] ?? (free.Count > 0 ? free.Dequeue() : null);
                result.Add(new Placement(Instance.Cards[card].Id, Instance.Rooms[room].Id, Instance.Rounds[round].Id, moderator));
            }
        }

        return result;
    }

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
