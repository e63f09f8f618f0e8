using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>
/// A person's own profile (display name, "ask me about", private contact channels) and the public list of an
/// event's people. Only the caller's own profile is ever read with its channels or changed.
/// </summary>
public sealed class ProfileService(
    IDbContextFactory<AppDbContext> factory,
    IEventFeed feed,
    ILogger<ProfileService> logger)
{
    /// <summary>The caller's profile with their own channels, or null when there is no such (or an erased) person.</summary>
    public async Task<MyProfile?> GetMyProfileAsync(Guid callerId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        return person is null ? null : new MyProfile(person.Id, person.DisplayName, person.AskMeAbout, person.Contact, person.DefaultSharedChannels);
    }

    /// <summary>
    /// Saves the caller's profile. All fields are checked before anything is saved: one bad field saves nothing and
    /// the result names it. A new display name is announced to the boards of the person's events.
    /// </summary>
    public Task<ProfileSaveResult> UpdateAsync(Guid callerId, ProfileInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return StoreFailures.GuardAsync(logger, "a profile change", callerId, () => SaveAsync(callerId, input, ct), static failed => new ProfileSaveResult(failed));
    }

    private async Task<ProfileSaveResult> SaveAsync(Guid callerId, ProfileInput input, CancellationToken ct)
    {
        await using var db = factory.CreateDbContext();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        if (person is null)
        {
            return new ProfileSaveResult(ServiceResult.Forbidden(new RuleMessage(RuleCode.NoSuchPerson, PeopleMessages.NoSuchPerson)));
        }

        var oldName = person.DisplayName;
        try
        {
            // The entity is thrown away with the context if any of these refuses: nothing half-saved.
            person.Rename(input.DisplayName ?? string.Empty);
            person.DescribeInterests(input.AskMeAbout);
            person.SetContact(ContactDetails.Create(input.Email, input.Phone, input.Messenger, input.LinkedIn), input.DefaultSharedChannels);
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            return new ProfileSaveResult(ServiceResult.Rejected(ex), (ex as InvalidInputException)?.Field);
        }

        logger.LogInformation("Person {PersonId} updated their profile", callerId);
        if (!string.Equals(oldName, person.DisplayName, StringComparison.Ordinal))
        {
            // Boards show moderators by name: every event of the person re-reads.
            // Saved already: the caller's token no longer decides whether the boards hear of it.
            var events = await db.Set<EventMember>().AsNoTracking().Where(m => m.PersonId == callerId).Select(m => m.EventId).ToListAsync(CancellationToken.None);
            foreach (var eventId in events)
            {
                await feed.PublishAsync(new EventChange(eventId, ChangeKind.Event, callerId), CancellationToken.None);
            }
        }

        return ProfileSaveResult.Ok;
    }

    /// <summary>
    /// The members of an event with their public profiles (display name, "ask me about", role), and for a
    /// signed-in caller where they stand with each. Null when there is no such event. Never any channel values.
    /// </summary>
    public async Task<EventPeople?> ListEventPeopleAsync(Guid? callerId, string slug, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Where(e => e.Slug == slug).Select(e => new { e.Id, e.Slug, e.Name }).FirstOrDefaultAsync(ct);
        if (evt is null)
        {
            return null;
        }

        var members = await (
            from m in db.Set<EventMember>().AsNoTracking()
            where m.EventId == evt.Id
            join p in db.People on m.PersonId equals p.Id
            where !p.IsErased
            select new { p.Id, p.DisplayName, p.AskMeAbout, m.Role }).ToListAsync(ct);

        var me = callerId is { } id ? members.FirstOrDefault(m => m.Id == id) : null;
        var states = new Dictionary<Guid, ContactState>();
        var myChannels = ContactChannels.None;
        var myDefaults = ContactChannels.None;
        if (me is not null)
        {
            var mine = await db.People.AsNoTracking().Where(p => p.Id == me.Id)
                .Select(p => new { p.Contact, p.DefaultSharedChannels }).FirstAsync(ct);
            myChannels = mine.Contact.Present;
            myDefaults = mine.DefaultSharedChannels & myChannels;

            var open = await db.ContactRequests.AsNoTracking()
                .Where(r => (r.RequesterId == me.Id || r.RecipientId == me.Id) &&
                            (r.Status == ContactRequestStatus.Pending || r.Status == ContactRequestStatus.Accepted))
                .Select(r => new { r.RequesterId, r.RecipientId, r.Status })
                .ToListAsync(ct);
            foreach (var r in open)
            {
                var other = r.RequesterId == me.Id ? r.RecipientId : r.RequesterId;
                var state = r.Status == ContactRequestStatus.Accepted ? ContactState.Exchanged
                    : r.RequesterId == me.Id ? ContactState.Requested : ContactState.AskedMe;
                if (!states.TryGetValue(other, out var known) || state > known)
                {
                    states[other] = state;
                }
            }
        }

        var people = members
            .OrderByDescending(m => m.Role)
            .ThenBy(m => m.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(m => new EventPerson(m.Id, m.DisplayName, m.AskMeAbout, m.Role,
                m.Id == me?.Id ? ContactState.Self : states.GetValueOrDefault(m.Id)))
            .ToList();
        return new EventPeople(evt.Id, evt.Slug, evt.Name, me is not null, myChannels, myDefaults, people);
    }
}
