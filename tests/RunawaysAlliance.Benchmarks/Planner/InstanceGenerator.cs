using System.Globalization;
using RunawaysAlliance.Planning;

namespace RunawaysAlliance.Benchmarks.Planner;

/// <summary>What to generate: the size of the event and the seed; the shape knobs have defaults that look like the demo evening.</summary>
internal sealed record GeneratorSettings(int Cards, int Rooms, int Rounds, int People, int Seed)
{
    /// <summary>How people's interests are drawn: topic clusters with Zipf popularity, or a taste map with heavy-tailed popularity.</summary>
    public InterestShape Shape { get; init; } = InterestShape.Topics;

    /// <summary>Taste map: the Pareto tail index of card popularity (smaller: a few cards far more popular than the rest).</summary>
    public double ParetoAlpha { get; init; } = 1.1;

    /// <summary>Taste map: how far (in the unit square) a person's taste reaches; interest falls off as a Gaussian of the distance.</summary>
    public double TasteReach { get; init; } = 0.18;

    /// <summary>Taste map: the most interests one person has (1 to this many, more often few).</summary>
    public int MaxInterests { get; init; } = 8;

    /// <summary>Popularity of the card of rank k is proportional to k^-exponent (1.0: classic Zipf).</summary>
    public double ZipfExponent { get; init; } = 1.0;

    /// <summary>Share of a person's picks taken from their favourite topic (the rest from all cards): people who want one session on a topic want its neighbours too.</summary>
    public double TopicAffinity { get; init; } = 0.5;

    /// <summary>Cards per topic, on average.</summary>
    public int CardsPerTopic { get; init; } = 12;

    /// <summary>Distinct havers per card: 0.85 means about one haver in six brings a second card.</summary>
    public double HaversPerCard { get; init; } = 0.85;

    /// <summary>Share of cards that bring their own moderator (the others need one from the volunteer pool).</summary>
    public double OwnModeratorShare { get; init; } = 0.25;

    /// <summary>Volunteer moderators per room.</summary>
    public double ModeratorsPerRoom { get; init; } = 1.1;

    /// <summary>Share of the slots (or of the cards, when fewer) taken by sessions already claimed, which stay where they are.</summary>
    public double FixedShare { get; init; } = 0.1;

    /// <summary>The big hall seats this share of the people (the demo: 35 of 140).</summary>
    public double HallShare { get; init; } = 0.25;

    /// <summary>Seats per round in all rooms together, as a share of the people (the demo: 95 seats for 140 people).</summary>
    public double SeatsShare { get; init; } = 0.68;

    public static GeneratorSettings Preset(int slots, int seed) => slots switch
    {
        21 => new(Cards: 40, Rooms: 7, Rounds: 3, People: 140, seed),
        60 => new(Cards: 36, Rooms: 5, Rounds: 12, People: 120, seed),
        180 => new(Cards: 108, Rooms: 10, Rounds: 18, People: 540, seed),
        300 => new(Cards: 300, Rooms: 30, Rounds: 10, People: 3000, seed),
        _ => throw new ArgumentException($"no preset for {slots} slots (there are 21, 60, 180 and 300)."),
    };

    public string Label => string.Create(CultureInfo.InvariantCulture, $"{Cards}c {Rooms}x{Rounds} {People}p{(Shape == InterestShape.Taste ? " taste" : "")}");
}

/// <summary>The two shapes of interest the benchmark runs, so that the planner is not tuned to one generator.</summary>
internal enum InterestShape
{
    /// <summary>Zipf-skewed popularity (rank^-1) with topic clusters, 1–5 interests per person.</summary>
    Topics,

    /// <summary>
    /// A taste map: cards and people are points in the unit square, card popularity is Pareto-distributed (heavy
    /// tail), a person picks cards by popularity times a Gaussian of the distance, 1–8 interests (more often few).
    /// </summary>
    Taste,
}

/// <summary>
/// A seeded instance generator: one big hall and smaller rooms, Zipf-skewed card popularity with topic clusters,
/// 1–5 interests per person (or the taste-map shape, <see cref="InterestShape.Taste"/>), havers (some with two cards), volunteer moderators, some cards with their own
/// moderator, and a few sessions already claimed. The same settings give the same instance.
/// </summary>
internal static class InstanceGenerator
{
    public static PlanningInstance Generate(GeneratorSettings s)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(s.Cards, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(s.Rooms, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(s.Rounds, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(s.People, 2);
        var random = new Random(s.Seed);
        var people = Ids("p", s.People);

        // Rooms like the demo venue: the hall first, then rooms in three sizes (0.8, 1 and 1.2 times their mean, in
        // turn), so that several rooms share a capacity (the demo: 35, then 10, 12, 8, 10, 12, 8).
        var hall = Math.Max(12, (int)Math.Round(s.HallShare * s.People));
        var rest = Math.Max(5.0, ((s.SeatsShare * s.People) - hall) / Math.Max(1, s.Rooms - 1));
        var rooms = new List<PlanRoom> { new("hall", hall, "Hall") };
        rooms.AddRange(Ids("room", s.Rooms).Skip(1).Select((id, i) => new PlanRoom(id, Math.Max(4, (int)Math.Round(rest * (0.8 + (0.2 * ((i + 1) % 3))))))));
        var rounds = Ids("r", s.Rounds).Select(id => new PlanRound(id)).ToList();

        // Havers: distinct people for most cards, a second card for some of them.
        var shuffled = Shuffle(people, random);
        var haverCount = Math.Clamp((int)Math.Ceiling(s.HaversPerCard * s.Cards), Math.Min(1, s.Cards), s.People);
        var havers = shuffled.Take(haverCount).ToArray();
        var cardIds = Ids("c", s.Cards);
        var cards = new List<PlanCard>();
        for (var i = 0; i < s.Cards; i++)
        {
            var haver = i < havers.Length ? havers[i] : havers[random.Next(havers.Length)];
            string? moderator = null;
            if (random.NextDouble() < s.OwnModeratorShare)
            {
                do
                {
                    moderator = people[random.Next(people.Length)];
                }
                while (moderator == haver);
            }

            cards.Add(new PlanCard(cardIds[i], haver, moderator));
        }

        // Volunteer moderators: any people, havers included (they cannot moderate in the round of their own session).
        var moderators = Shuffle(people, random).Take(Math.Min(s.People, (int)Math.Ceiling(s.ModeratorsPerRoom * s.Rooms))).Order(StringComparer.Ordinal).ToList();

        var interests = s.Shape == InterestShape.Taste ? TasteInterests(s, random, people, cards) : Interests(s, random, people, cards);
        var fixedSessions = FixedSessions(s, random, cards, rooms, rounds, moderators);
        return new PlanningInstance(rooms, rounds, cards, moderators, interests, fixedSessions).Validate();
    }

    private static List<PlanPerson> Interests(GeneratorSettings s, Random random, string[] people, List<PlanCard> cards)
    {
        var persons = new List<PlanPerson>();
        if (cards.Count == 0)
        {
            return [.. people.Select(p => new PlanPerson(p, []))];
        }

        // Popularity: a random rank per card (so it does not follow the ids), weight rank^-exponent.
        var ranks = Shuffle(Enumerable.Range(1, cards.Count).ToArray(), random);
        var weight = ranks.Select(r => Math.Pow(r, -s.ZipfExponent)).ToArray();
        var topics = Math.Max(1, (int)Math.Round(cards.Count / (double)s.CardsPerTopic));
        var topicOf = cards.Select(_ => random.Next(topics)).ToArray();
        var all = Sampler.Of(Enumerable.Range(0, cards.Count), weight);
        var byTopic = Enumerable.Range(0, topics)
            .Select(t => Sampler.Of(Enumerable.Range(0, cards.Count).Where(c => topicOf[c] == t), weight))
            .ToArray();
        var own = cards.GroupBy(c => c.Haver).ToDictionary(g => g.Key, g => g.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));

        foreach (var person in people)
        {
            var wanted = random.Next(1, 6);
            var favourite = byTopic[random.Next(topics)];
            var mine = own.GetValueOrDefault(person);
            var picks = new List<string>();
            // Rejection sampling without replacement; the attempt cap keeps tiny instances from looping.
            for (var attempt = 0; picks.Count < wanted && attempt < 50; attempt++)
            {
                var from = favourite.IsEmpty || random.NextDouble() >= s.TopicAffinity ? all : favourite;
                var card = cards[from.Next(random)].Id;
                if (!picks.Contains(card) && mine?.Contains(card) != true)
                {
                    picks.Add(card);
                }
            }

            persons.Add(new PlanPerson(person, picks));
        }

        return persons;
    }

    private static List<PlanPerson> TasteInterests(GeneratorSettings s, Random random, string[] people, List<PlanCard> cards)
    {
        if (cards.Count == 0)
        {
            return [.. people.Select(p => new PlanPerson(p, []))];
        }

        // Popularity: Pareto(alpha) by inverse transform, capped so that one card cannot take every pick.
        var popularity = cards.Select(_ => Math.Min(1000, Math.Pow(1 - random.NextDouble(), -1 / s.ParetoAlpha))).ToArray();
        var where = cards.Select(_ => (X: random.NextDouble(), Y: random.NextDouble())).ToArray();
        var own = cards.GroupBy(c => c.Haver).ToDictionary(g => g.Key, g => g.Select(c => c.Id).ToHashSet(StringComparer.Ordinal));
        var weight = new double[cards.Count];
        var persons = new List<PlanPerson>();
        var reach = 2 * s.TasteReach * s.TasteReach;
        foreach (var person in people)
        {
            var (x, y) = (random.NextDouble(), random.NextDouble());
            for (var c = 0; c < cards.Count; c++)
            {
                var (dx, dy) = (where[c].X - x, where[c].Y - y);
                // A small floor: now and then someone wants a card far from their taste.
                weight[c] = popularity[c] * (Math.Exp(-((dx * dx) + (dy * dy)) / reach) + 0.02);
            }

            // 1..MaxInterests, geometric-like: half the people want one or two sessions, a few want many.
            var wanted = Math.Min(s.MaxInterests, 1 + (int)Math.Floor(-Math.Log(1 - random.NextDouble()) * 2));
            var sampler = Sampler.Of(Enumerable.Range(0, cards.Count), weight);
            var mine = own.GetValueOrDefault(person);
            var picks = new List<string>();
            for (var attempt = 0; picks.Count < wanted && attempt < 50; attempt++)
            {
                var card = cards[sampler.Next(random)].Id;
                if (!picks.Contains(card) && mine?.Contains(card) != true)
                {
                    picks.Add(card);
                }
            }

            persons.Add(new PlanPerson(person, picks));
        }

        return persons;
    }

    // Sessions already claimed: random cards in random slots, moderated by their own moderator or a free volunteer, breaking no rule.
    private static List<Placement> FixedSessions(GeneratorSettings s, Random random, List<PlanCard> cards, List<PlanRoom> rooms, List<PlanRound> rounds, List<string> pool)
    {
        var target = (int)Math.Round(s.FixedShare * Math.Min(cards.Count, rooms.Count * rounds.Count));
        var result = new List<Placement>();
        var slots = new HashSet<(string, string)>();
        var busy = new HashSet<(string, string)>();
        foreach (var card in Shuffle(cards.ToArray(), random))
        {
            if (result.Count >= target)
            {
                break;
            }

            var room = rooms[random.Next(rooms.Count)].Id;
            var round = rounds[random.Next(rounds.Count)].Id;
            var moderator = card.Moderator ?? pool.Where(m => m != card.Haver && !busy.Contains((m, round))).OrderBy(_ => random.Next()).FirstOrDefault();
            if (moderator is null || slots.Contains((room, round)) || busy.Contains((card.Haver, round)) || busy.Contains((moderator, round)))
            {
                continue;
            }

            slots.Add((room, round));
            busy.Add((card.Haver, round));
            busy.Add((moderator, round));
            result.Add(new Placement(card.Id, room, round, moderator));
        }

        return result;
    }

    private static string[] Ids(string prefix, int count)
    {
        var width = count.ToString(CultureInfo.InvariantCulture).Length;
        return [.. Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'))];
    }

    private static T[] Shuffle<T>(T[] items, Random random)
    {
        var copy = (T[])items.Clone();
        random.Shuffle(copy);
        return copy;
    }

    /// <summary>Draws indexes with probability proportional to their weight (cumulative sums, binary search).</summary>
    private sealed class Sampler
    {
        private readonly int[] _items;
        private readonly double[] _cumulative;

        private Sampler(int[] items, double[] cumulative)
        {
            _items = items;
            _cumulative = cumulative;
        }

        public bool IsEmpty => _items.Length == 0;

        public static Sampler Of(IEnumerable<int> items, double[] weight)
        {
            var list = items.ToArray();
            var cumulative = new double[list.Length];
            var sum = 0.0;
            for (var i = 0; i < list.Length; i++)
            {
                sum += weight[list[i]];
                cumulative[i] = sum;
            }

            return new Sampler(list, cumulative);
        }

        public int Next(Random random)
        {
            var target = random.NextDouble() * _cumulative[^1];
            var i = Array.BinarySearch(_cumulative, target);
            return _items[Math.Min(_items.Length - 1, i >= 0 ? i : ~i)];
        }
    }
}
