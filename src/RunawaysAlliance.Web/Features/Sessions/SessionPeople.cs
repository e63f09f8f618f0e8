using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>
/// Who may do what in a session: the one place for these rules, used by the services (which authorize every call)
/// and by the pages (which only hide what the service would refuse anyway).
/// </summary>
public static class SessionPeople
{
    /// <summary>The session's moderator or an organizer runs its timer, moves it and gives its slot back.</summary>
    public static bool CanRun(EventMember? caller, Session session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return caller is not null && (caller.Has(EventRole.Organizer) || caller.PersonId == session.ModeratorId);
    }

    /// <summary>
    /// The moderator, a co-moderator (another moderator of the event who holds a seat in the session) and the
    /// organizers write the record. Needs the session's reservations loaded.
    /// </summary>
    public static bool CanEditRecord(EventMember? caller, Session session) =>
        CanRun(caller, session)
        || (caller is not null && caller.Has(EventRole.Moderator) && session.Reservations.Any(r => r.PersonId == caller.PersonId));

    /// <summary>
    /// The session's people (moderator, haver, core solvers, seat and waitlist holders) and the organizers read a
    /// private record; once published, every member does. Needs the reservations loaded.
    /// </summary>
    public static bool CanReadRecord(EventMember? caller, Session session, IEnumerable<Guid> coreSolvers)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(coreSolvers);
        if (caller is null)
        {
            return false;
        }

        return session.Record.IsPublished
            || CanRun(caller, session)
            || caller.PersonId == session.HaverId
            || coreSolvers.Contains(caller.PersonId)
            || session.Reservations.Any(r => r.PersonId == caller.PersonId);
    }
}
