using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Organize;

/// <summary>What a new event starts with: the form on /events/new.</summary>
public sealed class NewEventInput
{
    public string Name { get; set; } = string.Empty;

    public string Slug { get; set; } = string.Empty;

    public string Venue { get; set; } = string.Empty;

    public DateOnly Date { get; set; }

    public string TimeZoneId { get; set; } = Event.DefaultTimeZoneId;

    /// <summary>Start from the generative-conference template (7 rooms, 3 rounds at 19, 20 and 21 o'clock).</summary>
    public bool UseTemplate { get; set; } = true;
}

/// <summary>The set-up page's view of an event: its details, phase, wall and grid, times in the event's zone.</summary>
public sealed record SetupView(
    Guid EventId,
    string Slug,
    string Name,
    string Venue,
    string TimeZoneId,
    EventPhase Phase,
    bool IsWallPublic,
    string WallCode,
    IReadOnlyList<SetupRoom> Rooms,
    IReadOnlyList<SetupRound> Rounds);

public sealed record SetupRoom(Guid Id, string Name, int Capacity, int Sessions);

public sealed record SetupRound(Guid Id, int Number, DateOnly Date, TimeOnly Start, int Minutes, int Sessions);

/// <summary>A session a grid change would break, with the free slots it could move to.</summary>
public sealed record AffectedSession(Guid SessionId, string Title, SlotName Slot, string ModeratorName, int SeatsTaken, int Waitlisted, IReadOnlyList<FreeSlot> MoveTargets);

/// <summary>
/// Creating an event and setting it up: details, time zone, rooms, rounds, phase and wall. Administrators of the site
/// create events; the organizers of an event change it. Every call checks that on the server; a refused call changes
/// nothing. A change of the grid that touches placed sessions is previewed first (<see cref="PreviewAsync"/>) and applied
/// with the organizer's choice for each of them (<see cref="ChangeGridAsync"/>).
/// </summary>
public sealed class SetupService(
    IDbContextFactory<AppDbContext> factory,
    EventGate gate,
    IEventFeed feed,
    TimeProvider time,
    ILogger<SetupService> logger)
{
    /// <summary>Slugs a route already uses.</summary>
    private static readonly HashSet<string> ReservedSlugs = new(StringComparer.Ordinal) { "new" };

    private static readonly RuleMessage OnlyOrganizers = new(RuleCode.OnlyOrganizers, "Only organizers of this event can do that.");

    private static readonly RuleMessage OnlyAdministrators = new(RuleCode.OnlyAdministratorsCreateEvents, "Only administrators of this site can create events.");

    /// <summary>Whether the person administers the site (and so may create events).</summary>
    public async Task<bool> IsAdministratorAsync(Guid? personId, CancellationToken ct = default)
    {
        if (personId is null)
        {
            return false;
        }

        await using var db = factory.CreateDbContext();
        return await FirstOrganizerSetup.AdministratorIds(db).AnyAsync(id => id == personId, ct);
    }

    /// <summary>Creates an event in the Setup phase, with its creator as organizer, from the template unless asked not to.</summary>
    public async Task<ServiceResult> CreateEventAsync(Guid callerId, NewEventInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!await IsAdministratorAsync(callerId, ct))
        {
            return ServiceResult.Forbidden(OnlyAdministrators);
        }

        return await StoreFailures.GuardAsync(logger, "creating an event", callerId, async () =>
        {
            Event evt;
            try
            {
                evt = new Event(Guid.CreateVersion7(), input.Slug, input.Name, input.Venue, input.TimeZoneId, time.GetUtcNow());
                if (input.UseTemplate)
                {
                    evt.ApplyGenerativeConferenceTemplate(input.Date);
                }

                evt.AddMember(callerId, EventRole.Organizer, time.GetUtcNow());
            }
            catch (DomainException ex)
            {
                return ServiceResult.Rejected(ex);
            }

            await using var db = factory.CreateDbContext();
            if (ReservedSlugs.Contains(evt.Slug) || await db.Events.AnyAsync(e => e.Slug == evt.Slug, ct))
            {
                return ServiceResult.Rejected(new InvalidInputException("slug", RuleCode.SlugTaken, $"The address \"{evt.Slug}\" is already used by another event.", arguments: [evt.Slug]));
            }

            db.Events.Add(evt);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DomainException ex)
            {
                // Two organizers picked the same address at once: the store's unique index says which lost.
                return ServiceResult.Rejected(ex);
            }

            await feed.PublishAsync(new EventChange(evt.Id, ChangeKind.Event, null), CancellationToken.None);
            logger.LogInformation("Person {CallerId} created event {EventId} ({Slug}), template {UseTemplate}", callerId, evt.Id, evt.Slug, input.UseTemplate);
            return ServiceResult.Created(evt.Id);
        });
    }

    /// <summary>The set-up view for an organizer of the event, or null for anyone else.</summary>
    public async Task<SetupView?> GetAsync(Guid callerId, string slug, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await EventLoads.WithGrid(db.Events.AsNoTracking()).FirstOrDefaultAsync(e => e.Slug == slug, ct);
        if (evt?.FindMember(callerId)?.Has(EventRole.Organizer) != true)
        {
            return null;
        }

        var sessions = await db.ActiveSessionsOf(evt.Id).AsNoTracking().Select(s => new { s.RoomId, s.RoundId }).ToListAsync(ct);
        var clock = EventClock.For(evt.TimeZoneId);
        return new SetupView(
            evt.Id, evt.Slug, evt.Name, evt.Venue, evt.TimeZoneId, evt.Phase, evt.IsWallPublic, evt.WallCode,
            [.. evt.Rooms.Select(r => new SetupRoom(r.Id, r.Name, r.Capacity, sessions.Count(s => s.RoomId == r.Id)))],
            [.. evt.Rounds.Select(r =>
            {
                var local = clock.Local(r.StartsAt);
                return new SetupRound(r.Id, r.Number, DateOnly.FromDateTime(local.DateTime), TimeOnly.FromDateTime(local.DateTime),
                    (int)Math.Round(r.Duration.TotalMinutes), sessions.Count(s => s.RoundId == r.Id));
            })]);
    }

    /// <summary>Changes the name, the venue and the time zone (rounds keep their clock times).</summary>
    public Task<ServiceResult> ChangeDetailsAsync(Guid callerId, Guid eventId, string name, string venue, string timeZoneId, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, access =>
        {
            access.Event.ChangeDetails(name, venue);
            access.Event.ChangeTimeZone(timeZoneId);
            return Task.CompletedTask;
        }, "changed the details of", ct);

    /// <summary>Adds a room at the end of the board.</summary>
    public Task<ServiceResult> AddRoomAsync(Guid callerId, Guid eventId, string name, int capacity, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, access =>
        {
            access.Event.AddRoom(name, capacity);
            return Task.CompletedTask;
        }, "added a room to", ct);

    /// <summary>Renames a room.</summary>
    public Task<ServiceResult> RenameRoomAsync(Guid callerId, Guid eventId, Guid roomId, string name, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, access =>
        {
            access.Event.RenameRoom(roomId, name);
            return Task.CompletedTask;
        }, "renamed a room of", ct);

    /// <summary>Adds a round at a local date and clock time of the event.</summary>
    public Task<ServiceResult> AddRoundAsync(Guid callerId, Guid eventId, DateOnly date, TimeOnly start, int minutes, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, access =>
        {
            access.Event.AddRound(access.Event.AtLocal(date, start), TimeSpan.FromMinutes(minutes));
            return Task.CompletedTask;
        }, "added a round to", ct);

    /// <summary>Moves a round or changes its length; its sessions move with it.</summary>
    public Task<ServiceResult> ChangeRoundAsync(Guid callerId, Guid eventId, Guid roundId, DateOnly date, TimeOnly start, int minutes, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, async access =>
        {
            var sessions = await access.Db.ActiveSessionsOf(eventId).Include(s => s.Timer).Where(s => s.RoundId == roundId).ToListAsync(ct);
            access.Event.ChangeRound(roundId, access.Event.AtLocal(date, start), TimeSpan.FromMinutes(minutes), sessions);
        }, "changed a round of", ct);

    /// <summary>Moves the event to the next phase (never back).</summary>
    public Task<ServiceResult> AdvanceAsync(Guid callerId, Guid eventId, EventPhase phase, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, access =>
        {
            access.Event.AdvanceTo(phase);
            return Task.CompletedTask;
        }, $"moved to {phase}", ct);

    /// <summary>Opens the wall to anyone with its address, or back to the secret link only.</summary>
    public Task<ServiceResult> SetWallPublicAsync(Guid callerId, Guid eventId, bool isPublic, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, access =>
        {
            access.Event.SetWallPublic(isPublic);
            return Task.CompletedTask;
        }, isPublic ? "made the wall public for" : "made the wall secret for", ct);

    /// <summary>A new secret wall link; the old one stops working.</summary>
    public Task<ServiceResult> RenewWallCodeAsync(Guid callerId, Guid eventId, CancellationToken ct = default) =>
        AsOrganizerAsync(callerId, eventId, access =>
        {
            access.Event.RenewWallCode();
            return Task.CompletedTask;
        }, "renewed the wall link of", ct);

    /// <summary>
    /// The sessions a grid change would break, each with the free slots it could move to (not in the changed room or
    /// round, not where its moderator or haver is busy, with room for its seats). A refusal when the caller does not
    /// organize the event or the change itself is refused (an unknown room, a capacity below one).
    /// </summary>
    public async Task<(ServiceResult Result, IReadOnlyList<AffectedSession> Sessions)> PreviewAsync(Guid callerId, Guid eventId, GridChange change, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        IReadOnlyList<AffectedSession> affected = [];
        var result = await StoreFailures.GuardAsync(logger, "previewing a grid change", callerId, async () =>
        {
            await using var db = factory.CreateDbContext();
            var evt = await EventLoads.WithGrid(db.Events.AsNoTracking()).FirstOrDefaultAsync(e => e.Id == eventId, ct);
            if (evt is null)
            {
                return ServiceResult.NotFound(EventGate.NoSuchEvent);
            }

            if (evt.FindMember(callerId)?.Has(EventRole.Organizer) != true)
            {
                return ServiceResult.Forbidden(OnlyOrganizers);
            }

            var board = await db.ActiveSessionsOf(eventId).AsNoTracking().Include(s => s.Seats).ToListAsync(ct);
            IReadOnlyList<Session> touched;
            try
            {
                touched = evt.SessionsAffectedBy(change, board);
            }
            catch (DomainException ex)
            {
                return ServiceResult.Rejected(ex);
            }

            var ids = touched.Select(s => s.CardId).ToList();
            var titles = await db.Cards.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
            var moderatorIds = touched.Select(s => s.ModeratorId).ToList();
            var names = await db.People.AsNoTracking().Where(p => moderatorIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
            affected = [.. touched.Select(s => new AffectedSession(
                s.Id, titles.GetValueOrDefault(s.CardId) ?? "?", evt.SlotOf(s), names.GetValueOrDefault(s.ModeratorId) ?? "?",
                s.Seats.Taken, s.Seats.Waitlisted, MoveTargets(evt, change, s, board)))];
            return ServiceResult.Ok;
        });
        return (result, affected);
    }

    /// <summary>
    /// Removes a room or round, or resizes a room, settling each touched session as chosen. Released sessions there
    /// (now or before) leave with the room or round unless one of them has a record, which keeps the room or round.
    /// </summary>
    public async Task<ServiceResult> ChangeGridAsync(Guid callerId, Guid eventId, GridChange change, IReadOnlyCollection<SessionResolution> resolutions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        GridChangeOutcome? outcome = null;
        var request = new EventRequest(callerId, eventId, EventRole.Organizer, OnlyOrganizers) { Include = EventLoads.WithGrid, Attempts = 3 };
        var result = await gate.RunAsync(request, async access =>
        {
            var board = await access.Db.ActiveSessionsOf(eventId)
                .Include(s => s.Seats).Include(s => s.Timer).Include(s => s.Record).Include(s => s.Reservations).AsSplitQuery().ToListAsync(ct);
            var cardIds = board.Select(s => s.CardId).ToList();
            var cards = await access.Db.Cards.Where(c => cardIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            // Sessions that gave their slot back keep a foreign key to it: they leave with the room or round, but never a record.
            var roomId = (change as RemoveRoom)?.RoomId;
            var roundId = (change as RemoveRound)?.RoundId;
            var gone = roomId is null && roundId is null ? [] : await access.Db.Sessions.Include(s => s.Record)
                .Where(s => s.EventId == eventId && s.Status != SessionStatus.Active && (s.RoomId == roomId || s.RoundId == roundId))
                .ToListAsync(ct);
            // The change tracker must see the released sessions deleted before it sees the room or round go: a session
            // still pointing at a removed round is exactly what the store's foreign key refuses.
            access.Db.ChangeTracker.AutoDetectChangesEnabled = false;
            outcome = access.Event.ChangeGrid(change, resolutions, board, cards, access.Now);
            gone.AddRange(outcome.Released.Where(s => s.RoomId == roomId || s.RoundId == roundId));
            if (gone.FirstOrDefault(s => !s.Record.IsEmpty) is { } kept)
            {
                var title = cards.GetValueOrDefault(kept.CardId)?.Title
                    ?? await access.Db.Cards.Where(c => c.Id == kept.CardId).Select(c => c.Title).FirstOrDefaultAsync(ct) ?? "?";
                return ServiceResult.Rejected(new RuleMessage(RuleCode.ReleasedSessionHasRecord,
                    $"A released session, \"{title}\", has a record there; it stays with its room and round.", title));
            }

            access.Db.Sessions.RemoveRange(gone);
            access.Db.ChangeTracker.DetectChanges();
            access.Db.ChangeTracker.AutoDetectChangesEnabled = true;
            access.Announce(ChangeKind.Event);
            return ServiceResult.Ok;
        }, ct);
        if (result.Succeeded && outcome is not null)
        {
            logger.LogInformation(
                "Organizer {CallerId} changed the grid of event {EventId} ({Change}): {Moved} sessions moved, {Released} released, {Promoted} people moved up",
                callerId, eventId, change.GetType().Name, outcome.Moved.Count, outcome.Released.Count, outcome.Promoted.Count);
        }

        return result;
    }

    // Where a touched session could move: free for its people, outside the changed room or round, big enough for its seats.
    private static List<FreeSlot> MoveTargets(Event evt, GridChange change, Session session, List<Session> board)
    {
        var roomId = change switch { RemoveRoom r => r.RoomId, ResizeRoom r => r.RoomId, _ => Guid.Empty };
        var roundId = (change as RemoveRound)?.RoundId ?? Guid.Empty;
        return [.. evt.FreeSlotsFor(session.HaverId, session.ModeratorId, board, session.Id)
            .Where(slot => slot.Room.Id != roomId && slot.Round.Id != roundId && slot.Room.Capacity >= session.Seats.Taken)
            .Select(slot => new FreeSlot(slot.Room.Id, slot.Round.Id, new SlotName(slot.Room.Name, slot.Round.Number), slot.Room.Capacity))];
    }


    private async Task<ServiceResult> AsOrganizerAsync(Guid callerId, Guid eventId, Func<EventAccess, Task> change, string what, CancellationToken ct)
    {
        var request = new EventRequest(callerId, eventId, EventRole.Organizer, OnlyOrganizers) { Include = EventLoads.WithGrid };
        var result = await gate.RunAsync(request, async access =>
        {
            await change(access);
            access.Announce(ChangeKind.Event);
            return ServiceResult.Ok;
        }, ct);
        if (result.Succeeded)
        {
            logger.LogInformation("Organizer {CallerId} {What} event {EventId}", callerId, what, eventId);
        }

        return result;
    }
}
