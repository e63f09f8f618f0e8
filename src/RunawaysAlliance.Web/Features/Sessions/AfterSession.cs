using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// The one way feedback and thanks change a session after it happened (issue 13): through the event gate, with the
/// event's rounds and only the caller's membership, the session with its people and timer, and the domain deciding.
/// </summary>
internal static class AfterSession
{
    private static readonly RuleMessage NotAMember = new(RuleCode.NotAMember, "You are not a member of this event.");

    private static readonly RuleMessage NoSuchSession = new(RuleCode.NoSuchSession, "That session does not exist.");

    /// <summary>Loads the session (with <paramref name="include"/>) and lets <paramref name="act"/> change it with its round and the time.</summary>
    public static Task<ServiceResult> RunAsync(EventGate gate, Guid callerId, Guid eventId, Guid sessionId,
        Func<IQueryable<Session>, IQueryable<Session>> include, Action<Session, Round, DateTimeOffset> act, CancellationToken ct)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Attendee, NotAMember)
        {
            Include = events => events.Include(e => e.Rounds).Include(e => e.Members.Where(m => m.PersonId == callerId)).AsSplitQuery(),
            Attempts = 2,
        };
        return gate.RunAsync(request, async access =>
        {
            var session = await include(access.Db.Sessions.Include(s => s.Reservations).Include(s => s.Timer))
                .AsSplitQuery()
                .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
            if (session is null)
            {
                return ServiceResult.NotFound(NoSuchSession);
            }

            act(session, access.Event.FindRound(session.RoundId), access.Now);
            return ServiceResult.Ok;
        }, ct);
    }
}
