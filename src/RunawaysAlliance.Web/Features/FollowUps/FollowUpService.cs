using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.FollowUps;

/// <summary>What the "continue this" form sends: the proposal in the event's local time, and whom to invite.</summary>
public sealed record FollowUpInput(string? Title, string? Place, string? Link, int Minutes, IReadOnlyList<DateTime> LocalTimes, IReadOnlyList<Guid> Invitees);

/// <summary>Someone the starter may invite: the people who took part, but the starter.</summary>
public sealed record FollowUpCandidate(Guid PersonId, string Name);

/// <summary>The "continue this" form's starting point: the session's title and the people to invite (all ticked).</summary>
public sealed record FollowUpDraft(Guid EventId, Guid SessionId, string SessionTitle, string TimeZoneId, DateTimeOffset SessionStart, IReadOnlyList<FollowUpCandidate> Candidates);

/// <summary>One proposed time and how many accepted invitees can make it.</summary>
public sealed record FollowUpTime(int Index, DateTimeOffset StartsAt, int Votes, bool Chosen);

/// <summary>An invitee and their answer (the people of one session see each other already).</summary>
public sealed record FollowUpInvitee(Guid PersonId, string Name, FollowUpAnswer Answer);

/// <summary>The session record the meeting starts from.</summary>
public sealed record CarriedRecord(string Notes, string Outcomes, string NextSteps);

/// <summary>A follow-up as one of its people (or an organizer) sees it, with its invite (every time still possible).</summary>
public sealed record FollowUpView(
    Guid Id,
    Guid EventId,
    string Slug,
    string TimeZoneId,
    Guid SessionId,
    string SessionTitle,
    string Title,
    string Place,
    string Link,
    int Minutes,
    IReadOnlyList<FollowUpTime> Times,
    DateTimeOffset? ChosenTime,
    string StarterName,
    bool IsStarter,
    bool CanChooseTime,
    FollowUpAnswer? MyAnswer,
    IReadOnlyList<int> MyTimes,
    IReadOnlyList<FollowUpInvitee> Invitees,
    CarriedRecord Record,
    FollowUpEntry Invite);

/// <summary>A line of "My evening": a follow-up the person started or is invited to.</summary>
public sealed record FollowUpSummary(Guid Id, string Title, DateTimeOffset? ChosenTime, DateTimeOffset FirstTime, int TimeCount, bool IsStarter, FollowUpAnswer? MyAnswer);

/// <summary>
/// "Continue this" (issue 13): the session's moderator or haver (or an organizer) starts a follow-up meeting from the
/// session, carrying its record and inviting the people who took part; invitees accept with the proposed times they
/// can make, or ignore; the starter fixes the time. Every change goes through the event gate; the domain decides.
/// Reads show a follow-up only to its starter, its invitees and the organizers.
/// </summary>
public sealed class FollowUpService(EventGate gate, IDbContextFactory<AppDbContext> factory, ILogger<FollowUpService> logger)
{
    private static readonly RuleMessage NotAMember = new(RuleCode.NotAMember, "You are not a member of this event.");

    private static readonly RuleMessage NoSuchSession = new(RuleCode.NoSuchSession, "That session does not exist.");

    private static readonly RuleMessage NoSuchFollowUp = new(RuleCode.NoSuchFollowUp, "That follow-up does not exist, or it is not yours to see.");

    /// <summary>The form's starting point for the caller, or null when they may not start one for this session.</summary>
    public async Task<FollowUpDraft?> DraftAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Members.Where(m => m.PersonId == callerId)).FirstOrDefaultAsync(e => e.Id == eventId, ct);
        var caller = evt?.FindMember(callerId);
        var session = caller is null ? null : await db.Sessions.AsNoTracking().Include(s => s.Reservations)
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
        if (evt is null || caller is null || session is null || !session.IsActive || evt.PurgedAt is not null
            || !(caller.Has(EventRole.Organizer) || callerId == session.ModeratorId || callerId == session.HaverId))
        {
            return null;
        }

        var ids = session.Helpers.Prepend(session.HaverId).Where(id => id != callerId).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && !p.IsErased).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var title = await db.Cards.AsNoTracking().Where(c => c.Id == session.CardId).Select(c => c.Title).FirstAsync(ct);
        var start = await db.Set<Round>().AsNoTracking().Where(r => r.Id == session.RoundId).Select(r => r.StartsAt).FirstAsync(ct);
        return new FollowUpDraft(eventId, sessionId, title, evt.TimeZoneId, start,
            [.. ids.Where(names.ContainsKey).Select(id => new FollowUpCandidate(id, names[id])).OrderBy(c => c.Name, StringComparer.CurrentCulture)]);
    }

    /// <summary>Starts a follow-up; the result's <see cref="ServiceResult.CreatedId"/> is its id.</summary>
    public async Task<ServiceResult> StartAsync(Guid callerId, Guid eventId, Guid sessionId, FollowUpInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = new EventRequest(callerId, eventId, EventRole.Attendee, NotAMember)
        {
            Include = events => events.Include(e => e.Members.Where(m => m.PersonId == callerId)),
        };
        var result = await gate.RunAsync(request, async access =>
        {
            EnsureNotErased(access.Event);
            var session = await access.Db.Sessions.Include(s => s.Reservations).FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            var times = (input.LocalTimes ?? []).Select(t => access.Event.AtLocal(DateOnly.FromDateTime(t), TimeOnly.FromDateTime(t))).ToList();
            var plan = new FollowUpPlan(input.Title, input.Place, input.Link, input.Minutes, times);
            var followUp = FollowUp.Start(session, callerId, access.Caller.Has(EventRole.Organizer), plan, input.Invitees ?? [], access.Now);
            access.Db.Add(followUp);
            access.Announce(ChangeKind.Record, sessionId);
            return ServiceResult.Created(followUp.Id);
        }, ct);
        if (result.Succeeded)
        {
            logger.LogInformation("Person {PersonId} started follow-up {FollowUpId} of session {SessionId}", callerId, result.CreatedId, sessionId);
        }

        return result;
    }

    /// <summary>An invitee accepts with the proposed times (by index) they can make.</summary>
    public Task<ServiceResult> AcceptAsync(Guid callerId, Guid eventId, Guid followUpId, IReadOnlyList<int> canMake, CancellationToken ct = default) =>
        ChangeAsync(callerId, eventId, followUpId, (f, access) => f.Accept(callerId, canMake ?? [], access.Now), ct);

    /// <summary>An invitee ignores the invitation.</summary>
    public Task<ServiceResult> IgnoreAsync(Guid callerId, Guid eventId, Guid followUpId, CancellationToken ct = default) =>
        ChangeAsync(callerId, eventId, followUpId, (f, access) => f.Ignore(callerId, access.Now), ct);

    /// <summary>The starter (or an organizer) fixes the proposed time at <paramref name="index"/>.</summary>
    public Task<ServiceResult> ChooseTimeAsync(Guid callerId, Guid eventId, Guid followUpId, int index, CancellationToken ct = default) =>
        ChangeAsync(callerId, eventId, followUpId, (f, access) => f.ChooseTime(callerId, access.Caller.Has(EventRole.Organizer), index), ct);

    private Task<ServiceResult> ChangeAsync(Guid callerId, Guid eventId, Guid followUpId, Action<FollowUp, EventAccess> act, CancellationToken ct)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Attendee, NotAMember)
        {
            Include = events => events.Include(e => e.Members.Where(m => m.PersonId == callerId)),
            Attempts = 2,
        };
        return gate.RunAsync(request, async access =>
        {
            EnsureNotErased(access.Event);
            var followUp = await access.Db.Set<FollowUp>().Include(f => f.Invitations).FirstOrDefaultAsync(f => f.Id == followUpId && f.EventId == eventId, ct);
            if (followUp is null || !(followUp.Concerns(callerId) || access.Caller.Has(EventRole.Organizer)))
            {
                return ServiceResult.NotFound(NoSuchFollowUp);
            }

            act(followUp, access);
            // The answer row and the meeting row both change with a choice; the meeting's token orders two choices.
            access.Db.Entry(followUp).Property(AppDbContext.VersionProperty).IsModified = true;
            access.Announce(ChangeKind.Record, followUp.SessionId);
            return ServiceResult.Ok;
        }, ct);
    }

    /// <summary>The follow-up for its starter, an invitee or an organizer; null for anyone else.</summary>
    public async Task<FollowUpView?> GetAsync(Guid callerId, Guid eventId, Guid followUpId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var followUp = await db.Set<FollowUp>().AsNoTracking().Include(f => f.Invitations).FirstOrDefaultAsync(f => f.Id == followUpId && f.EventId == eventId, ct);
        if (followUp is null)
        {
            return null;
        }

        var evt = await db.Events.AsNoTracking().Include(e => e.Members.Where(m => m.PersonId == callerId)).FirstAsync(e => e.Id == eventId, ct);
        var caller = evt.FindMember(callerId);
        var organizer = caller?.Has(EventRole.Organizer) == true;
        if (caller is null || !(followUp.Concerns(callerId) || organizer))
        {
            return null;
        }

        var session = await db.Sessions.AsNoTracking().Include(s => s.Record).FirstAsync(s => s.Id == followUp.SessionId, ct);
        var title = await db.Cards.AsNoTracking().Where(c => c.Id == session.CardId).Select(c => c.Title).FirstAsync(ct);
        var ids = followUp.Invitations.Select(i => i.PersonId).Append(followUp.StarterId).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.IsErased ? Domain.People.Person.ErasedName : p.DisplayName, ct);
        var mine = followUp.InvitationOf(callerId);
        return new FollowUpView(
            followUp.Id, eventId, evt.Slug, evt.TimeZoneId, session.Id, title, followUp.Title, followUp.Place, followUp.Link, followUp.Minutes,
            [.. followUp.Times.Select((t, i) => new FollowUpTime(i, t, followUp.Votes(i), followUp.ChosenTime == t))],
            followUp.ChosenTime,
            names.GetValueOrDefault(followUp.StarterId, Domain.People.Person.ErasedName),
            callerId == followUp.StarterId,
            callerId == followUp.StarterId || organizer,
            mine?.Answer,
            mine is null ? [] : [.. Enumerable.Range(0, followUp.Times.Length).Where(mine.CanMake)],
            [.. followUp.Invitations
                .Select(i => new FollowUpInvitee(i.PersonId, names.GetValueOrDefault(i.PersonId, Domain.People.Person.ErasedName), i.Answer))
                .OrderBy(i => i.Name, StringComparer.CurrentCulture)],
            new CarriedRecord(session.Record.Notes, session.Record.Outcomes, session.Record.NextSteps),
            FollowUpEntry.For(followUp, null));
    }

    /// <summary>The follow-ups the caller started or is invited to in the event (for My evening), soonest first.</summary>
    public async Task<IReadOnlyList<FollowUpSummary>> MineAsync(Guid? callerId, Guid eventId, CancellationToken ct = default)
    {
        if (callerId is not { } me)
        {
            return [];
        }

        await using var db = factory.CreateDbContext();
        return await SummariesAsync(db.Set<FollowUp>().Where(f => f.EventId == eventId && (f.StarterId == me || f.Invitations.Any(i => i.PersonId == me))), me, ct);
    }

    /// <summary>The follow-ups of a session the caller may see (its starter's and invitees' own, all for organizers).</summary>
    public async Task<IReadOnlyList<FollowUpSummary>> OfSessionAsync(Guid? callerId, Guid eventId, Guid sessionId, CancellationToken ct = default)
    {
        if (callerId is not { } me)
        {
            return [];
        }

        await using var db = factory.CreateDbContext();
        var organizer = await db.Set<EventMember>().AnyAsync(m => m.EventId == eventId && m.PersonId == me && m.Role == EventRole.Organizer, ct);
        return await SummariesAsync(
            db.Set<FollowUp>().Where(f => f.EventId == eventId && f.SessionId == sessionId && (organizer || f.StarterId == me || f.Invitations.Any(i => i.PersonId == me))), me, ct);
    }

    /// <summary>
    /// A person's follow-ups of an event for their calendar: the ones they started, and the ones they accepted (the
    /// fixed time, or while the poll is open the times they ticked, as tentative).
    /// </summary>
    public async Task<IReadOnlyList<FollowUpEntry>> CalendarOfAsync(Guid personId, Guid eventId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var followUps = await db.Set<FollowUp>().AsNoTracking().Include(f => f.Invitations.Where(i => i.PersonId == personId))
            .Where(f => f.EventId == eventId && (f.StarterId == personId || f.Invitations.Any(i => i.PersonId == personId && i.Answer == FollowUpAnswer.Accepted)))
            .ToListAsync(ct);
        return [.. followUps.Select(f => FollowUpEntry.For(f, f.InvitationOf(personId)))];
    }

    // A list line per follow-up for one person, with only their own invitation read; soonest first.
    private static async Task<IReadOnlyList<FollowUpSummary>> SummariesAsync(IQueryable<FollowUp> followUps, Guid me, CancellationToken ct)
    {
        var found = await followUps.AsNoTracking().Include(f => f.Invitations.Where(i => i.PersonId == me)).ToListAsync(ct);
        return [.. found
            .Select(f => new FollowUpSummary(f.Id, f.Title, f.ChosenTime, f.Times[0], f.Times.Length, f.StarterId == me, f.InvitationOf(me)?.Answer))
            .OrderBy(f => f.ChosenTime ?? f.FirstTime)];
    }

    private static void EnsureNotErased(Event evt)
    {
        if (evt.PurgedAt is not null)
        {
            throw new RuleViolationException(RuleCode.PersonalDataAlreadyErased, "This event's personal data was erased; its follow-ups are gone.");
        }
    }
}

/// <summary>A follow-up as a calendar writes it: the fixed time, or the times still proposed (tentative).</summary>
public sealed record FollowUpEntry(Guid Id, string Title, string Place, string Link, TimeSpan Length, IReadOnlyList<DateTimeOffset> Starts, bool Confirmed)
{
    /// <summary>The entry for one person: the fixed time; else the times they ticked, or all times for the starter.</summary>
    public static FollowUpEntry For(FollowUp followUp, FollowUpInvitation? invitation)
    {
        ArgumentNullException.ThrowIfNull(followUp);
        IReadOnlyList<DateTimeOffset> starts = followUp.ChosenTime is { } chosen
            ? [chosen]
            : [.. followUp.Times.Where((_, i) => invitation is null || invitation.CanMake(i))];
        return new FollowUpEntry(followUp.Id, followUp.Title, followUp.Place, followUp.Link, followUp.Length, starts, followUp.ChosenTime is not null);
    }
}
