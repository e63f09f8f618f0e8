namespace RunawaysAlliance.Planning;

/// <summary>
/// Everything the planner knows about an event, in plain ids (the JSON format of docs/planner-instance.md):
/// rooms with capacities, rounds in order, cards with their haver and optional own moderator, the volunteer
/// moderator pool, who is interested in which card (offered help or reserved a seat), the sessions that stay
/// where they are, and the previous arrangement of the sessions that may move.
/// </summary>
public sealed record PlanningInstance(
    IReadOnlyList<PlanRoom> Rooms,
    IReadOnlyList<PlanRound> Rounds,
    IReadOnlyList<PlanCard> Cards,
    IReadOnlyList<string> Moderators,
    IReadOnlyList<PlanPerson> People,
    IReadOnlyList<Placement> Fixed,
    IReadOnlyList<Placement>? Previous = null)
{
    /// <summary>Checks that every id is unique and every reference points at something; throws with a message that names the problem.</summary>
    public PlanningInstance Validate()
    {
        Bounded(People.Count, MaxPeople, "people");
        Bounded(Cards.Count, MaxCards, "cards");
        Bounded((long)Rooms.Count * Rounds.Count, MaxSlots, "slots (rooms x rounds)");
        Bounded(People.Sum(p => (long)p.Interests.Count), MaxInterests, "interests in all");
        Unique(Rooms.Select(r => r.Id), "room");
        Unique(Rounds.Select(r => r.Id), "round");
        Unique(Cards.Select(c => c.Id), "card");
        Unique(People.Select(p => p.Id), "person");
        // A name listed twice in the pool is still one moderator (the planner counts people, not entries); a blank one is a mistake.
        foreach (var moderator in Moderators)
        {
            Required(moderator, "Every moderator in the pool needs an id.");
        }

        foreach (var room in Rooms)
        {
            if (room.Capacity <= 0)
            {
                throw new PlanningInstanceException($"Room \"{room.Id}\" needs a capacity above 0 (it has {room.Capacity}).");
            }
        }

        var cards = Cards.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var card in Cards)
        {
            Required(card.Haver, $"Card \"{card.Id}\" needs a haver.");
            if (card.Moderator is { } own && string.Equals(own, card.Haver, StringComparison.Ordinal))
            {
                // The pool rule, for a card's own moderator too: the haver is at their own table already.
                throw new PlanningInstanceException($"Card \"{card.Id}\" names its haver \"{card.Haver}\" as its moderator; someone else moderates a card.");
            }
        }

        foreach (var person in People)
        {
            foreach (var interest in person.Interests.Where(i => !cards.Contains(i)))
            {
                throw new PlanningInstanceException($"Person \"{person.Id}\" is interested in card \"{interest}\", which is not in the instance.");
            }
        }

        var rooms = Rooms.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var rounds = Rounds.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        CheckPlacements(Fixed, "fixed", cards, rooms, rounds, requireModerator: true);
        CheckPlacements(Previous ?? [], "previous", cards, rooms, rounds, requireModerator: false);
        var fixedCards = Fixed.Select(f => f.Card).ToHashSet(StringComparer.Ordinal);
        if (Previous?.FirstOrDefault(p => fixedCards.Contains(p.Card)) is { } both)
        {
            throw new PlanningInstanceException($"Card \"{both.Card}\" is both fixed and in the previous arrangement; a fixed session does not move.");
        }

        var violations = PlanScoring.Violations(this, Fixed);
        if (violations.Count > 0)
        {
            throw new PlanningInstanceException("The fixed sessions already break a rule: " + violations[0]);
        }

        // One session per slot in the previous arrangement, as in the fixed one. (A previous session where a fixed one
        // now stays is fine: it was there before the organizer fixed the other; it cannot keep that slot.)
        var taken = new Dictionary<(string Room, string Round), string>();
        foreach (var p in Previous ?? [])
        {
            if (!taken.TryAdd((p.Room, p.Round), p.Card))
            {
                throw new PlanningInstanceException(
                    $"The previous sessions of cards \"{taken[(p.Room, p.Round)]}\" and \"{p.Card}\" are both in room \"{p.Room}\" / round \"{p.Round}\"; a slot holds one session.");
            }
        }

        return this;
    }

    /// <summary>The most people, cards, slots and interests an instance may have: planning beyond these is not an evening (and would not fit a time limit).</summary>
    public const int MaxPeople = 500_000, MaxCards = 20_000, MaxSlots = 20_000, MaxInterests = 5_000_000;

    private static void Bounded(long count, long most, string what)
    {
        if (count > most)
        {
            throw new PlanningInstanceException(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"The instance has {count:N0} {what}; the planner takes at most {most:N0}."));
        }
    }

    private static void CheckPlacements(IReadOnlyList<Placement> placements, string what, HashSet<string> cards, HashSet<string> rooms, HashSet<string> rounds, bool requireModerator)
    {
        Unique(placements.Select(p => p.Card), $"{what} card");
        foreach (var p in placements)
        {
            if (!cards.Contains(p.Card))
            {
                throw new PlanningInstanceException($"The {what} session of card \"{p.Card}\" names a card that is not in the instance.");
            }

            if (!rooms.Contains(p.Room) || !rounds.Contains(p.Round))
            {
                throw new PlanningInstanceException($"The {what} session of card \"{p.Card}\" names room \"{p.Room}\" / round \"{p.Round}\", which are not in the instance.");
            }

            if (requireModerator)
            {
                Required(p.Moderator, $"The {what} session of card \"{p.Card}\" needs a moderator.");
            }
        }
    }

    private static void Unique(IEnumerable<string> ids, string what)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            Required(id, $"Every {what} needs an id.");
            if (!seen.Add(id))
            {
                throw new PlanningInstanceException($"The {what} id \"{id}\" appears twice.");
            }
        }
    }

    private static void Required(string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new PlanningInstanceException(message);
        }
    }
}

/// <summary>A room and how many people it seats.</summary>
public sealed record PlanRoom(string Id, int Capacity, string? Name = null);

/// <summary>A round (time box); rounds are listed in time order.</summary>
public sealed record PlanRound(string Id, string? Name = null);

/// <summary>A card to place: its haver attends its session; a card with its own moderator does not need one from the pool.</summary>
public sealed record PlanCard(string Id, string Haver, string? Moderator = null, string? Title = null);

/// <summary>A person and the cards they offered help on or reserved a seat for: the sessions they want to be in.</summary>
public sealed record PlanPerson(string Id, IReadOnlyList<string> Interests);

/// <summary>A card in a slot (room and round), with its moderator when known.</summary>
public sealed record Placement(string Card, string Room, string Round, string? Moderator = null);

/// <summary>An instance that cannot be planned as given (a duplicate id, a dangling reference, a broken fixed session).</summary>
public sealed class PlanningInstanceException(string message) : Exception(message);
