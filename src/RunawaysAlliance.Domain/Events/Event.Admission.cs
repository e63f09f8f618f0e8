using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>
/// Floods: how many newcomers the join links admit in an hour, how many open cards one person may have, the
/// switch that closes joining, and removing a person (a spammer) with everything they posted.
/// </summary>
public sealed partial class Event
{
    /// <summary>Newcomers per hour unless organizers say otherwise: a 140-person evening arriving at once, with margin.</summary>
    public const int DefaultGuestsPerHour = 200;

    /// <summary>Open cards per person unless organizers say otherwise; organizers are exempt.</summary>
    public const int DefaultCardsPerPerson = 5;

    /// <summary>The largest hourly admission an organizer can set.</summary>
    public const int MaxGuestsPerHour = 5000;

    /// <summary>The most open cards per person an organizer can allow.</summary>
    public const int MaxCardsPerPerson = 100;

    /// <summary>The window <see cref="GuestsPerHour"/> counts in.</summary>
    public static readonly TimeSpan AdmissionWindow = TimeSpan.FromHours(1);

    private readonly List<EventRemoval> _removals = [];

    /// <summary>How many new people the join links admit within any hour.</summary>
    public int GuestsPerHour { get; private set; } = DefaultGuestsPerHour;

    /// <summary>How many open (not withdrawn) cards one person may have in the event; organizers are exempt.</summary>
    public int CardsPerPerson { get; private set; } = DefaultCardsPerPerson;

    /// <summary>When set, the join links admit nobody new; members still sign in and take part.</summary>
    public bool IsJoiningClosed { get; private set; }

    /// <summary>
    /// How many people the join links ever admitted. Every admission changes it, so that two admissions at once
    /// update the same row and its concurrency token lets only one of them take the last place of the hour.
    /// </summary>
    public int AdmittedCount { get; private set; }

    /// <summary>People organizers removed from the event, with what went with them.</summary>
    public IReadOnlyCollection<EventRemoval> Removals => _removals.AsReadOnly();

    /// <summary>Sets the hourly admission and the open cards per person (organizers; the caller checks the role).</summary>
    public void SetLimits(int guestsPerHour, int cardsPerPerson)
    {
        GuestsPerHour = CheckRange(guestsPerHour, "guests per hour", MaxGuestsPerHour);
        CardsPerPerson = CheckRange(cardsPerPerson, "cards per person", MaxCardsPerPerson);
    }

    /// <summary>Closes the join links to newcomers (<c>true</c>) or opens them again.</summary>
    public void SetJoiningClosed(bool closed) => IsJoiningClosed = closed;

    /// <summary>People admitted in the hour before <paramref name="now"/>, removed ones included.</summary>
    public int AdmittedWithinHour(DateTimeOffset now)
    {
        var since = now - AdmissionWindow;
        return _members.Count(m => m.JoinedAt > since && m.JoinedAt <= now) +
               _removals.Count(r => r.JoinedAt > since && r.JoinedAt <= now);
    }

    /// <summary>
    /// Checks that a join link may admit <paramref name="personId"/> now (null: a newcomer without an account yet),
    /// without changing anything, so that a refused newcomer costs no account. A member is always let in.
    /// </summary>
    public void EnsureCanAdmit(Guid? personId, DateTimeOffset now)
    {
        if (personId is { } id && FindMember(id) is not null)
        {
            return;
        }

        if (personId is { } removed && _removals.Any(r => r.PersonId == removed))
        {
            throw new RuleViolationException(RuleCode.RemovedFromEvent, $"An organizer removed you from \"{Name}\".", Name);
        }

        if (IsJoiningClosed)
        {
            throw new RuleViolationException(RuleCode.JoiningClosed, $"\"{Name}\" is not taking new people right now. Ask an organizer at the venue.", Name);
        }

        if (AdmittedWithinHour(now) >= GuestsPerHour)
        {
            // The place of the earliest admission in the window comes free when it leaves the window.
            var since = now - AdmissionWindow;
            var earliest = _members.Select(m => m.JoinedAt).Concat(_removals.Select(r => r.JoinedAt))
                .Where(t => t > since && t <= now).DefaultIfEmpty(now).Min();
            var minutes = Math.Max(1, (int)Math.Ceiling((earliest + AdmissionWindow - now).TotalMinutes));
            throw new RuleViolationException(
                RuleCode.JoinLimitReached,
                $"{GuestsPerHour} people joined in the last hour, as many as this event admits in an hour. Try again in {minutes} minutes.",
                GuestsPerHour, minutes);
        }
    }

    /// <summary>
    /// A join link admits a person with <paramref name="role"/> (or raises a member's role). Newcomers are refused
    /// while joining is closed, once <see cref="GuestsPerHour"/> joined within the hour, or when an organizer removed them.
    /// </summary>
    public EventMember Admit(Guid personId, EventRole role, DateTimeOffset now)
    {
        EnsureCanAdmit(personId, now);
        if (FindMember(personId) is null)
        {
            AdmittedCount++;
        }

        return AddMember(personId, role, now);
    }

    /// <summary>
    /// Checks that <paramref name="member"/> may post one more card, having <paramref name="openCards"/> open ones
    /// in this event already. Organizers are exempt: they seed the board.
    /// </summary>
    public void EnsureCanPostCard(EventMember member, int openCards)
    {
        ArgumentNullException.ThrowIfNull(member);
        EnsureMarketplaceOpenFor(member);
        if (!member.Has(EventRole.Organizer) && openCards >= CardsPerPerson)
        {
            throw new RuleViolationException(
                RuleCode.CardLimitReached,
                $"One person may have {CardsPerPerson} open cards here. Withdraw one to post another.",
                CardsPerPerson);
        }
    }

    /// <summary>
    /// An organizer removes a person (a spammer) from the event: their open cards leave the board, their offers on
    /// other cards are taken back, they stop being a member and cannot join again. Cards placed in a session stay
    /// until the slot is given back (nobody is left in a room without a problem). Organizers cannot be removed this
    /// way: demote them first. <paramref name="theirCards"/> are the person's cards in this event;
    /// <paramref name="cardsTheyOffered"/> the cards they made an offer on.
    /// </summary>
    public EventRemoval RemovePerson(
        Guid personId,
        Guid organizerId,
        IEnumerable<ProblemCard> theirCards,
        IEnumerable<ProblemCard> cardsTheyOffered,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(theirCards);
        ArgumentNullException.ThrowIfNull(cardsTheyOffered);
        if (FindMember(organizerId)?.Has(EventRole.Organizer) != true)
        {
            throw new RuleViolationException(RuleCode.OnlyOrganizers, "Only organizers of this event can do that.");
        }

        var member = FindMember(personId) ?? throw new RuleViolationException(RuleCode.NotJoined, "That person has not joined this event.");
        if (member.Has(EventRole.Organizer))
        {
            throw new RuleViolationException(RuleCode.OrganizerCannotBeRemoved, "Organizers cannot be removed; make them an attendee first.");
        }

        int withdrawn = 0, kept = 0, offers = 0;
        foreach (var card in theirCards.Where(c => c.EventId == Id && c.AuthorId == personId && c.Status == CardStatus.Open))
        {
            if (card.IsScheduled)
            {
                kept++;
                continue;
            }

            card.Withdraw(now);
            withdrawn++;
        }

        foreach (var card in cardsTheyOffered.Where(c => c.EventId == Id && c.Offers.Any(o => o.SolverId == personId)))
        {
            card.WithdrawOffer(personId);
            offers++;
        }

        _members.Remove(member);
        var removal = new EventRemoval(Id, personId, organizerId, member.JoinedAt, now, withdrawn, kept, offers);
        _removals.Add(removal);
        return removal;
    }

    private static int CheckRange(int value, string field, int max) =>
        value is >= 1 && value <= max
            ? value
            : throw new InvalidInputException(field, RuleCode.LimitOutOfRange, $"The {field} must be a whole number from 1 to {max}.", limit: max, arguments: [1, max]);
}
