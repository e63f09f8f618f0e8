using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Web.Features.Archive;

/// <summary>
/// The organizer's retention action (issue 13), carried out: once an archived event's erasure is due, everything in
/// the event that names or links to a person goes, in one transaction, and the session records stay anonymized.
/// <list type="bullet">
/// <item>Members leave, but the organizers (who keep running the archive); removal records go.</item>
/// <item>Seats, the waitlist, feedback, thanks, offers, drafts, follow-ups and their invitations, and the personal
/// calendar stamps are deleted; cards never placed are deleted.</item>
/// <item>The haver, the moderator and the record's last editor of each session, and the author of each placed card,
/// become a pseudonym: a new person row with no name, one per person, linked to nothing else.</item>
/// </list>
/// People's own accounts (their profile, their contact requests with others) are theirs, not the event's, and stay.
/// </summary>
public sealed class EventRetention(IDbContextFactory<AppDbContext> factory, IEventFeed feed, TimeProvider time, ILogger<EventRetention> logger)
{
    /// <summary>Erases every event whose erasure is due now; returns how many it erased.</summary>
    public async Task<int> PurgeDueAsync(CancellationToken ct = default)
    {
        List<Guid> due;
        var now = time.GetUtcNow();
        await using (var db = factory.CreateDbContext())
        {
            // Few events have a date; the check in memory keeps the comparison the same on both stores.
            var scheduled = await db.Events.AsNoTracking().Where(e => e.PurgeDueAt != null && e.PurgedAt == null)
                .Select(e => new { e.Id, e.PurgeDueAt }).ToListAsync(ct);
            due = [.. scheduled.Where(e => e.PurgeDueAt <= now).Select(e => e.Id)];
        }

        var erased = 0;
        foreach (var eventId in due)
        {
            if (await PurgeAsync(eventId, ct))
            {
                erased++;
            }
        }

        return erased;
    }

    /// <summary>Erases the event's personal data if it is due; false when it was not (or another instance did it first).</summary>
    public async Task<bool> PurgeAsync(Guid eventId, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.Include(e => e.Members).FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (evt is null || !evt.IsPurgeDue(now))
        {
            return false;
        }

        var pseudonyms = new Dictionary<Guid, Guid>();
        Guid Pseudonym(Guid personId)
        {
            if (!pseudonyms.TryGetValue(personId, out var id))
            {
                var nobody = new Person(Guid.NewGuid(), "erased", now);
                nobody.Erase();
                db.People.Add(nobody);
                id = pseudonyms[personId] = nobody.Id;
            }

            return id;
        }

        var sessions = await db.Sessions.Include(s => s.Reservations).Include(s => s.Seats).Include(s => s.Record)
            .Include(s => s.Feedback).Include(s => s.Kudos)
            .Where(s => s.EventId == eventId).AsSplitQuery().ToListAsync(ct);
        foreach (var session in sessions)
        {
            session.Anonymize(Pseudonym);
        }

        var placed = sessions.Select(s => s.CardId).ToHashSet();
        var cards = await db.Cards.Include(c => c.Offers).Where(c => c.EventId == eventId).ToListAsync(ct);
        foreach (var card in cards)
        {
            if (placed.Contains(card.Id))
            {
                card.Anonymize(Pseudonym(card.AuthorId));
            }
            else
            {
                db.Cards.Remove(card);
            }
        }

        db.CardDrafts.RemoveRange(await db.CardDrafts.Where(d => d.EventId == eventId).ToListAsync(ct));
        db.Set<FollowUp>().RemoveRange(await db.Set<FollowUp>().Include(f => f.Invitations).Where(f => f.EventId == eventId).ToListAsync(ct));
        db.Set<EventRemoval>().RemoveRange(await db.Set<EventRemoval>().Where(r => r.EventId == eventId).ToListAsync(ct));
        var stamps = await db.ExportStamps.Where(s => s.EventId == eventId).ToListAsync(ct);
        db.ExportStamps.RemoveRange(stamps.Where(s => s.Name.StartsWith("calendar/", StringComparison.Ordinal)));
        var members = evt.Members.Count;
        evt.ErasePersonalData(now);

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DomainException ex)
        {
            // Another instance erased it at the same moment (the event's token), or the event changed: the next check decides.
            logger.LogWarning("Erasing personal data of event {EventId} did not save: {Code}", eventId, ex.Code);
            return false;
        }

        logger.LogInformation(
            "Erased personal data of event {EventId}: {Members} members left, {Sessions} sessions and {Cards} placed cards anonymized, {People} pseudonyms",
            eventId, members - evt.Members.Count, sessions.Count, placed.Count, pseudonyms.Count);
        await feed.PublishAsync(new EventChange(eventId, ChangeKind.Event, null), CancellationToken.None);
        return true;
    }
}

/// <summary>
/// Checks for due erasures a minute after start (so that it never competes with start-up and the first requests) and
/// every few minutes after, on the injected clock: a restart loses nothing, it only checks again.
/// </summary>
public sealed class RetentionWorker(EventRetention retention, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    public static readonly TimeSpan FirstCheck = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(FirstCheck, time, stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await retention.PurgeDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The store may be away for a moment; the next tick tries again.
                logger.LogWarning(ex, "Checking for due personal-data erasures failed; trying again in {Interval}", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
