using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>What a join link leads to: an event, and the role the link gives.</summary>
public sealed record Invitation(Guid EventId, string Slug, string EventName, EventRole Role, EventPhase Phase)
{
    /// <summary>Whether the organizers closed joining: the page says so before anyone types a name.</summary>
    public bool IsJoiningClosed { get; init; }
}

/// <summary>The outcome of joining: the person now in the event, a new account to sign in, or a refusal.</summary>
public sealed record JoinOutcome(Guid? PersonId, AppUser? NewAccount, ServiceResult? Refusal)
{
    public bool Succeeded => PersonId is not null;

    /// <summary>The refusal in English, for logs and tests; pages say <see cref="Refusal"/> through RuleText.</summary>
    public string? Error => Refusal?.Error;

    /// <summary>The input a refusal is about, if any.</summary>
    public string? Field => Refusal?.Input?.Field;

    public static JoinOutcome Failed(ServiceResult refusal) => new(null, null, refusal);
}

/// <summary>
/// Joining an event by its link: a newcomer picks a display name and is an attendee (or a moderator, with the
/// moderator invite link) without an email or a password; an account can be kept later with a passkey or a password.
/// </summary>
public sealed class JoinService(
    IDbContextFactory<AppDbContext> factory,
    UserManager<AppUser> users,
    IEventFeed feed,
    TimeProvider time,
    ILogger<JoinService> logger)
{
    // Joins at once that lose the race for the event row try again with fresh data; a hall arriving together
    // collides often, so this is generous (each attempt is two short queries and one save).
    private const int AdmitAttempts = 20;

    public async Task<Invitation?> FindInvitationAsync(string? code, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32)
        {
            return null;
        }

        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking()
            .Where(e => e.JoinCode == code || e.ModeratorInviteCode == code)
            .Select(e => new { e.Id, e.Slug, e.Name, e.Phase, e.JoinCode, e.IsJoiningClosed })
            .FirstOrDefaultAsync(ct);
        return evt is null || evt.Phase == EventPhase.Archived
            ? null
            : new Invitation(evt.Id, evt.Slug, evt.Name, evt.JoinCode == code ? EventRole.Attendee : EventRole.Moderator, evt.Phase) { IsJoiningClosed = evt.IsJoiningClosed };
    }

    /// <summary>
    /// Adds the signed-in person, or a new person called <paramref name="displayName"/>, to the invitation's event.
    /// A member keeps a higher role they already have. Newcomers are refused while joining is closed and once the
    /// event's hourly admission is full; that is checked before a guest account is made, so a refused flood costs
    /// no accounts, and again when saving, where the event row's token lets only one of two joins take the last place.
    /// </summary>
    public async Task<JoinOutcome> JoinAsync(string code, Guid? signedInPersonId, string? displayName, CancellationToken ct = default)
    {
        var invitation = await FindInvitationAsync(code, ct);
        if (invitation is null)
        {
            return JoinOutcome.Failed(ServiceResult.NotFound(new RuleMessage(RuleCode.InvalidJoinLink, "This join link is not valid any more. Ask an organizer for the current one.")));
        }

        Guid? personId = null;
        await using (var db = factory.CreateDbContext())
        {
            if (signedInPersonId is not null && await db.People.AnyAsync(p => p.Id == signedInPersonId && !p.IsErased, ct))
            {
                personId = signedInPersonId;
            }

            var evt = await LoadAsync(db, invitation.EventId, ct);
            try
            {
                evt.EnsureCanAdmit(personId, time.GetUtcNow());
            }
            catch (DomainException ex)
            {
                logger.LogInformation("Join of event {EventId} refused: {Code}", evt.Id, ex.Code);
                return JoinOutcome.Failed(ServiceResult.Rejected(ex));
            }
        }

        AppUser? account = null;
        if (personId is null)
        {
            var guest = await CreateGuestAsync(displayName, ct);
            if (guest.Refusal is not null)
            {
                return guest;
            }

            account = guest.NewAccount;
            personId = guest.PersonId;
        }

        var admitted = await AdmitAsync(invitation, personId!.Value, ct);
        if (admitted is not null)
        {
            if (account is not null)
            {
                // The last place went to someone else meanwhile: the account made for this join goes again.
                await RemoveGuestAsync(account, personId.Value);
            }

            return JoinOutcome.Failed(admitted);
        }

        logger.LogInformation("Person {PersonId} joined event {EventId} as {Role}", personId, invitation.EventId, invitation.Role);
        await feed.PublishAsync(new EventChange(invitation.EventId, ChangeKind.Event, personId), CancellationToken.None);
        return new JoinOutcome(personId, account, null);
    }

    /// <summary>A new person with a sign-in account that has no email and no password (a guest until they add one).</summary>
    public async Task<JoinOutcome> CreateGuestAsync(string? displayName, CancellationToken ct = default)
    {
        Person person;
        try
        {
            person = new Person(Guid.CreateVersion7(), displayName ?? string.Empty, time.GetUtcNow());
        }
        catch (DomainException ex)
        {
            return JoinOutcome.Failed(ServiceResult.Rejected(ex));
        }

        await using var db = factory.CreateDbContext();
        db.People.Add(person);
        await db.SaveChangesAsync(ct);

        var account = new AppUser { Id = person.Id, UserName = GuestUserNames.New(), CreatedAt = person.CreatedAt };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded)
        {
            // Nothing half-made stays behind.
            db.People.Remove(person);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning("Could not create a guest account: {Errors}", string.Join(", ", created.Errors.Select(e => e.Code)));
            return JoinOutcome.Failed(ServiceResult.Rejected(new RuleMessage(RuleCode.JoinFailed, "Joining did not work this time. Please try again.")));
        }

        return new JoinOutcome(person.Id, account, null);
    }

    // Saves the admission; a lost race (another join changed the event row first) is read again and decided
    // again, so the last place of the hour goes to exactly one of them. Returns the refusal, or null when admitted.
    private async Task<ServiceResult?> AdmitAsync(Invitation invitation, Guid personId, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = factory.CreateDbContext();
            var evt = await LoadAsync(db, invitation.EventId, ct);
            try
            {
                evt.Admit(personId, invitation.Role, time.GetUtcNow());
                await db.SaveChangesAsync(ct);
                return null;
            }
            catch (ConcurrentEditException) when (attempt < AdmitAttempts)
            {
                continue;
            }
            catch (DomainException ex)
            {
                logger.LogInformation("Join of event {EventId} refused: {Code}", invitation.EventId, ex.Code);
                return ServiceResult.Rejected(ex);
            }
        }
    }

    private static Task<Event> LoadAsync(AppDbContext db, Guid eventId, CancellationToken ct) =>
        db.Events.Include(e => e.Members).Include(e => e.Removals).AsSplitQuery().FirstAsync(e => e.Id == eventId, ct);

    private async Task RemoveGuestAsync(AppUser account, Guid personId)
    {
        await users.DeleteAsync(account);
        await using var db = factory.CreateDbContext();
        await db.People.Where(p => p.Id == personId).ExecuteDeleteAsync(CancellationToken.None);
    }
}
