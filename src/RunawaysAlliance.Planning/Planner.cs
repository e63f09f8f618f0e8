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
/// wall-clock limit does not end the search first. Without it, a search cut short by the wall clock can end at a
/// different solution from run to run; a search that proves optimality always gives the same objective.
/// </param>
public sealed record PlannerOptions(TimeSpan TimeLimit, int Seed = 0, int Workers = 1, double? DeterministicTime = null)
{
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

    /// <summary>The greedy arrangement (budget too small, or the solver found nothing better in time).</summary>
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
/// The planner: a CP-SAT model over (card, slot) choices with the greedy arrangement as its hint, falling back to
/// greedy when the budget is tiny or the solver finds nothing. Hard rules are constraints (one session per slot,
/// a card at most once, nobody in two sessions of a round, enough pool moderators per round); the objective is
/// <see cref="PlanWeights"/>'s. Fixed sessions are not variables at all, so they cannot move.
/// </summary>
public static class Planner
{
    public static Plan Solve(PlanningInstance instance, PlannerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(options);
        instance.Validate();
        var clock = Stopwatch.StartNew();
        var index = new InstanceIndex(instance);
        var before = PlanScoring.Score(instance, BeforePlacements(instance));
        var greedyChoice = GreedyPlanner.Choose(index);
        var greedy = index.WithModerators(greedyChoice);
        var greedyScore = PlanScoring.Score(instance, greedy);
        var greedyReady = clock.Elapsed;
        var remaining = options.TimeLimit - clock.Elapsed;
        if (remaining < PlannerOptions.GreedyOnlyBelow || index.FreeCards.Length == 0 || index.FreeSlots.Length == 0 || ct.IsCancellationRequested)
        {
            return new Plan(greedy, greedyScore, before, greedyScore, PlanStatus.Greedy, null, null, clock.Elapsed, greedyReady, options);
        }

        return SolveWithCpSat(index, options, greedyChoice, greedy, greedyScore, greedyReady, before, clock, ct);
    }

    // What the event has now: the fixed sessions and the previous arrangement (moderators as they were).
    private static List<Placement> BeforePlacements(PlanningInstance instance) =>
        [.. instance.Fixed, .. (instance.Previous ?? []).Select(p => p with { Moderator = p.Moderator ?? "?" })];

    private static Plan SolveWithCpSat(
        InstanceIndex index,
        PlannerOptions options,
        List<(int Card, int Room, int Round)> greedyChoice,
        List<Placement> greedy,
        PlanScore greedyScore,
        TimeSpan greedyReady,
        PlanScore before,
        Stopwatch clock,
        CancellationToken ct)
    {
        var model = new CpModel();
        var rounds = index.Instance.Rounds.Count;
        // Rooms of equal capacity are interchangeable for the objective, so the model chooses a capacity class per
        // round and the room is named afterwards. This removes the rooms' symmetry, which otherwise dominates the
        // search on venues with many similar rooms. x[(card, class, round)] means "the card goes to a room of
        // that class in that round".
        var classOf = index.Capacity.Distinct().Order().Select((capacity, k) => (capacity, k)).ToDictionary(t => t.capacity, t => t.k);
        var classCapacity = classOf.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray();
        var freeRooms = index.FreeSlots
            .GroupBy(s => (Class: classOf[index.Capacity[s.Room]], s.Round))
            .ToDictionary(g => g.Key, g => g.Select(s => s.Room).Order().ToList());
        var x = new Dictionary<(int Card, int Room, int Round), BoolVar>();
        var objective = LinearExpr.NewBuilder();

        foreach (var card in index.FreeCards)
        {
            var previous = index.Previous.TryGetValue(card, out var prev) ? (classOf[index.Capacity[prev.Room]], prev.Round) : ((int, int)?)null;
            foreach (var (kind, round) in freeRooms.Keys)
            {
                // A card cannot go where its haver or own moderator is already in a fixed session.
                if (index.PeopleOf(card).Any(p => index.BusyInFixed.Contains((p, round))))
                {
                    continue;
                }

                var v = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"x_{card}_{kind}_{round}"));
                x[(card, kind, round)] = v;
                // Staying in the previous room's class and round keeps the previous room (it is named first below).
                objective.AddTerm(v, index.SeatValue(card, classCapacity[kind]) + (previous == (kind, round) ? PlanWeights.Move : 0));
            }
        }

        // Each card at most once; each class of rooms in a round holds at most as many cards as it has free rooms.
        foreach (var byCard in x.GroupBy(kv => kv.Key.Card))
        {
            model.AddAtMostOne(byCard.Select(kv => (ILiteral)kv.Value));
        }

        foreach (var byClass in x.GroupBy(kv => (kv.Key.Room, kv.Key.Round)))
        {
            model.Add(LinearExpr.Sum(byClass.Select(kv => (LinearExpr)kv.Value)) <= freeRooms[byClass.Key].Count);
        }

        // The slot choices of a card in a round, and inRound: the card is placed in that round (their sum, 0 or 1).
        // A boolean per (card, round), channelled to the slot choices, keeps every expression below short.
        var choices = x.GroupBy(kv => (kv.Key.Card, kv.Key.Round)).ToDictionary(g => g.Key, g => g.Select(kv => kv.Value).ToList());
        var inRound = new Dictionary<(int Card, int Round), BoolVar>();
        foreach (var (key, vars) in choices)
        {
            var placed = model.NewBoolVar(string.Create(CultureInfo.InvariantCulture, $"y_{key.Card}_{key.Round}"));
            model.Add(LinearExpr.Sum(vars.Select(v => (LinearExpr)v)) == placed);
            inRound[key] = placed;
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
                if (cost > 0 && choices.TryGetValue((card, round), out var vars))
                {
                    foreach (var v in vars)
                    {
                        use.AddTerm(v, cost);
                        any = true;
                    }
                }
            }

            if (any)
            {
                model.Add(use <= index.PoolFree[round].Length);
            }
        }

        // Conflicts: for each set of people with the same wanted cards and each round, k = how many of those cards
        // are in that round (fixed ones count as constants), and the penalty is k(k-1)/2 pairs per person. The
        // constraints t >= j·k − j(j+1)/2 (j = 1…) are that function's convex envelope: exact for whole k, and they
        // give the solver's bound the conflicts people cannot avoid (pairwise booleans relax to nothing).
        long constantConflicts = 0;
        foreach (var (cards, people) in index.InterestSets)
        {
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
                    constantConflicts += (long)people * fixedHere * (fixedHere - 1) / 2;
                    continue;
                }

                var pairs = model.NewIntVar(0, (long)most * (most - 1) / 2, string.Create(CultureInfo.InvariantCulture, $"t_{round}_{cards[0]}_{cards.Length}"));
                for (var j = 1; j < most; j++)
                {
                    var tangent = LinearExpr.NewBuilder();
                    foreach (var v in movable)
                    {
                        tangent.AddTerm(v, j);
                    }

                    tangent.AddTerm(pairs, -1);
                    model.Add(tangent <= ((long)j * (j + 1) / 2) - ((long)j * fixedHere));
                }

                objective.AddTerm(pairs, -PlanWeights.Conflict * (long)people);
            }
        }

        model.Maximize(objective);

        // Start from the greedy arrangement.
        var hinted = greedyChoice.Select(c => (c.Card, classOf[index.Capacity[c.Room]], c.Round)).ToHashSet();
        foreach (var (key, v) in x)
        {
            model.AddHint(v, hinted.Contains(key) ? 1 : 0);
        }

        var solver = new CpSolver
        {
            StringParameters = string.Create(CultureInfo.InvariantCulture,
                $"max_time_in_seconds:{Math.Max(0.01, (options.TimeLimit - clock.Elapsed).TotalSeconds):0.###} random_seed:{options.Seed} num_workers:{Math.Max(1, options.Workers)} linearization_level:2 symmetry_level:4")
                + (options.DeterministicTime is { } work ? string.Create(CultureInfo.InvariantCulture, $" max_deterministic_time:{work:0.###}") : string.Empty),
        };
        var firstSolution = new FirstSolution(clock);
        using var stop = ct.Register(solver.StopSearch);
        var status = solver.Solve(model, firstSolution);

        if (status is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // The greedy arrangement is the answer: it was ready long before the solver gave up.
            return new Plan(greedy, greedyScore, before, greedyScore, PlanStatus.Greedy, null, null, clock.Elapsed, greedyReady, options);
        }

        var chosen = NameRooms(index, freeRooms, x.Where(kv => solver.Value(kv.Value) == 1).Select(kv => kv.Key));
        var placements = index.WithModerators(chosen);
        var score = PlanScoring.Score(index.Instance, placements);
        if (score.Objective < greedyScore.Objective)
        {
            // The solver stopped before it beat its own hint: the greedy arrangement is the better answer.
            return new Plan(greedy, greedyScore, before, greedyScore, PlanStatus.Greedy, null, null, clock.Elapsed, greedyReady, options);
        }

        var constant = index.ConstantValue() - (PlanWeights.Conflict * constantConflicts);
        var bound = (long)Math.Floor(solver.BestObjectiveBound + 1e-6) + constant;
        var gap = status == CpSolverStatus.Optimal ? 0 : Math.Max(0, bound - score.Objective) / Math.Max(1.0, Math.Abs(bound));
        return new Plan(placements, score, before, greedyScore, status == CpSolverStatus.Optimal ? PlanStatus.Optimal : PlanStatus.Feasible,
            bound, gap, clock.Elapsed, firstSolution.After, options);
    }

    // Gives every chosen (card, class, round) a room of that class: a card keeps its previous room when it stayed
    // in that class and round, the others take the remaining rooms in order.
    private static List<(int Card, int Room, int Round)> NameRooms(
        InstanceIndex index, Dictionary<(int Class, int Round), List<int>> freeRooms, IEnumerable<(int Card, int Class, int Round)> chosen)
    {
        var result = new List<(int, int, int)>();
        foreach (var group in chosen.GroupBy(c => (c.Class, c.Round)))
        {
            var rooms = new List<int>(freeRooms[group.Key]);
            var cards = group.Select(c => c.Card).Order().ToList();
            foreach (var card in cards.ToList())
            {
                if (index.Previous.TryGetValue(card, out var prev) && prev.Round == group.Key.Round && rooms.Remove(prev.Room))
                {
                    result.Add((card, prev.Room, prev.Round));
                    cards.Remove(card);
                }
            }

            for (var i = 0; i < cards.Count; i++)
            {
                result.Add((cards[i], rooms[i], group.Key.Round));
            }
        }

        return result;
    }

    private sealed class FirstSolution(Stopwatch clock) : CpSolverSolutionCallback
    {
        public TimeSpan? After { get; private set; }

        public override void OnSolutionCallback() => After ??= clock.Elapsed;
    }
}
