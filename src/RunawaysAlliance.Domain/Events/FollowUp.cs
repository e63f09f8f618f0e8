using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Domain.Events;

/// <summary>What an invited person said about a follow-up meeting.</summary>
public enum FollowUpAnswer
{
    /// <summary>Not answered yet.</summary>
    Pending = 0,

    /// <summary>Coming (at the times they ticked, while the time is still open).</summary>
    Accepted = 1,

    /// <summary>Not coming; nobody is told, the invitation just goes quiet.</summary>
    Ignored = 2,
}

/// <summary>What the person starting a follow-up proposes: a title, where, how long, and one to five start times.</summary>
public sealed record FollowUpPlan(string? Title, string? Place, string? Link, int Minutes, IReadOnlyList<DateTimeOffset> Times);

/// <summary>
/// "Continue this" (issue 13): a meeting after the evening that carries a session's record, started by the session's
/// moderator or haver (or an organizer) and inviting the people who took part. One to five proposed start times make a
/// simple poll: invitees accept with the times they can make, or ignore; the starter fixes one time (a single proposed
/// time is fixed at once). Its own aggregate: an invitation's answer never races the session's seats or record.
/// </summary>
public sealed class FollowUp
{
    public const int TitleMaxLength = 120;
    public const int PlaceMaxLength = 200;
    public const int LinkMaxLength = 500;
    public const int MaxTimes = 5;
    public const int MinMinutes = 15;
    public const int MaxMinutes = 8 * 60;

    private readonly List<FollowUpInvitation> _invitations = [];

    private FollowUp()
    {
        Title = Place = Link = string.Empty;
        Times = [];
    }

    private FollowUp(Guid id, Session session, Guid starterId, DateTimeOffset now)
        : this()
    {
        Id = id;
        EventId = session.EventId;
        SessionId = session.Id;
        StarterId = starterId;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }

    public Guid EventId { get; private set; }

    /// <summary>The session it continues; its record is what the meeting starts from.</summary>
    public Guid SessionId { get; private set; }

    /// <summary>Who started it: the session's moderator or haver, or an organizer.</summary>
    public Guid StarterId { get; private set; }

    public string Title { get; private set; }

    /// <summary>Where people meet; empty when it is online only.</summary>
    public string Place { get; private set; }

    /// <summary>An online meeting address (http or https); empty when it is in person only.</summary>
    public string Link { get; private set; }

    /// <summary>How long the meeting is.</summary>
    public int Minutes { get; private set; }

    /// <summary>The proposed start times, earliest first.</summary>
    public DateTimeOffset[] Times { get; private set; }

    /// <summary>The time it takes place, once fixed; null while the poll is open.</summary>
    public DateTimeOffset? ChosenTime { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyCollection<FollowUpInvitation> Invitations => _invitations.AsReadOnly();

    public TimeSpan Length => TimeSpan.FromMinutes(Minutes);

    /// <summary>
    /// Starts a follow-up of <paramref name="session"/> (which must have kept its slot) inviting <paramref name="invitees"/>,
    /// who must be among the people who took part (the starter is left out of the list). <paramref name="starterIsOrganizer"/>
    /// lets an organizer start one for a session they did not run. Needs the session's reservations loaded.
    /// </summary>
    public static FollowUp Start(Session session, Guid starterId, bool starterIsOrganizer, FollowUpPlan plan, IEnumerable<Guid> invitees, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(invitees);
        if (!session.IsActive)
        {
            throw new RuleViolationException(RuleCode.SessionGaveSlotBack, "This session gave its slot back; it did not take place.");
        }

        if (!starterIsOrganizer && starterId != session.ModeratorId && starterId != session.HaverId)
        {
            throw new RuleViolationException(RuleCode.OnlySessionPeopleStartFollowUp, "Only the session's moderator, the person who brought the problem or an organizer can start a follow-up.");
        }

        var people = invitees.Where(id => id != starterId).Distinct().ToList();
        if (people.Count == 0)
        {
            throw new RuleViolationException(RuleCode.FollowUpNeedsInvitees, "Invite at least one person who took part.");
        }

        if (people.Any(id => !session.TookPart(id)))
        {
            throw new RuleViolationException(RuleCode.FollowUpOnlyForParticipants, "A follow-up invites the people who took part in the session.");
        }

        var followUp = new FollowUp(Guid.NewGuid(), session, starterId, now);
        followUp.Change(plan, now);
        foreach (var person in people)
        {
            followUp._invitations.Add(new FollowUpInvitation(followUp.Id, person));
        }

        return followUp;
    }

    /// <summary>Whether the person started it or is invited (they may read it and its session's record excerpt).</summary>
    public bool Concerns(Guid personId) => personId == StarterId || _invitations.Any(i => i.PersonId == personId);

    public FollowUpInvitation? InvitationOf(Guid personId) => _invitations.FirstOrDefault(i => i.PersonId == personId);

    /// <summary>How many accepted invitees can make the proposed time at <paramref name="index"/>.</summary>
    public int Votes(int index) => _invitations.Count(i => i.Answer == FollowUpAnswer.Accepted && i.CanMake(index));

    /// <summary>
    /// An invitee accepts, ticking the proposed times (by index) they can make; while the time is open they tick at
    /// least one. Accepting again replaces the ticks.
    /// </summary>
    public void Accept(Guid personId, IEnumerable<int> canMake, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(canMake);
        var invitation = Invited(personId);
        var ticks = canMake.Distinct().ToList();
        if (ticks.Any(i => i < 0 || i >= Times.Length))
        {
            throw new RuleViolationException(RuleCode.FollowUpTimeNotProposed, "That time was not proposed for this follow-up.");
        }

        if (ChosenTime is { } chosen)
        {
            // The time is fixed: accepting means that time.
            ticks = [Array.IndexOf(Times, chosen)];
        }
        else if (ticks.Count == 0)
        {
            throw new RuleViolationException(RuleCode.FollowUpPickATime, "Tick at least one of the proposed times you can make.");
        }

        invitation.Reply(FollowUpAnswer.Accepted, ticks, now);
    }

    /// <summary>An invitee ignores the invitation (they can accept later while it is still ahead).</summary>
    public void Ignore(Guid personId, DateTimeOffset now) => Invited(personId).Reply(FollowUpAnswer.Ignored, [], now);

    /// <summary>The starter (or an organizer) fixes one of the proposed times; choosing again moves it to another proposed time.</summary>
    public void ChooseTime(Guid callerId, bool callerIsOrganizer, int index)
    {
        if (!callerIsOrganizer && callerId != StarterId)
        {
            throw new RuleViolationException(RuleCode.OnlyStarterChoosesTime, "Only the person who started the follow-up chooses its time.");
        }

        if (index < 0 || index >= Times.Length)
        {
            throw new RuleViolationException(RuleCode.FollowUpTimeNotProposed, "That time was not proposed for this follow-up.");
        }

        ChosenTime = Times[index];
    }

    private FollowUpInvitation Invited(Guid personId) =>
        InvitationOf(personId) ?? throw new RuleViolationException(RuleCode.NotInvitedToFollowUp, "You are not invited to this follow-up.");

    private void Change(FollowUpPlan plan, DateTimeOffset now)
    {
        var title = Guard.RequiredText(plan.Title, "title", TitleMaxLength);
        if (Guard.IsNotOneLine(title))
        {
            throw new InvalidInputException("title", RuleCode.InputNotOneLine, "Keep the title to one line.", InputProblem.NotOneLine);
        }

        var place = Guard.OptionalText(plan.Place, "place", PlaceMaxLength);
        if (Guard.IsNotOneLine(place))
        {
            throw new InvalidInputException("place", RuleCode.InputNotOneLine, "Keep the place to one line.", InputProblem.NotOneLine);
        }

        var link = Guard.OptionalText(plan.Link, "link", LinkMaxLength);
        if (link.Length > 0 && !IsWebAddress(link))
        {
            throw new InvalidInputException("link", RuleCode.FollowUpLinkInvalid, "The online link must be a web address starting with https:// or http://.");
        }

        if (place.Length == 0 && link.Length == 0)
        {
            throw new InvalidInputException("place", RuleCode.FollowUpNeedsPlace, "Say where people meet: a place, an online link, or both.", InputProblem.Required);
        }

        if (plan.Minutes is < MinMinutes or > MaxMinutes)
        {
            throw new InvalidInputException("minutes", RuleCode.FollowUpLengthOutOfRange, $"A follow-up lasts {MinMinutes} to {MaxMinutes} minutes.", InputProblem.Invalid, arguments: [MinMinutes, MaxMinutes]);
        }

        var times = (plan.Times ?? []).Select(t => t.ToUniversalTime()).Distinct().Order().ToArray();
        if (times.Length is 0 or > MaxTimes)
        {
            throw new InvalidInputException("times", RuleCode.FollowUpNeedsTimes, $"Propose one to {MaxTimes} start times.", InputProblem.TooMany, MaxTimes, [MaxTimes]);
        }

        if (times[0] <= now)
        {
            throw new InvalidInputException("times", RuleCode.FollowUpTimeInPast, "Proposed times must be in the future.");
        }

        Title = title;
        Place = place;
        Link = link;
        Minutes = plan.Minutes;
        Times = times;
        ChosenTime = times.Length == 1 ? times[0] : null;
    }

    private static bool IsWebAddress(string text) =>
        !Guard.IsNotOneLine(text) && !text.Any(char.IsWhiteSpace)
        && Uri.TryCreate(text, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Host.Length > 0;
}

/// <summary>One person invited to a follow-up, their answer and the proposed times they can make.</summary>
public sealed class FollowUpInvitation
{
    private FollowUpInvitation()
    {
    }

    internal FollowUpInvitation(Guid followUpId, Guid personId)
    {
        FollowUpId = followUpId;
        PersonId = personId;
    }

    public Guid FollowUpId { get; private set; }

    public Guid PersonId { get; private set; }

    public FollowUpAnswer Answer { get; private set; }

    /// <summary>The proposed times (bit i: time i) the person can make.</summary>
    public int TimesMask { get; private set; }

    public DateTimeOffset? AnsweredAt { get; private set; }

    public bool CanMake(int index) => (TimesMask & (1 << index)) != 0;

    internal void Reply(FollowUpAnswer answer, IEnumerable<int> canMake, DateTimeOffset now)
    {
        Answer = answer;
        TimesMask = canMake.Aggregate(0, (mask, i) => mask | (1 << i));
        AnsweredAt = now;
    }
}
