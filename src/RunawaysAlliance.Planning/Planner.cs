using System.Diagnostics;
using System.Globalization;
using Google.OrTools.Sat;

namespace RunawaysAlliance.Planning;

/// <summary>How the planner may work: how long, with which seed, how many solver threads.</summary>
/// <param name="TimeLimit">The longest the solver may search (wall clock); the organizer sees it.</param>
/// <param name="Seed">The solver's random seed.</param>
/// <param name="Workers">Solver threads.</param>
/// <param name="DeterministicTime">
/// A budget in the solver's deterministic time units (about a second of work each on a typical machine). With
/// one worker, the same instance, seed and deterministic budget give the same plan on every run, as long as the
/// wall-clock limit ends neither the local search (a fixed number of moves, in at most 30 % of the limit) nor
/// the solver first. Without it, a search cut short by the wall clock can end at a different solution from run
/// to run; a search that proves optimality always gives the same objective.
/// </param>
public sealed record PlannerOptions(TimeSpan TimeLimit, int Seed = 0, int Workers = 1, double? DeterministicTime = null)
{
    /// <summary>Time the caller already spent on this run before calling the planner (reading the instance): it counts against <see cref="TimeLimit"/>.</summary>
    public TimeSpan Spent { get; init; }

    /// <summary>Below this budget the solver cannot even load a large model: the greedy arrangement is the answer.</summary>
    public static readonly TimeSpan GreedyOnlyBelow = TimeSpan.FromMilliseconds(50);
}

/// <summary>How good the answer is known to be.</summary>
public enum PlanStatus
{
    /// <summary>Proven best for the objective (no better arrangement exists).</summary>
    Optimal,

    /// <summary>The best the solver found in the time; <see cref="Plan.Gap"/> says how far from the proven bound.</summary>
    Feasible,

    /// <summary>The greedy arrangement improved by local search; the solver found nothing better in time and has no bound.</summary>
    Improved,

    /// <summary>The greedy arrangement (budget too small, or nothing better was found in time).</summary>
    Greedy,
}

/// <summary>A proposed arrangement with its scores and what is known about its quality.</summary>
public sealed record Plan(
    IReadOnlyList<Placement> Placements,
    PlanScore Score,
    PlanScore Before,
    PlanScore Greedy,
    PlanStatus Status,
    long? Bound,
    double? Gap,
    TimeSpan Elapsed,
    TimeSpan? FirstSolutionAfter,
    PlannerOptions Options);

/// <summary>
/// The planner: the greedy arrangement, improved by a local search, is the hint of a CP-SAT model over (card,
/// round, room level) choices, and the answer when the budget is tiny or the solver finds nothing better. Hard
/// rules are constraints (one session per slot, a card at most once, nobody in two sessions of a round, enough
/// pool moderators per round); the objective is <see cref="PlanWeights"/>'s. Fixed sessions are not variables at
/// all, so they cannot move. ADR 0009 explains the choices; docs/benchmarks.md measures them.
/// </summary>
public static class Planner
{
    public static Plan Solve(PlanningInstance instance, PlannerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        // The limit covers the whole run: checking the instance, indexing it, the greedy arrangement and every score
        // are on the clock, and so is what the caller spent before (reading the file). On an instance too large for the
        // limit the greedy arrangement stops where the time ends (a tenth of the limit, at most a second, is kept for
        // naming moderators and scoring), with the cards placed so far.
        var clock = new RunClock(options);
        instance.Validate();
        var index = new InstanceIndex(instance);
        var before = PlanScoring.Score(index, BeforePlacements(instance));
        var greedyChoice = index.ByPopularity(GreedyPlanner.Choose(index, () => clock.Left <= SolverMargin(options.TimeLimit)));
        var greedy = index.WithModerators(greedyChoice);
        var greedyScore = PlanScoring.Score(index, greedy);
        var greedyReady = clock.Elapsed;
        var remaining = clock.Left;
        if (remaining < PlannerOptions.GreedyOnlyBelow || index.FreeCards.Length == 0 || index.FreeSlots.Length == 0 || ct.IsCancellationRequested)
        {
            return new Plan(greedy, greedyScore, before, greedyScore, PlanStatus.Greedy, null, null, clock.Elapsed, greedyReady, options);
        }

        // Local search first: a good start makes the solver's search (and its proof) much shorter, and on instances
        // too large for the solver to load in the time it is the answer.
        var searchChoice = index.ByPopularity(LocalSearch.Fill(index,
            LocalSearch.Improve(index, greedyChoice, options.Seed, LocalSearch.MovesFor(index, IsLarge(index)), remaining * (IsLarge(index) ? LargeLocalSearchShare : LocalSearchShare), ct)));
        var searched = index.WithModerators(searchChoice);
        var searchedScore = PlanScoring.Score(index, searched);
        var start = searchedScore.Objective > greedyScore.Objective
            ? new Start(searchChoice, searched, searchedScore, PlanStatus.Improved)
            : new Start(greedyChoice, greedy, greedyScore, PlanStatus.Greedy);
        if (clock.Left < PlannerOptions.GreedyOnlyBelow || ct.IsCancellationRequested)
        {
            return start.Answer(before, greedyScore, clock.Elapsed, greedyReady, options);
        }

        return SolveWithCpSat(index, options, start, greedyScore, greedyReady, before, clock, ct);
    }

    /// <summary>The run's clock: the time the caller spent before the planner started plus the planner's own.</summary>
    private sealed class RunClock(PlannerOptions options)
    {
        private readonly Stopwatch watch = Stopwatch.StartNew();

        public TimeSpan Elapsed => options.Spent + watch.Elapsed;

        public TimeSpan Left => options.TimeLimit - Elapsed;
    }

    /// <summary>The share of the time the local search may use at most (it usually stops far earlier, when its moves are made).</summary>
    private const double LocalSearchShare = 0.3;

    /// <summary>On large models, where the solver needs seconds before it can help, the local search may use more.</summary>
    private const double LargeLocalSearchShare = 0.6;

    // Where the solver starts, and the answer if it finds nothing better.
    private sealed record Start(List<(int Card, int Room, int Round)> Choice, List<Placement> Placements, PlanScore Score, PlanStatus Status)
    {
        public Plan Answer(PlanScore before, PlanScore greedy, TimeSpan elapsed, TimeSpan greedyReady, PlannerOptions options) =>
            new(Placements, Score, before, greedy, Status, null, null, elapsed, greedyReady, options);
    }

    // What the event has now: the fixed sessions and the previous arrangement (moderators as they were).
    private static List<Placement> BeforePlacements(PlanningInstance instance) =>
        [.. instance.Fixed, .. (instance.Previous ?? []).Select(p => p with { Moderator = p.Moderator ?? "?" })];

    private static Plan SolveWithCpSat(
        InstanceIndex index,
        PlannerOptions options,
        Start start,
        PlanScore greedyScore,
        TimeSpan greedyReady,
        PlanScore before,
        RunClock clock,
        CancellationToken ct)
    {
        // Building the model of a very large evening can itself take a good part of a short limit: when the time is
        // up before the solver could start, the start is the answer.
        var buildUntil = options.TimeLimit - SolverMargin(options.TimeLimit);
        var checks = 0;
        bool BuildTooLong() => (++checks & 63) == 0 && (clock.Elapsed > buildUntil || ct.IsCancellationRequested);
        Plan Fallback() => start.Answer(before, greedyScore, clock.Elapsed, greedyReady, options);

        var model = new CpModel();
        var rounds = index.Instance.Rounds.Count;
        // Rooms are described by how many seats they have, not by name: levels are the distinct capacities in
        // ascending order, and atLeast[(level, round)] counts the free rooms of that round with at least that many
        // seats. y[(card, round)] places a card in a round; u[(card, level, round)] says its room has at least that
        // level's seats. A card is worth its value in the smallest room plus, per level, what the bigger room adds;
        // past the level that seats all its people a bigger room adds nothing, so those levels get no variable and
        // the solver never chooses between rooms that are the same to it. Every round can name its rooms if and
        // only if, at every level, no more cards need that many seats than there are such rooms (the rooms are
        // nested by size), which is what the constraints below say. Rooms are named afterwards (NameRooms).
        var levels = index.Capacity.Distinct().Order().ToArray();
        var atLeast = new Dictionary<(int Level, int Round), int>();
        foreach (var (room, round) in index.FreeSlots)
        {
            for (var level = 0; level < levels.Length && levels[level] <= index.Capacity[room]; level++)
            {
                atLeast[(level, round)] = atLeast.GetValueOrDefault((level, round)) + 1;
            }
        }

        var inRound = new Dictionary<(int Card, int Round), BoolVar>();
        var u = new Dictionary<(int Card, int Level, int Round), BoolVar>();
        var keep = new Dictionary<int, BoolVar>();
        var objective = LinearExpr.NewBuilder();
        foreach (var card in index.FreeCards)
        {
            if (BuildTooLong())
            {
                return Fallback();
            }

            (int Level, int Round)? previous = index.Previous.TryGetValue(card, out var prev) ? (Array.IndexOf(levels, index.Capacity[prev.Room]), prev.Round) : null;
            for (var round = 0; round < rounds; round++)
            {
                // A card cannot go where its haver or own moderator is already in a fixed session.
                if (!atLeast.ContainsKey((0, round)) || index.PeopleOf(card).Any(p => index.BusyInFixed.Contains((p, round))))
                {
                    continue;
                }

                var y = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"y_{card}_{round}"));
                inRound[(card, round)] = y;
                objective.AddTerm(y, index.SeatValue(card, levels[0]));
                var below = y;
                for (var level = 1; level < levels.Length && atLeast.ContainsKey((level, round)); level++)
                {
                    var adds = index.SeatValue(card, levels[level]) - index.SeatValue(card, levels[level - 1]);
                    var needed = previous is { } pv && pv.Round == round && pv.Level >= level;
                    if (adds <= 0 && !needed)
                    {
                        break;
                    }

                    var v = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"u_{card}_{level}_{round}"));
                    model.AddImplication(v, below);
                    objective.AddTerm(v, adds);
                    u[(card, level, round)] = v;
                    below = v;
                }

                // Keeping the previous room: the card is in that round, at exactly that room's level (it is named
                // first below, so it gets the very room).
                if (previous is { } p2 && p2.Round == round && (p2.Level == 0 || u.ContainsKey((card, p2.Level, round))) && !index.FixedSlot.ContainsValue(prev))
                {
                    var stays = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"keep_{card}"));
                    model.AddImplication(stays, p2.Level == 0 ? y : u[(card, p2.Level, round)]);
                    if (u.TryGetValue((card, p2.Level + 1, round), out var above))
                    {
                        model.AddImplication(stays, above.Not());
                    }

                    objective.AddTerm(stays, PlanWeights.Move);
                    keep[card] = stays;
                }
            }
        }

        // Each card at most once; at every level, no more cards than rooms with that many seats.
        foreach (var byCard in inRound.GroupBy(kv => kv.Key.Card))
        {
            model.AddAtMostOne(byCard.Select(kv => (ILiteral)kv.Value));
        }

        // One card keeps a previous slot, at most: two keep bonuses for one room are never counted (issue 16).
        foreach (var bySlot in keep.GroupBy(kv => index.Previous[kv.Key]).Where(g => g.Count() > 1))
        {
            model.AddAtMostOne(bySlot.Select(kv => (ILiteral)kv.Value));
        }

        foreach (var ((level, round), count) in atLeast)
        {
            var need = level == 0
                ? inRound.Where(kv => kv.Key.Round == round).Select(kv => kv.Value)
                : u.Where(kv => kv.Key.Level == level && kv.Key.Round == round).Select(kv => kv.Value);
            var terms = need.ToList();
            if (terms.Count > count)
            {
                model.Add(LinearExpr.Sum(terms) <= count);
            }
        }

        LinearExpr? InRound(int card, int round) => inRound.GetValueOrDefault((card, round));

        // Nobody (haver or own moderator) in two sessions of one round.
        var byPerson = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        foreach (var card in index.FreeCards)
        {
            foreach (var person in index.PeopleOf(card))
            {
                (byPerson.TryGetValue(person, out var list) ? list : byPerson[person] = []).Add(card);
            }
        }

        foreach (var (_, cards) in byPerson.Where(kv => kv.Value.Count > 1))
        {
            for (var round = 0; round < rounds; round++)
            {
                var terms = cards.Select(c => InRound(c, round)).OfType<LinearExpr>().ToList();
                if (terms.Count > 1)
                {
                    model.Add(LinearExpr.Sum(terms) <= 1);
                }
            }
        }

        // Enough pool moderators in every round.
        for (var round = 0; round < rounds; round++)
        {
            var use = LinearExpr.NewBuilder();
            var any = false;
            foreach (var card in index.FreeCards)
            {
                var cost = index.PoolUse(card, round);
                if (cost > 0 && inRound.TryGetValue((card, round), out var v))
                {
                    use.AddTerm(v, cost);
                    any = true;
                }
            }

            if (any)
            {
                model.Add(use <= index.PoolFree[round].Length);
            }
        }

        // Pool moderators who give up a wanted session of the round to moderate (a clash: one more conflict each). They
        // are chosen after the solve (InstanceIndex.PoolModerators: fewest clashes). A member moderates without a clash
        // when they have no wanted session in the round (b = 0), or when they moderate one they want (w, a matching of
        // members to the wanted sessions that need a pool moderator): clashes ≥ sessions that need one − free members
        // − matched members, which is exactly what the best choice of moderators gives.
        var poolHints = new List<(IntVar Var, Func<int[], Dictionary<int, (Dictionary<int, string> Moderators, int Clashes)>, long> Value)>();
        for (var round = 0; round < rounds; round++)
        {
            var r = round;
            var needing = index.FreeCards.Where(c => index.OwnModerator[c] is null && inRound.ContainsKey((c, r))).ToList();
            if (needing.Count == 0)
            {
                continue;
            }

            var needingSet = needing.ToHashSet();
            var can = LinearExpr.NewBuilder();
            var matchedTo = needing.ToDictionary(c => c, _ => new List<BoolVar>());
            foreach (var member in index.PoolFree[round])
            {
                if (!index.PoolWants.TryGetValue(member, out var wants))
                {
                    can.Add(1);
                    continue;
                }

                var wantedHere = wants.Select(c => inRound.GetValueOrDefault((c, r))).OfType<BoolVar>().ToList();
                var fixedWanted = wants.Any(c => index.FixedSlot.TryGetValue(c, out var f) && f.Round == r);
                if (!fixedWanted && wantedHere.Count == 0)
                {
                    can.Add(1);
                    continue;
                }

                if (!fixedWanted)
                {
                    var b = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"busy_{member}_{r}"));
                    wantedHere.ForEach(v => model.AddImplication(v, b));
                    can.Add(1).AddTerm(b, -1);
                    poolHints.Add((b, (roundOf, _) => wants.Any(c => roundOf[c] == r) ? 1 : 0));
                }

                var matches = new List<BoolVar>();
                foreach (var card in wants.Where(needingSet.Contains))
                {
                    var c = card;
                    var w = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"mod_{member}_{card}_{r}"));
                    model.AddImplication(w, inRound[(card, r)]);
                    matches.Add(w);
                    matchedTo[card].Add(w);
                    can.AddTerm(w, 1);
                    poolHints.Add((w, (_, pool) => pool.TryGetValue(r, out var m) && m.Moderators.GetValueOrDefault(c) == member ? 1 : 0));
                }

                if (matches.Count > 0)
                {
                    // One session at most, and none in a round where they bring a card or are its own moderator.
                    var runs = index.FreeCards.Where(c => index.PeopleOf(c).Contains(member) && inRound.ContainsKey((c, r))).Select(c => inRound[(c, r)]);
                    model.Add(LinearExpr.Sum(matches) + LinearExpr.Sum(runs) <= 1);
                }
            }

            foreach (var (_, matched) in matchedTo.Where(kv => kv.Value.Count > 1))
            {
                model.AddAtMostOne(matched);
            }

            var clashes = model.NewIntVar(0, needing.Count, string.Create(CultureInfo.InvariantCulture, $"clash_{r}"));
            model.Add(LinearExpr.Sum(needing.Select(c => inRound[(c, r)])) - can <= clashes);
            objective.AddTerm(clashes, -PlanWeights.Wanted);
            poolHints.Add((clashes, (_, pool) => pool.TryGetValue(r, out var m) ? m.Clashes : 0));
        }

        // Conflicts: for each set of people who attend the same sessions and each round, k = how many of those sessions
        // are in that round (fixed ones count as constants); each person can go to one, so they lose k − 1. That is
        // max(0, k − 1): lost ≥ k − 1 with lost ≥ 0, exact at the optimum (lost is penalized).
        long constantConflicts = 0;
        var lostVars = new List<(IntVar Lost, int[] Cards, int Round)>();
        foreach (var (cards, people) in index.AttendSets)
        {
            if (BuildTooLong())
            {
                return Fallback();
            }

            for (var round = 0; round < rounds; round++)
            {
                var movable = cards.Select(c => inRound.GetValueOrDefault((c, round))).OfType<BoolVar>().ToList();
                var fixedHere = cards.Count(c => index.FixedSlot.TryGetValue(c, out var f) && f.Round == round);
                var most = movable.Count + fixedHere;
                if (most < 2)
                {
                    continue;
                }

                if (movable.Count == 0)
                {
                    constantConflicts += (long)people * (fixedHere - 1);
                    continue;
                }

                var lost = model.NewIntVar(0, most - 1, string.Create(CultureInfo.InvariantCulture, $"lost_{round}_{cards[0]}_{cards.Length}"));
                model.Add(LinearExpr.Sum(movable) - lost <= 1 - fixedHere);
                objective.AddTerm(lost, -PlanWeights.Wanted * (long)people);
                lostVars.Add((lost, cards, round));
            }
        }

        // The solver's objective is the plan's minus this constant: fixed sessions, pairs among fixed sessions,
        // and every previous placement counted as moved (keeping one earns the move back).
        var constant = index.ConstantValue() - (PlanWeights.Wanted * constantConflicts);
        model.Maximize(objective);

        // Start from the local search's arrangement, every variable hinted: a complete hint is a solution the solver
        // takes as it is, so its search begins from there instead of repairing a partial one.
        var hintedRoom = start.Choice.ToDictionary(c => (c.Card, c.Round), c => c.Room);
        foreach (var ((card, level, round), v) in u)
        {
            model.AddHint(v, hintedRoom.TryGetValue((card, round), out var room) && index.Capacity[room] >= levels[level] ? 1 : 0);
        }

        foreach (var (card, v) in keep)
        {
            var prev = index.Previous[card];
            model.AddHint(v, hintedRoom.TryGetValue((card, prev.Round), out var room) && room == prev.Room ? 1 : 0);
        }

        var hintedRounds = start.Choice.Select(c => (c.Card, c.Round)).ToHashSet();
        foreach (var (key, v) in inRound)
        {
            model.AddHint(v, hintedRounds.Contains(key) ? 1 : 0);
        }

        var hintRounds = index.RoundsOf(start.Choice);
        var hintModerators = start.Choice.GroupBy(c => c.Round)
            .ToDictionary(g => g.Key, g => index.PoolModerators(g.Key, [.. g.Select(c => c.Card)], hintRounds));
        foreach (var (v, value) in poolHints)
        {
            model.AddHint(v, value(hintRounds, hintModerators));
        }

        foreach (var (lost, cards, round) in lostVars)
        {
            var k = cards.Count(c => hintedRounds.Contains((c, round)) || (index.FixedSlot.TryGetValue(c, out var f) && f.Round == round));
            model.AddHint(lost, Math.Max(0, k - 1));
        }

        // Loading a model takes the solver time of its own, outside its limit: with less than a tenth of the limit
        // left for its search, it could only finish late.
        if (clock.Elapsed > buildUntil - (options.TimeLimit / 10) || ct.IsCancellationRequested)
        {
            return Fallback();
        }

        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{SolverSeconds(options.TimeLimit, clock.Elapsed):0.###} random_seed:{options.Seed} num_workers:{Math.Max(1, options.Workers)} {SolverParameters(index)}")
                + (options.DeterministicTime is { } work ? string.Create(CultureInfo.InvariantCulture, $" max_deterministic_time:{work:0.###}") : string.Empty),
        };
        var firstSolution = new FirstSolution(clock);
        using var stop = ct.Register(solver.StopSearch);
        var status = solver.Solve(model, firstSolution);

        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // The start is the answer: it was ready long before the solver gave up.
            return Fallback();
        }

        // A placed card's level is the highest one its room must reach.
        var reached = new Dictionary<(int Card, int Round), int>();
        foreach (var ((card, l, round), v) in u)
        {
            if (l > reached.GetValueOrDefault((card, round)) && solver.Value(v) == 1)
            {
                reached[(card, round)] = l;
            }
        }

        var named = NameRooms(
            index,
            levels,
            inRound.Where(kv => solver.Value(kv.Value) == 1)
                .Select(kv => (kv.Key.Card, reached.GetValueOrDefault(kv.Key), kv.Key.Round, keep.TryGetValue(kv.Key.Card, out var k) && solver.Value(k) == 1)));
        var chosen = index.ByPopularity(LocalSearch.Fill(index, named));
        var placements = index.WithModerators(chosen);
        var score = PlanScoring.Score(index, placements);
        if (score.Objective < start.Score.Objective)
        {
            // The solver stopped before it beat its own hint: the start is the better answer.
            return Fallback();
        }

        // Proven best only when the plan scores what the model said (a guard: the model counts every term of the score,
        // pool moderators' clashes included; if they ever disagree, the model's optimum is a bound, not the plan's value).
        var modelValue = (long)Math.Round(solver.ObjectiveValue) + constant;
        var optimal = status == CpSolverStatus.Optimal && score.Objective >= modelValue;
        var bound = (long)Math.Floor(solver.BestObjectiveBound + 1e-6) + constant;
        var gap = optimal ? 0 : Math.Max(0, bound - score.Objective) / Math.Max(1.0, Math.Abs(bound));
        return new Plan(placements, score, before, greedyScore, optimal ? PlanStatus.Optimal : PlanStatus.Feasible,
            bound, gap, clock.Elapsed, firstSolution.After, options);
    }

    /// <summary>
    /// The solver's settings. The search follows the linear relaxation (it is what proves the demo-size evening best
    /// in about a second); presolve, which pays off on evenings of up to a few hundred card-rounds, takes most of
    /// a 10-second budget on the largest ones, so those start the search from the hint at once.
    /// </summary>
    private static string SolverParameters(InstanceIndex index) =>
        IsLarge(index)
            ? "linearization_level:2 search_branching:LP_SEARCH cp_model_presolve:false"
            : "linearization_level:2 symmetry_level:4 search_branching:LP_SEARCH cut_level:0";

    // The solver checks its clock between steps, and a step on a large model can take a few tenths of a second:
    // it gets the time left minus a tenth of the limit (at most a second), so the answer comes within the limit.
    private static double SolverSeconds(TimeSpan limit, TimeSpan elapsed) =>
        Math.Max(0.01, (limit - elapsed - SolverMargin(limit)).TotalSeconds);

    private static TimeSpan SolverMargin(TimeSpan limit) => TimeSpan.FromSeconds(Math.Min(1.0, limit.TotalSeconds / 10));

    private static bool IsLarge(InstanceIndex index) => (long)index.FreeCards.Length * index.Instance.Rounds.Count > LargeModel;

    /// <summary>Card-rounds above which the solver skips presolve.</summary>
    private const long LargeModel = 1000;

    // Gives every placed card a room in its round: cards that keep their previous room get it first, then the
    // others from the highest level down, each the smallest free room with at least its level's seats. Because
    // the rooms are nested by size and no level holds more cards than rooms, this never runs out of rooms.
    private static List<(int Card, int Room, int Round)> NameRooms(
        InstanceIndex index, int[] levels, IEnumerable<(int Card, int Level, int Round, bool Keep)> placed)
    {
        var result = new List<(int, int, int)>();
        foreach (var group in placed.GroupBy(c => c.Round))
        {
            var round = group.Key;
            var rooms = index.FreeSlots.Where(s => s.Round == round).Select(s => s.Room)
                .OrderBy(r => index.Capacity[r]).ThenBy(r => r).ToList();
            // A previous room goes to one card only (the model allows one keeper per slot; this holds whatever the input).
            var kept = new HashSet<int>();
            foreach (var (card, _, _, _) in group.Where(c => c.Keep))
            {
                var room = index.Previous[card].Room;
                if (rooms.Remove(room))
                {
                    kept.Add(card);
                    result.Add((card, room, round));
                }
            }

            foreach (var (card, level, _, _) in group.Where(c => !kept.Contains(c.Card)).OrderByDescending(c => c.Level).ThenBy(c => c.Card))
            {
                var room = rooms.First(r => index.Capacity[r] >= levels[level]);
                rooms.Remove(room);
                result.Add((card, room, round));
            }
        }

        return result;
    }

    private sealed class FirstSolution(RunClock clock) : CpSolverSolutionCallback
    {
        public TimeSpan? After { get; private set; }

        public override void OnSolutionCallback() => After ??= clock.Elapsed;
    }
}
