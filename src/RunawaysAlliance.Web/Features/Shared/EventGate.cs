using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;

namespace RunawaysAlliance.Web.Features.Shared;

/// <summary>
/// The one way a service changes an event: open a DbContext, load the event with what the call needs, check the
/// caller's role, let the domain act, save, and announce the change on the feed. A refusal (missing event, missing
/// role, a rule that said no) is a <see cref="ServiceResult"/>, never an exception, and nothing is saved. A save
/// that loses a race can be tried again with fresh data, so that the domain decides with the winner's changes.
/// A store that fails unexpectedly (connection lost, timeout) is a "try again" result too, logged once, so that a
/// circuit never dies of it and the form keeps what the person typed. Once the save committed, the call succeeded:
/// the announcement goes out whatever happens to the caller's token.
/// </summary>
public sealed class EventGate(IDbContextFactory<AppDbContext> factory, IEventFeed feed, TimeProvider time, ILogger<EventGate> logger)
{
    /// <summary>The refusal for an event that is not there.</summary>
    public static readonly RuleMessage NoSuchEvent = new(RuleCode.NoSuchEvent, "That event does not exist.");

    /// <summary>Runs <paramref name="act"/> on the event for a caller who has at least the request's role.</summary>
    public async Task<ServiceResult> RunAsync(EventRequest request, Func<EventAccess, Task<ServiceResult>> act, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(act);
        return await StoreFailures.GuardAsync(logger, "a change of an event", request.CallerId, () => AttemptAsync(request, act, ct));
    }

    private async Task<ServiceResult> AttemptAsync(EventRequest request, Func<EventAccess, Task<ServiceResult>> act, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = factory.CreateDbContext();
            var evt = await request.Include(db.Events).FirstOrDefaultAsync(e => e.Id == request.EventId, ct);
            if (evt is null)
            {
                return ServiceResult.NotFound(NoSuchEvent);
            }

            var caller = evt.FindMember(request.CallerId);
            if (caller is null || !caller.Has(request.Role))
            {
                return ServiceResult.Forbidden(request.Denied);
            }

            var access = new EventAccess(db, evt, caller, time.GetUtcNow());
            ServiceResult outcome;
            try
            {
                outcome = await act(access);
            }
            catch (DomainException ex)
            {
                return ServiceResult.Rejected(ex);
            }

            if (!outcome.Succeeded)
            {
                return outcome;
            }

            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (Exception ex) when (attempt < request.Attempts && request.IsLostRace(ex))
            {
                // Read again and let the domain decide with the winner's data.
                continue;
            }
            catch (DomainException ex)
            {
                return ServiceResult.Rejected(ex);
            }

            if (access.Change is { } change)
            {
                // Committed: the call succeeded, whatever happens to the caller's token from here on.
                await feed.PublishAsync(change, CancellationToken.None);
            }

            return outcome;
        }
    }
}

/// <summary>How an event is loaded for a change of its grid: with its rooms, rounds and members.</summary>
public static class EventLoads
{
    public static IQueryable<Event> WithGrid(IQueryable<Event> events) =>
        events.Include(e => e.Rooms).Include(e => e.Rounds).Include(e => e.Members).AsSplitQuery();

    /// <summary>The grid with only these members (a change that looks at a few people; an event has hundreds).</summary>
    public static Func<IQueryable<Event>, IQueryable<Event>> WithGridFor(IReadOnlyCollection<Guid> people) =>
        events => events.Include(e => e.Rooms).Include(e => e.Rounds).Include(e => e.Members.Where(m => people.Contains(m.PersonId))).AsSplitQuery();
}

/// <summary>Who calls, on which event, with which role at least, and how the event is loaded.</summary>
/// <param name="CallerId">The signed-in person.</param>
/// <param name="EventId">The event the call changes.</param>
/// <param name="Role">The least role the caller needs in the event.</param>
/// <param name="Denied">What a caller without that role is told.</param>
public sealed record EventRequest(Guid CallerId, Guid EventId, EventRole Role, RuleMessage Denied)
{
    /// <summary>What to load with the event; its members by default (the role check needs them).</summary>
    public Func<IQueryable<Event>, IQueryable<Event>> Include { get; init; } = events => events.Include(e => e.Members);

    /// <summary>How many times to try when saving loses a race (1: no retry).</summary>
    public int Attempts { get; init; } = 1;

    /// <summary>Which save failures are a lost race worth another attempt; the store reports them as domain exceptions.</summary>
    public Func<Exception, bool> IsLostRace { get; init; } = ex => ex is DomainException;
}

/// <summary>What the action sees: the context (one per attempt), the loaded event, the caller's membership and the time.</summary>
public sealed class EventAccess(AppDbContext db, Event evt, EventMember caller, DateTimeOffset now)
{
    public AppDbContext Db { get; } = db;

    public Event Event { get; } = evt;

    public EventMember Caller { get; } = caller;

    public DateTimeOffset Now { get; } = now;

    /// <summary>What is announced on the feed once the save succeeded; nothing when not set.</summary>
    public EventChange? Change { get; private set; }

    /// <summary>Announce <paramref name="kind"/> of change to this event's watchers after the save.</summary>
    public void Announce(ChangeKind kind, Guid? subjectId = null) => Change = new EventChange(Event.Id, kind, subjectId);
}
