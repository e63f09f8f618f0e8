namespace RunawaysAlliance.Planning.Tests;

/// <summary>The limits of a random instance.</summary>
internal sealed record InstanceShape(
    int MaxRooms = 6,
    int MaxCapacity = 40,
    int MaxRounds = 4,
    int MaxCards = 20,
    int MaxPool = 6,
    int MaxPeople = 60,
    int MaxSlots = int.MaxValue,
    int MaxMovable = int.MaxValue,
    int MinCards = 0)
{
    /// <summary>Rooms 1–6 (capacity 1–40), rounds 1–4, cards 0–20, pool 0–6, people 0–60.</summary>
    public static InstanceShape Any { get; } = new();

    /// <summary>Small enough to enumerate every arrangement: at most 6 slots and 5 movable cards.</summary>
    public static InstanceShape Tiny { get; } = new(MaxRooms: 3, MaxCapacity: 12, MaxRounds: 3, MaxCards: 8, MaxPool: 4, MaxPeople: 25, MaxSlots: 6, MaxMovable: 5, MinCards: 3);
}

/// <summary>
/// Seeded random planning instances (System.Random, so a seed always gives the same instance): shared havers,
/// own moderators (sometimes a haver, a pool member, or the card's own haver), pool members who are also havers,
/// Zipf-like interest, valid fixed sessions and a previous arrangement for some movable cards.
/// </summary>
internal static class RandomInstances
{
    public static PlanningInstance Create(int seed, InstanceShape? shape = null)
    {
        shape ??= InstanceShape.Any;
        var random = new Random(seed);
        var roomCount = random.Next(1, shape.MaxRooms + 1);
        var roundCount = random.Next(1, shape.MaxRounds + 1);
        while (roomCount * roundCount > shape.MaxSlots)
        {
            if (roomCount >= roundCount)
            {
                roomCount--;
            }
            else
            {
                roundCount--;
            }
        }

        var rooms = Enumerable.Range(0, roomCount).Select(i => new PlanRoom($"room{i}", random.Next(1, shape.MaxCapacity + 1))).ToList();
        var rounds = Enumerable.Range(0, roundCount).Select(i => new PlanRound($"r{i}")).ToList();

        var cardCount = random.Next(shape.MinCards, shape.MaxCards + 1);
        // Fewer havers than cards, so some havers bring two or more cards.
        var haverCount = Math.Max(1, random.Next(cardCount / 2, cardCount + 1));
        string Haver() => $"h{random.Next(haverCount)}";

        var pool = new List<string>();
        var poolSize = random.Next(0, shape.MaxPool + 1);
        for (var i = 0; i < poolSize; i++)
        {
            // Some pool members are havers too: they cannot moderate in a round where their own card runs.
            var member = random.NextDouble() < 0.3 ? Haver() : $"pool{i}";
            if (!pool.Contains(member))
            {
                pool.Add(member);
            }
        }

        if (pool.Count > 0 && random.NextDouble() < 0.1)
        {
            pool.Add(pool[0]);
        }

        var cards = new List<PlanCard>();
        for (var i = 0; i < cardCount; i++)
        {
            var haver = Haver();
            string? own = null;
            if (random.NextDouble() < 0.4)
            {
                var kind = random.Next(4);
                own = kind switch
                {
                    0 when pool.Count > 0 => pool[random.Next(pool.Count)],
                    1 => Haver(),
                    2 => haver,
                    _ => $"own{random.Next(Math.Max(1, cardCount / 3))}",
                };

                // A haver never moderates their own card (refused by Validate since issue 16): that draw has none.
                if (own == haver)
                {
                    own = null;
                }
            }

            cards.Add(new PlanCard($"c{i}", haver, own));
        }

        var fixedSessions = ChooseFixed(random, rooms, rounds, cards, pool);
        var fixedCards = fixedSessions.Select(f => f.Card).ToHashSet(StringComparer.Ordinal);
        var movable = cards.Where(c => !fixedCards.Contains(c.Id)).ToList();
        if (movable.Count > shape.MaxMovable)
        {
            var dropped = movable.Skip(shape.MaxMovable).Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
            cards = [.. cards.Where(c => !dropped.Contains(c.Id))];
            movable = [.. movable.Take(shape.MaxMovable)];
        }

        var people = CreatePeople(random, cards, random.Next(0, shape.MaxPeople + 1));
        var previous = ChoosePrevious(random, rooms, rounds, movable, pool, fixedSessions);
        return new PlanningInstance(rooms, rounds, cards, pool, people, fixedSessions, previous.Count == 0 && random.NextDouble() < 0.5 ? null : previous);
    }

    // Fixed sessions that break no rule: distinct slots, and nobody (haver or moderator) twice in a round.
    private static List<Placement> ChooseFixed(Random random, List<PlanRoom> rooms, List<PlanRound> rounds, List<PlanCard> cards, List<string> pool)
    {
        var result = new List<Placement>();
        if (cards.Count == 0 || random.NextDouble() < 0.3)
        {
            return result;
        }

        var wanted = random.Next(0, Math.Min(cards.Count, rooms.Count * rounds.Count) + 1);
        var slots = new HashSet<(string, string)>();
        var busy = new HashSet<(string, string)>();
        foreach (var card in cards.OrderBy(_ => random.Next()).Take(wanted))
        {
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var room = rooms[random.Next(rooms.Count)].Id;
                var round = rounds[random.Next(rounds.Count)].Id;
                var candidates = new List<string>();
                if (card.Moderator is { } own)
                {
                    candidates.Add(own);
                }

                candidates.AddRange(pool);
                candidates.Add($"fixmod{random.Next(3)}");
                var moderator = candidates[random.Next(candidates.Count)];
                var people = new[] { card.Haver, moderator }.Distinct(StringComparer.Ordinal).ToList();
                if (slots.Contains((room, round)) || people.Any(p => busy.Contains((p, round))))
                {
                    continue;
                }

                slots.Add((room, round));
                people.ForEach(p => busy.Add((p, round)));
                result.Add(new Placement(card.Id, room, round, moderator));
                break;
            }
        }

        return result;
    }

    // Zipf-like interest: card k (in a random order) is wanted with weight 1/(k+1).
    private static List<PlanPerson> CreatePeople(Random random, List<PlanCard> cards, int count)
    {
        var ranked = cards.Select(c => c.Id).OrderBy(_ => random.Next()).ToList();
        var weights = ranked.Select((_, k) => 1.0 / (k + 1)).ToArray();
        var total = weights.Sum();
        var people = new List<PlanPerson>();
        for (var i = 0; i < count; i++)
        {
            var interests = new List<string>();
            var wanted = ranked.Count == 0 ? 0 : random.Next(0, 5);
            for (var j = 0; j < wanted; j++)
            {
                var pick = random.NextDouble() * total;
                var k = 0;
                while (k < weights.Length - 1 && pick > weights[k])
                {
                    pick -= weights[k];
                    k++;
                }

                interests.Add(ranked[k]);
            }

            // Duplicates stay in now and then: offering help and reserving a seat on one card is one interest.
            people.Add(new PlanPerson($"p{i}", random.NextDouble() < 0.9 ? [.. interests.Distinct(StringComparer.Ordinal)] : interests));
        }

        return people;
    }

    // A previous arrangement for some movable cards; now and then in a slot a fixed session has taken since.
    private static List<Placement> ChoosePrevious(Random random, List<PlanRoom> rooms, List<PlanRound> rounds, List<PlanCard> movable, List<string> pool, List<Placement> fixedSessions)
    {
        var result = new List<Placement>();
        var taken = fixedSessions.Select(f => (f.Room, f.Round)).ToHashSet();
        var used = new HashSet<(string, string)>();
        foreach (var card in movable.Where(_ => random.NextDouble() < 0.4))
        {
            var room = rooms[random.Next(rooms.Count)].Id;
            var round = rounds[random.Next(rounds.Count)].Id;
            if (used.Contains((room, round)) || (taken.Contains((room, round)) && random.NextDouble() < 0.8))
            {
                continue;
            }

            used.Add((room, round));
            var moderator = card.Moderator ?? (pool.Count > 0 && random.NextDouble() < 0.7 ? pool[random.Next(pool.Count)] : null);
            result.Add(new Placement(card.Id, room, round, moderator));
        }

        return result;
    }
}
