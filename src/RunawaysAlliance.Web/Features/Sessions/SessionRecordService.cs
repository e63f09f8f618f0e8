using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// The session record: read by the session's people and the organizers (everyone in the event once published),
/// written by its moderators and the organizers. A save names the revision it started from; a newer one is a
/// conflict that returns the stored version, so an edit is never silently overwritten (ADR 0014).
/// </summary>
public sealed class SessionRecordService(EventGate gate, IDbContextFactory<AppDbContext> factory, ILogger<SessionRecordService> logger)
{
    private static readonly RuleMessage OnlyModerators =
        new(RuleCode.OnlySessionModeratorEditsRecord, "Only the session's moderators and the organizers can write its record.");

    private static readonly RuleMessage OnlyOrganizers = new(RuleCode.OnlyOrganizers, "Only organizers of this event can do that.");

    private static readonly RuleMessage NoSuchSession = new(RuleCode.NoSuchSession, "That session does not exist.");

    private static readonly RuleMessage NotAMember = new(RuleCode.NotAMember, "You are not a member of this event.");

    /// <summary>The record as the caller may see it; null when it is not there or private to others.</summary>
    public async Task<RecordRead?> GetAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var caller = await db.Set<EventMember>().AsNoTracking().FirstOrDefaultAsync(m => m.EventId == eventId && m.PersonId == callerId, ct);
        if (caller is null)
        {
            return null;
        }

        var session = await db.Sessions.AsNoTracking().Include(s => s.Record).Include(s => s.Reservations)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
        if (session is null)
        {
            return null;
        }

        var coreSolvers = await db.Set<Offer>().AsNoTracking()
            .Where(o => o.CardId == session.CardId && o.IsCoreSolver)
            .Select(o => o.SolverId)
            .ToListAsync(ct);
        if (!SessionPeople.CanReadRecord(caller, session, coreSolvers))
        {
            return null;
        }

        var editor = session.Record.UpdatedBy is { } by
            ? await db.People.AsNoTracking().Where(p => p.Id == by).Select(p => p.DisplayName).FirstOrDefaultAsync(ct)
            : null;
        return RecordRead.Of(session.Record, editor, SessionPeople.CanEditRecord(caller, session) && session.IsActive);
    }

    /// <summary>Saves the record from <paramref name="expectedRevision"/>; a newer stored revision comes back as <see cref="RecordSave.Theirs"/>.</summary>
    public async Task<RecordSave> SaveAsync(Guid callerId, Guid eventId, Guid sessionId, RecordInput input, int expectedRevision, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        RecordRead? saved = null;
        var request = new EventRequest(callerId, eventId, EventRole.Attendee, OnlyModerators) { Attempts = 2 };
        var result = await gate.RunAsync(request, async access =>
        {
            saved = null;
            var session = await access.Db.Sessions.Include(s => s.Record).Include(s => s.Reservations)
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            if (!SessionPeople.CanEditRecord(access.Caller, session))
            {
                return ServiceResult.Forbidden(OnlyModerators);
            }

            if (!session.IsActive)
            {
                return ServiceResult.Rejected(new RuleMessage(RuleCode.SessionGaveSlotBack, "This session gave its slot back."));
            }

            session.Record.Edit(input.Notes, input.Outcomes, input.NextSteps, input.NeedsFollowUp, callerId, access.Now, expectedRevision);
            var name = await access.Db.People.Where(p => p.Id == callerId).Select(p => p.DisplayName).FirstOrDefaultAsync(ct);
            saved = RecordRead.Of(session.Record, name, canEdit: true);
            access.Announce(ChangeKind.Record, sessionId);
            return ServiceResult.Ok;
        }, ct);

        if (result.Failure == ServiceFailure.Conflict)
        {
            // The other version, so that the editor can show both and the person chooses.
            logger.LogInformation("Record of session {SessionId} changed elsewhere; {PersonId} was shown the other version", sessionId, callerId);
            return new RecordSave(result, null, await GetAsync(callerId, eventId, sessionId, ct));
        }

        return new RecordSave(result, result.Succeeded ? saved : null, null);
    }

    /// <summary>An organizer shares the record with every member of the event (<see cref="SetVisibilityAsync"/>).</summary>
    public Task<ServiceResult> PublishAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        SetVisibilityAsync(callerId, eventId, sessionId, RecordVisibility.Attendees, ct);

    /// <summary>
    /// An organizer sets who reads the record: private (the session's people), attendees (every member) or public (the
    /// archive, for anyone). Sharing beyond the session's people is refused while the record names a participant who
    /// has not agreed to be named (<see cref="RecordNames"/>); making it public is refused while it holds anything that
    /// looks like an email address or a phone number (<see cref="ContactLookalikes"/>). Each refusal lists what it found.
    /// </summary>
    public Task<ServiceResult> SetVisibilityAsync(Guid callerId, Guid eventId, Guid sessionId, RecordVisibility visibility, CancellationToken ct = default) =>
        gate.RunAsync(new EventRequest(callerId, eventId, EventRole.Organizer, OnlyOrganizers) { Attempts = 2 }, async access =>
        {
            var session = await access.Db.Sessions.Include(s => s.Record).Include(s => s.Reservations)
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            var text = string.Join('\n', session.Record.Notes, session.Record.Outcomes, session.Record.NextSteps);
            if (visibility != RecordVisibility.Private && access.Event.PurgedAt is null)
            {
                var unnamed = await NotAgreeingAsync(access, session, ct);
                var named = RecordNames.Find(text, unnamed);
                if (named.Count > 0)
                {
                    var list = string.Join(", ", named);
                    return ServiceResult.Rejected(new RuleMessage(RuleCode.RecordNamesWithoutConsent,
                        $"The record names {list}, who did not agree to be named. Edit the record before publishing it.", list));
                }
            }

            if (visibility == RecordVisibility.Public && ContactLookalikes.Find(text) is { Count: > 0 } contacts)
            {
                var list = string.Join(", ", contacts);
                return ServiceResult.Rejected(new RuleMessage(RuleCode.RecordHasContactDetails,
                    $"The record contains what looks like contact details ({list}). Remove them before making it public.", list));
            }

            session.Record.ChangeVisibility(visibility, access.Now);
            access.Announce(ChangeKind.Record, sessionId);
            return ServiceResult.Ok;
        }, ct);

    /// <summary>
    /// A member agrees (or no longer agrees) that session records of the event may name them. Only for themselves;
    /// their name then shows as "may be named" to whoever writes a record they are part of.
    /// </summary>
    public async Task<ServiceResult> SetAgreesToBeNamedAsync(Guid callerId, Guid eventId, bool agrees, CancellationToken ct = default)
    {
        var result = await gate.RunAsync(new EventRequest(callerId, eventId, EventRole.Attendee, NotAMember), access =>
        {
            access.Event.SetAgreesToBeNamed(callerId, agrees);
            access.Announce(ChangeKind.Event, eventId);
            return Task.FromResult(ServiceResult.Ok);
        }, ct);
        if (result.Succeeded)
        {
            logger.LogInformation("Person {PersonId} set agrees-to-be-named to {Agrees} in event {EventId}", callerId, agrees, eventId);
        }

        return result;
    }

    /// <summary>
    /// The display names of the session's people (haver, core solvers, seat and waitlist holders) who have not agreed
    /// to be named; the moderator runs the session under their name and is not asked.
    /// </summary>
    private static async Task<IReadOnlyList<string>> NotAgreeingAsync(EventAccess access, Session session, CancellationToken ct)
    {
        var coreSolvers = await access.Db.Set<Offer>().Where(o => o.CardId == session.CardId && o.IsCoreSolver).Select(o => o.SolverId).ToListAsync(ct);
        var people = session.Reservations.OrderBy(r => r.CreatedAt).Select(r => r.PersonId).Prepend(session.HaverId).Concat(coreSolvers)
            .Where(id => id != session.ModeratorId && access.Event.FindMember(id) is not { AgreesToBeNamed: true })
            .Distinct()
            .ToList();
        var names = await access.Db.People.Where(p => people.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        return [.. people.Where(names.ContainsKey).Select(id => names[id])];
    }

    /// <summary>An organizer makes a shared record private again.</summary>
    public Task<ServiceResult> UnpublishAsync(Guid callerId, Guid eventId, Guid sessionId, CancellationToken ct = default) =>
        SetVisibilityAsync(callerId, eventId, sessionId, RecordVisibility.Private, ct);
}

/// <summary>What the record editor sends: the three texts and the follow-up mark.</summary>
public sealed record RecordInput(string Notes, string Outcomes, string NextSteps, bool NeedsFollowUp);

/// <summary>A record as one reader sees it; <see cref="CanEdit"/> says whether the editor is offered.</summary>
public sealed record RecordRead(
    Guid SessionId,
    string Notes,
    string Outcomes,
    string NextSteps,
    bool NeedsFollowUp,
    int Revision,
    DateTimeOffset? UpdatedAt,
    string? UpdatedByName,
    DateTimeOffset? PublishedAt,
    bool CanEdit,
    RecordVisibility Visibility = RecordVisibility.Private)
{
    public static RecordRead Of(SessionRecord record, string? editorName, bool canEdit)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new RecordRead(record.SessionId, record.Notes, record.Outcomes, record.NextSteps, record.NeedsFollowUp,
            record.Revision, record.UpdatedAt, editorName, record.PublishedAt, canEdit, record.Visibility);
    }
}

/// <summary>A save's outcome: the saved record, or on a conflict the version someone else stored meanwhile.</summary>
public sealed record RecordSave(ServiceResult Result, RecordRead? Saved, RecordRead? Theirs);
