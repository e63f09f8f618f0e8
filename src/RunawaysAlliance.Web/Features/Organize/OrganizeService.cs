using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Organize;

/// <summary>What an organizer sees to manage the people of an event.</summary>
public sealed record OrganizerConsole(
    Guid EventId,
    string Slug,
    string EventName,
    string JoinCode,
    string ModeratorInviteCode,
    IReadOnlyList<MemberRow> Members)
{
    /// <summary>How many newcomers the join links admit in an hour.</summary>
    public int GuestsPerHour { get; init; } = Event.DefaultGuestsPerHour;

    /// <summary>How many open cards one person (not an organizer) may have.</summary>
    public int CardsPerPerson { get; init; } = Event.DefaultCardsPerPerson;

    /// <summary>Whether the join links admit anyone new.</summary>
    public bool IsJoiningClosed { get; init; }

    /// <summary>How many people joined within the last hour (removed ones included).</summary>
    public int JoinedLastHour { get; init; }

    /// <summary>Who was removed, by whom and with what, newest first.</summary>
    public IReadOnlyList<RemovalRow> Removals { get; init; } = [];

    /// <summary>The event's clock, for the times the console shows (the venue's, not the server's).</summary>
    public EventClock Clock { get; init; } = EventClock.For("UTC");
}

public sealed record MemberRow(Guid PersonId, string DisplayName, EventRole Role, DateTimeOffset JoinedAt);

/// <summary>A removal as the organizer console explains it.</summary>
public sealed record RemovalRow(Guid PersonId, string DisplayName, string RemovedBy, DateTimeOffset RemovedAt, int CardsWithdrawn, int CardsKept, int OffersWithdrawn);

/// <summary>
/// Organizer powers: roles, invite links, the flood limits, closing joining and removing a person. Every call checks on the server that the caller organizes
/// this event; a refused call changes nothing.
/// </summary>
public sealed class OrganizeService(
    IDbContextFactory<AppDbContext> factory,
    EventGate gate,
    TimeProvider time,
    ILogger<OrganizeService> logger)
{
    private static readonly RuleMessage OnlyOrganizers = new(RuleCode.OnlyOrganizers, "Only organizers of this event can do that.");

    /// <summary>The console for an organizer, or null when the caller does not organize this event.</summary>
    public async Task<OrganizerConsole?> GetConsoleAsync(Guid callerId, string slug, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Members).Include(e => e.Removals).AsSplitQuery()
            .FirstOrDefaultAsync(e => e.Slug == slug, ct);
        if (evt?.FindMember(callerId)?.Has(EventRole.Organizer) != true)
        {
            return null;
        }

        var ids = evt.Members.Select(m => m.PersonId)
            .Concat(evt.Removals.SelectMany(r => new[] { r.PersonId, r.RemovedById })).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        var members = evt.Members
            .OrderByDescending(m => m.Role).ThenBy(m => names.GetValueOrDefault(m.PersonId), StringComparer.CurrentCulture)
            .Select(m => new MemberRow(m.PersonId, names.GetValueOrDefault(m.PersonId) ?? "?", m.Role, m.JoinedAt))
            .ToList();
        var removals = evt.Removals.OrderByDescending(r => r.RemovedAt)
            .Select(r => new RemovalRow(r.PersonId, names.GetValueOrDefault(r.PersonId) ?? "?", names.GetValueOrDefault(r.RemovedById) ?? "?",
                r.RemovedAt, r.CardsWithdrawn, r.CardsKept, r.OffersWithdrawn))
            .ToList();
        return new OrganizerConsole(evt.Id, evt.Slug, evt.Name, evt.JoinCode, evt.ModeratorInviteCode, members)
        {
            GuestsPerHour = evt.GuestsPerHour,
            CardsPerPerson = evt.CardsPerPerson,
            IsJoiningClosed = evt.IsJoiningClosed,
            JoinedLastHour = evt.AdmittedWithinHour(time.GetUtcNow()),
            Removals = removals,
            Clock = EventClock.For(evt.TimeZoneId),
        };
    }

    /// <summary>Whether to offer the organizer console to this person (the console checks again itself).</summary>
    public async Task<bool> IsOrganizerAsync(Guid? callerId, Guid eventId, CancellationToken ct = default)
    {
        if (callerId is null)
        {
            return false;
        }

        await using var db = factory.CreateDbContext();
        return await db.Events.AsNoTracking()
            .Where(e => e.Id == eventId)
            .SelectMany(e => e.Members)
            .AnyAsync(m => m.PersonId == callerId && m.Role == EventRole.Organizer, ct);
    }

    /// <summary>Promotes or demotes a member. The last organizer cannot step down.</summary>
    public Task<ServiceResult> SetRoleAsync(Guid callerId, Guid eventId, Guid personId, EventRole role, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, evt => evt.SetRole(personId, role), ChangeKind.Event,
            () => logger.LogInformation("Organizer {CallerId} set person {PersonId} to {Role} in event {EventId}", callerId, personId, role, eventId), ct);

    /// <summary>A new join link: the old link and QR code stop working (for example after it leaked).</summary>
    public Task<ServiceResult> RenewJoinCodeAsync(Guid callerId, Guid eventId, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, evt => evt.RenewJoinCode(), ChangeKind.Event,
            () => logger.LogInformation("Organizer {CallerId} renewed the join link of event {EventId}", callerId, eventId), ct);

    /// <summary>A new moderator invite link: the old one stops working.</summary>
    public Task<ServiceResult> RenewModeratorInviteAsync(Guid callerId, Guid eventId, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, evt => evt.RenewModeratorInvite(), ChangeKind.Event,
            () => logger.LogInformation("Organizer {CallerId} renewed the moderator invite of event {EventId}", callerId, eventId), ct);

    /// <summary>Sets how many newcomers the join links admit in an hour and how many open cards one person may have.</summary>
    public Task<ServiceResult> SetLimitsAsync(Guid callerId, Guid eventId, int guestsPerHour, int cardsPerPerson, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, evt => evt.SetLimits(guestsPerHour, cardsPerPerson), ChangeKind.Event,
            () => logger.LogInformation("Organizer {CallerId} set event {EventId} to {GuestsPerHour} guests an hour and {CardsPerPerson} cards a person", callerId, eventId, guestsPerHour, cardsPerPerson), ct);

    /// <summary>Closes the join links to newcomers, or opens them again; members still sign in either way.</summary>
    public Task<ServiceResult> SetJoiningClosedAsync(Guid callerId, Guid eventId, bool closed, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, evt => evt.SetJoiningClosed(closed), ChangeKind.Event,
            () => logger.LogInformation("Organizer {CallerId} {Action} joining event {EventId}", callerId, closed ? "closed" : "opened", eventId), ct);

    /// <summary>
    /// Removes a person (a spammer) in one action: their open cards leave every board at once, their offers are
    /// taken back, their drafts go, they stop being a member and cannot join again; the removal is recorded.
    /// </summary>
    public async Task<ServiceResult> RemovePersonAsync(Guid callerId, Guid eventId, Guid personId, CancellationToken ct = default)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Organizer, OnlyOrganizers)
        {
            Include = events => events.Include(e => e.Members).Include(e => e.Removals).AsSplitQuery(),
            // An offer or an edit arriving on one of the cards meanwhile: read again and remove with it.
            Attempts = 3,
        };
        EventRemoval? removal = null;
        var result = await gate.RunAsync(request, async access =>
        {
            var theirCards = await access.Db.Cards.Include(c => c.Offers)
                .Where(c => c.EventId == eventId && c.AuthorId == personId).ToListAsync(ct);
            var offered = await access.Db.Cards.Include(c => c.Offers)
                .Where(c => c.EventId == eventId && c.Offers.Any(o => o.SolverId == personId)).ToListAsync(ct);
            removal = access.Event.RemovePerson(personId, callerId, theirCards, offered, access.Now);
            access.Db.CardDrafts.RemoveRange(await access.Db.CardDrafts.Where(d => d.EventId == eventId && d.AuthorId == personId).ToListAsync(ct));
            // Their seats go too, through the sessions, so that whoever waits longest moves up (as when an account is deleted).
            var seated = await access.Db.Sessions.Include(s => s.Reservations).Include(s => s.Seats)
                .Where(s => s.EventId == eventId && s.Reservations.Any(r => r.PersonId == personId)).AsSplitQuery().ToListAsync(ct);
            foreach (var session in seated)
            {
                session.CancelSeat(personId);
            }

            access.Announce(ChangeKind.Event, personId);
            return ServiceResult.Ok;
        }, ct);
        if (result.Succeeded && removal is not null)
        {
            logger.LogInformation(
                "Organizer {CallerId} removed person {PersonId} from event {EventId}: {CardsWithdrawn} cards withdrawn, {CardsKept} kept in a slot, {OffersWithdrawn} offers taken back",
                callerId, personId, eventId, removal.CardsWithdrawn, removal.CardsKept, removal.OffersWithdrawn);
        }

        return result;
    }

    private async Task<ServiceResult> AsOrganizerAsync(Guid callerId, Guid eventId, Action<Event> change, ChangeKind kind, Action log, CancellationToken ct)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Organizer, OnlyOrganizers);
        var result = await gate.RunAsync(request, access =>
        {
            change(access.Event);
            access.Announce(kind);
            return Task.FromResult(ServiceResult.Ok);
        }, ct);
        if (result.Succeeded)
        {
            log();
        }

        return result;
    }
}

/// <summary>
/// The very first organizer: when no account is an administrator yet, start-up prints a one-time setup link.
/// Whoever opens it (and picks a name, or is signed in) becomes administrator and organizer of every event.
/// No default passwords anywhere.
/// </summary>
public sealed class FirstOrganizerSetup(
    IDbContextFactory<AppDbContext> factory,
    IServiceScopeFactory scopes,
    TimeProvider time,
    ILogger<FirstOrganizerSetup> logger)
{
    public const string AdministratorRole = "Administrator";

    private readonly Lock _gate = new();
    private string? _token;

    /// <summary>Makes a setup token when nobody administers the instance yet; returns it (null when not needed).</summary>
    public async Task<string?> PrepareAsync(CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var hasAdministrator = await AdministratorIds(db).AnyAsync(ct);
        lock (_gate)
        {
            _token = hasAdministrator ? null : System.Security.Cryptography.RandomNumberGenerator.GetHexString(32, lowercase: true);
            return _token;
        }
    }

    /// <summary>The accounts in the Administrator role (they create events).</summary>
    public static IQueryable<Guid> AdministratorIds(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return from role in db.Roles
               join link in db.UserRoles on role.Id equals link.RoleId
               where role.Name == AdministratorRole
               select link.UserId;
    }

    public bool IsValid(string? token)
    {
        lock (_gate)
        {
            return _token is not null && token is not null &&
                   System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                       System.Text.Encoding.ASCII.GetBytes(_token), System.Text.Encoding.ASCII.GetBytes(token));
        }
    }

    /// <summary>Uses the token once: the person becomes administrator and organizer of every event.</summary>
    public async Task<bool> RedeemAsync(string token, Guid personId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!IsValid(token))
            {
                return false;
            }

            _token = null;
        }

        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole<Guid>>>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (!await roles.RoleExistsAsync(AdministratorRole))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(AdministratorRole) { Id = Guid.CreateVersion7() });
        }

        var user = await users.FindByIdAsync(personId.ToString());
        if (user is null)
        {
            return false;
        }

        await users.AddToRoleAsync(user, AdministratorRole);
        await using var db = factory.CreateDbContext();
        var now = time.GetUtcNow();
        foreach (var evt in await db.Events.Include(e => e.Members).ToListAsync(ct))
        {
            evt.AddMember(personId, EventRole.Organizer, now);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Person {PersonId} completed first-time setup and organizes every event", personId);
        return true;
    }
}
