using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Cards;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Archive;

/// <summary>One session record in the archive, without a person's name.</summary>
public sealed record ArchiveEntry(
    Guid SessionId,
    string Title,
    string Language,
    string Room,
    int Round,
    DateTimeOffset StartsAt,
    string Notes,
    string Outcomes,
    string NextSteps,
    RecordVisibility Visibility);

/// <summary>
/// The archive as one reader sees it: <c>IsArchived</c> is false while the event runs (no archive yet); an organizer
/// (<c>IsOrganizer</c>) sees every record and sets visibility and retention; <c>Total</c> counts the records the
/// reader may see before the search, <c>Entries</c> those the search found.
/// </summary>
public sealed record ArchiveView(
    Guid EventId,
    string Slug,
    string Name,
    string TimeZoneId,
    bool IsArchived,
    bool IsOrganizer,
    DateTimeOffset? PurgeDueAt,
    DateTimeOffset? PurgedAt,
    int Total,
    IReadOnlyList<ArchiveEntry> Entries);

/// <summary>
/// The archive of an archived event (issue 13): its session records, searchable in Korean and English like the cards
/// (<see cref="SearchQuery"/>), each shown by its visibility: public records to anyone (signed in or not), attendee
/// records to members, private ones to the session's people and the organizers. A record the reader may not see is
/// never read from the store for them. No names: the archive is about problems and what came of them.
/// </summary>
public sealed class ArchiveService(EventGate gate, IDbContextFactory<AppDbContext> factory, ILogger<ArchiveService> logger)
{
    private static readonly RuleMessage OnlyOrganizers = new(RuleCode.OnlyOrganizers, "Only organizers of this event can do that.");

    /// <summary>The archive at <paramref name="slug"/> for <paramref name="viewerId"/> (null: not signed in), searched by <paramref name="query"/>.</summary>
    public async Task<ArchiveView?> GetAsync(Guid? viewerId, string slug, string? query, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Where(e => e.Slug == slug)
            .Select(e => new { e.Id, e.Slug, e.Name, e.TimeZoneId, e.Phase, e.PurgeDueAt, e.PurgedAt })
            .FirstOrDefaultAsync(ct);
        if (evt is null)
        {
            return null;
        }

        var role = viewerId is { } me
            ? await db.Set<EventMember>().AsNoTracking().Where(m => m.EventId == evt.Id && m.PersonId == me).Select(m => (EventRole?)m.Role).FirstOrDefaultAsync(ct)
            : null;
        var organizer = role == EventRole.Organizer;
        if (evt.Phase != EventPhase.Archived)
        {
            return new ArchiveView(evt.Id, evt.Slug, evt.Name, evt.TimeZoneId, false, organizer, null, null, 0, []);
        }

        var sessions = db.Sessions.AsNoTracking().Where(s => s.EventId == evt.Id && s.Status == SessionStatus.Active);
        if (!organizer)
        {
            // The filter runs in the store: a record the reader may not see never leaves it.
            var person = viewerId ?? Guid.Empty;
            var member = role is not null;
            sessions = sessions.Where(s =>
                s.Record.Visibility == RecordVisibility.Public
                || (member && s.Record.Visibility == RecordVisibility.Attendees)
                || (member && (s.ModeratorId == person || s.HaverId == person || s.Reservations.Any(r => r.PersonId == person && !r.IsWaitlisted))));
        }

        var rows = await sessions
            .Join(db.Cards, s => s.CardId, c => c.Id, (s, c) => new { Session = s, c.Title, c.Language })
            .Join(db.Set<Room>(), x => x.Session.RoomId, r => r.Id, (x, r) => new { x.Session, x.Title, x.Language, Room = r.Name })
            .Join(db.Set<Round>(), x => x.Session.RoundId, r => r.Id, (x, r) => new { x.Session, x.Title, x.Language, x.Room, Round = r.Number, r.StartsAt })
            .Select(x => new
            {
                x.Session.Id, x.Title, x.Language, x.Room, x.Round, x.StartsAt,
                x.Session.Record.Notes, x.Session.Record.Outcomes, x.Session.Record.NextSteps, x.Session.Record.Visibility,
            })
            .ToListAsync(ct);
        var entries = rows
            .Where(r => r.Notes.Length + r.Outcomes.Length + r.NextSteps.Length > 0)
            .Select(r => new ArchiveEntry(r.Id, r.Title, r.Language, r.Room, r.Round, r.StartsAt, r.Notes, r.Outcomes, r.NextSteps, r.Visibility))
            .OrderBy(e => e.StartsAt).ThenBy(e => e.Room, StringComparer.CurrentCulture)
            .ToList();
        return new ArchiveView(evt.Id, evt.Slug, evt.Name, evt.TimeZoneId, true, organizer, evt.PurgeDueAt, evt.PurgedAt, entries.Count, Search(entries, query));
    }

    /// <summary>The entries whose title, record or room hold every term of <paramref name="query"/> (Korean initials too), in order.</summary>
    public static IReadOnlyList<ArchiveEntry> Search(IReadOnlyList<ArchiveEntry> entries, string? query)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var search = SearchQuery.Parse(query);
        return search.IsEmpty ? entries : [.. entries.Where(e => search.Matches(SearchText.Of(e.Title, e.Notes, e.Outcomes, e.NextSteps, e.Room)))];
    }

    /// <summary>An organizer sets the archived event to erase its personal data after <paramref name="days"/> days.</summary>
    public async Task<ServiceResult> ScheduleRetentionAsync(Guid callerId, Guid eventId, int days, CancellationToken ct = default)
    {
        var result = await gate.RunAsync(new EventRequest(callerId, eventId, EventRole.Organizer, OnlyOrganizers), access =>
        {
            access.Event.ScheduleRetention(days, access.Now);
            return Task.FromResult(ServiceResult.Ok);
        }, ct);
        if (result.Succeeded)
        {
            logger.LogInformation("Organizer {PersonId} set event {EventId} to erase personal data after {Days} days", callerId, eventId, days);
        }

        return result;
    }

    /// <summary>An organizer stops a scheduled erasure that has not run.</summary>
    public Task<ServiceResult> CancelRetentionAsync(Guid callerId, Guid eventId, CancellationToken ct = default) =>
        gate.RunAsync(new EventRequest(callerId, eventId, EventRole.Organizer, OnlyOrganizers), access =>
        {
            access.Event.CancelRetention();
            return Task.FromResult(ServiceResult.Ok);
        }, ct);
}
