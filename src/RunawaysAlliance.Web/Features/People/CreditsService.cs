using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.People;

/// <summary>One thank-you received: its note, the session's card and the event.</summary>
public sealed record CreditLine(string Note, string CardTitle, string CardLanguage, string EventName, DateTimeOffset GivenAt);

/// <summary>A person's credit ledger across events: thanks received and sessions helped.</summary>
public sealed record CreditLedger(Guid PersonId, string Name, bool Shared, IReadOnlyList<CreditLine> Thanks, int SessionsHelped);

/// <summary>A contributor of one event, for its organizers.</summary>
public sealed record Contributor(Guid PersonId, string Name, int Thanks, int SessionsHelped);

/// <summary>
/// Credits (issue 13): what solvers get back for their time. A person always sees their own ledger; others see it
/// only when the person turned sharing on (off by default). Organizers see their event's top contributors.
/// </summary>
public sealed class CreditsService(IDbContextFactory<AppDbContext> factory, TimeProvider time)
{
    /// <summary>The ledger as <paramref name="viewerId"/> may see it: their own, or a shared one; null otherwise (not even the name).</summary>
    public async Task<CreditLedger?> LedgerAsync(Guid personId, Guid? viewerId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var person = await db.People.AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId && !p.IsErased, ct);
        if (person is null || (viewerId != personId && !person.SharesCredits))
        {
            return null;
        }

        var thanks = await (
            from k in db.Set<Kudos>().AsNoTracking()
            where k.ToId == personId
            join s in db.Sessions on k.SessionId equals s.Id
            where s.Status == SessionStatus.Active
            join c in db.Cards on s.CardId equals c.Id
            join e in db.Events on s.EventId equals e.Id
            orderby k.GivenAt descending
            select new CreditLine(k.Note, c.Title, c.Language, e.Name, k.GivenAt)).ToListAsync(ct);
        var helped = await HelpedAsync(db, personId, null, ct);
        return new CreditLedger(person.Id, person.DisplayName, person.SharesCredits, thanks, helped.GetValueOrDefault(personId));
    }

    /// <summary>Shows or hides the caller's ledger on their public profile.</summary>
    public async Task<ServiceResult> ShareAsync(Guid callerId, bool share, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var person = await db.People.FirstOrDefaultAsync(p => p.Id == callerId && !p.IsErased, ct);
        if (person is null)
        {
            return ServiceResult.Forbidden(new RuleMessage(RuleCode.NoSuchPerson, PeopleMessages.NoSuchPerson));
        }

        person.ShareCredits(share);
        await db.SaveChangesAsync(ct);
        return ServiceResult.Ok;
    }

    /// <summary>The event's people ranked by thanks received there, then sessions helped; organizers only (null for anyone else).</summary>
    public async Task<IReadOnlyList<Contributor>?> TopAsync(Guid? callerId, Guid eventId, int count = 10, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var caller = callerId is { } me
            ? await db.Set<EventMember>().AsNoTracking().FirstOrDefaultAsync(m => m.EventId == eventId && m.PersonId == me, ct)
            : null;
        if (caller is null || !caller.Has(EventRole.Organizer))
        {
            return null;
        }

        var thanks = await (
            from k in db.Set<Kudos>().AsNoTracking()
            join s in db.Sessions on k.SessionId equals s.Id
            where s.EventId == eventId && s.Status == SessionStatus.Active
            group k by k.ToId into g
            select new { PersonId = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.PersonId, x => x.Count, ct);
        var helped = await HelpedAsync(db, null, eventId, ct);
        var ids = thanks.Keys.Union(helped.Keys).ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && !p.IsErased).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        return [.. ids.Where(names.ContainsKey)
            .Select(id => new Contributor(id, names[id], thanks.GetValueOrDefault(id), helped.GetValueOrDefault(id)))
            .Where(c => c.Thanks > 0)
            .OrderByDescending(c => c.Thanks).ThenByDescending(c => c.SessionsHelped).ThenBy(c => c.Name, StringComparer.CurrentCulture)
            .Take(count)];
    }

    // Sessions a person helped in: they moderated or held a seat in someone else's session that is over.
    private async Task<Dictionary<Guid, int>> HelpedAsync(AppDbContext db, Guid? personId, Guid? eventId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var sessions = await db.Sessions.AsNoTracking().Include(s => s.Reservations).Include(s => s.Timer)
            .Where(s => s.Status == SessionStatus.Active && (eventId == null || s.EventId == eventId))
            .Where(s => personId == null || s.ModeratorId == personId || s.Reservations.Any(r => r.PersonId == personId && !r.IsWaitlisted))
            .AsSplitQuery().ToListAsync(ct);
        var roundIds = sessions.Select(s => s.RoundId).Distinct().ToList();
        var rounds = await db.Set<Round>().AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, ct);
        return sessions
            .Where(s => s.HasEnded(rounds[s.RoundId], now))
            .SelectMany(s => s.Helpers)
            .Where(p => personId == null || p == personId)
            .GroupBy(p => p).ToDictionary(g => g.Key, g => g.Count());
    }
}
