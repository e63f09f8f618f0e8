using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Feed;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Common;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Planning;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Plan;

/// <summary>
/// "Suggest an arrangement" for organizers: reads the event into a planning instance, runs the planner within
/// the organizer's time limit, and applies a preview atomically after checking that nobody changed the board
/// since (a slot claimed, a session released): then it reports what changed instead of overwriting.
/// </summary>
public sealed class PlanService(
    EventGate gate,
    PlannerRuns runs,
    ILogger<PlanService> logger)
{
    public const string OnlyOrganizers = "Only organizers of this event can plan its slots.";

    /// <summary>The longest an organizer may let the planner think.</summary>
    public static readonly TimeSpan MaxTimeLimit = TimeSpan.FromSeconds(60);

    private static readonly RuleMessage OnlyOrganizersPlan = new(RuleCode.OnlyOrganizersPlan, OnlyOrganizers);

    private static readonly RuleMessage AlreadyRunning = new(RuleCode.PlanAlreadyRunning, "The planner is already working on this event. Wait for that suggestion, then try again.");

    /// <summary>Plans the event's open slots. Sessions with reserved seats always stay; other placed sessions stay unless <paramref name="movePlaced"/>.</summary>
    public async Task<(ServiceResult Result, PlanPreview? Preview)> SuggestAsync(Guid callerId, Guid eventId, TimeSpan timeLimit, bool movePlaced, CancellationToken ct = default)
    {
        PlanPreview? preview = null;
        var result = await gate.RunAsync(Organizer(callerId, eventId), async access =>
        {
            // Checked after the role, so that only organizers learn that a plan is being worked out.
            using var run = runs.TryStart(eventId);
            if (run is null)
            {
                return ServiceResult.Rejected(AlreadyRunning);
            }

            var active = await ActiveSessionsAsync(access.Db, eventId, ct);
            var limit = timeLimit <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : timeLimit > MaxTimeLimit ? MaxTimeLimit : timeLimit;
            var read = await ReadAsync(access.Db, access.Event, active, movePlaced, ct);
            // The solver blocks its thread for the whole budget: keep it off the circuit's.
            Planning.Plan plan;
            try
            {
                plan = await Task.Run(() => Planner.Solve(read.Instance, new PlannerOptions(limit, Seed: 1, Workers: 1), ct), ct);
            }
            catch (PlanningInstanceException ex)
            {
                // The board as it is breaks a rule the planner relies on (it should not happen: the domain enforces them).
                logger.LogWarning(ex, "Event {EventId} could not be planned", eventId);
                return ServiceResult.Rejected(new RuleMessage(RuleCode.PlanImpossible, ex.Message));
            }

            logger.LogInformation("Planned event {EventId}: {Status} in {Elapsed} ms, objective {Objective} (greedy {Greedy})",
                eventId, plan.Status, (long)plan.Elapsed.TotalMilliseconds, plan.Score.Objective, plan.Greedy.Objective);
            preview = Preview(access.Event, read, plan);
            return ServiceResult.Ok;
        }, ct);
        return (result, result.Succeeded ? preview : null);
    }

    /// <summary>
    /// Applies a preview in one transaction: moved sessions are released and the new sessions claimed through the
    /// domain (every rule checked again). If the board changed since the preview, nothing is applied and the
    /// result names what changed.
    /// </summary>
    public async Task<ServiceResult> ApplyAsync(Guid callerId, PlanPreview preview, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(preview);
        var result = await gate.RunAsync(Organizer(callerId, preview.EventId), async access =>
        {
            var (db, evt) = (access.Db, access.Event);
            var active = await ActiveSessionsAsync(db, evt.Id, ct);
            var changed = await ChangesSinceAsync(db, evt, active, preview, ct);
            if (changed.Count > 0)
            {
                return ServiceResult.Rejected(PlanMessages.BoardChanged(changed));
            }

            var cardIds = preview.Changes.Select(c => c.CardId).ToList();
            var board = active.ToDictionary(s => s.Id);
            var cards = await db.Cards.Where(c => cardIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            try
            {
                // Release first and save, so that a session moving into a slot another one leaves never meets the
                // one-session-per-slot index halfway.
                foreach (var move in preview.Changes.Where(c => c.FromSessionId is not null))
                {
                    // Both are there: ChangesSinceAsync found every session of the preview still holding its slot.
                    var session = board[move.FromSessionId!.Value];
                    if (!cards.TryGetValue(session.CardId, out var movedCard))
                    {
                        return ServiceResult.Rejected(PlanMessages.BoardChanged([PlanMessages.Deleted(move.CardTitle)]));
                    }

                    session.Release(movedCard, access.Now);
                }

                await db.SaveChangesAsync(ct);
                foreach (var change in preview.Changes.Where(c => !c.IsDrop))
                {
                    if (!cards.TryGetValue(change.CardId, out var card))
                    {
                        return ServiceResult.Rejected(PlanMessages.BoardChanged([PlanMessages.Deleted(change.CardTitle)]));
                    }

                    var claimed = evt.ClaimSlot(card, change.RoomId, change.RoundId, change.ModeratorId, board.Values, access.Now);
                    db.Sessions.Add(claimed);
                    board.Add(claimed.Id, claimed);
                }

                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
            }
            catch (DomainException ex)
            {
                // A rule said no (a card withdrawn, a moderator's role removed, a slot claimed a moment ago): nothing is applied.
                await transaction.RollbackAsync(ct);
                return ServiceResult.Rejected(PlanMessages.BoardChanged([ex.ToRuleMessage()]));
            }

            access.Announce(ChangeKind.Session, evt.Id);
            return ServiceResult.Ok;
        }, ct);

        if (result.Succeeded)
        {
            logger.LogInformation("Applied a plan to event {EventId}: {Count} sessions placed or moved", preview.EventId, preview.Changes.Count);
        }

        return result;
    }

    private static EventRequest Organizer(Guid callerId, Guid eventId) =>
        new(callerId, eventId, EventRole.Organizer, OnlyOrganizersPlan)
        {
            Include = events => events.Include(e => e.Rooms).Include(e => e.Rounds).Include(e => e.Members).AsSplitQuery(),
        };

    private static Task<List<Session>> ActiveSessionsAsync(AppDbContext db, Guid eventId, CancellationToken ct) =>
        db.ActiveSessionsOf(eventId).Include(s => s.Seats).Include(s => s.Reservations).AsSplitQuery().ToListAsync(ct);

    private static async Task<EventRead> ReadAsync(AppDbContext db, Event evt, IReadOnlyList<Session> active, bool movePlaced, CancellationToken ct)
    {
        var cards = await db.Cards.AsNoTracking()
            .Where(c => c.EventId == evt.Id && c.Status == CardStatus.Open)
            .Select(c => new { c.Id, c.Title, c.AuthorId, Solvers = c.Offers.Select(o => o.SolverId).ToList() })
            .ToListAsync(ct);
        var people = await db.People.AsNoTracking()
            .Where(p => evt.Members.Select(m => m.PersonId).Contains(p.Id) || cards.Select(c => c.AuthorId).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);

        var sessionOfCard = active.ToDictionary(s => s.CardId);
        // Seats are promises: a session people reserved in stays where it is, even when placed sessions may move.
        bool Stays(Session s) => !movePlaced || s.Reservations.Count > 0;

        var interests = new Dictionary<Guid, HashSet<Guid>>();
        void Want(Guid person, Guid card) => (interests.TryGetValue(person, out var set) ? set : interests[person] = []).Add(card);
        foreach (var card in cards)
        {
            foreach (var solver in card.Solvers)
            {
                Want(solver, card.Id);
            }
        }

        foreach (var s in active)
        {
            foreach (var r in s.Reservations)
            {
                Want(r.PersonId, s.CardId);
            }
        }

        var openCards = cards.Select(c => c.Id).ToHashSet();
        var instance = new PlanningInstance(
            [.. evt.Rooms.Select(r => new PlanRoom(Id(r.Id), r.Capacity, r.Name))],
            [.. evt.Rounds.Select(r => new PlanRound(Id(r.Id), r.Number.ToString(CultureInfo.InvariantCulture)))],
            [.. cards.Select(c => new PlanCard(Id(c.Id), Id(c.AuthorId),
                sessionOfCard.TryGetValue(c.Id, out var s) && !Stays(s) ? Id(s.ModeratorId) : null, c.Title))],
            // Volunteers: members who moderate (organizers run the evening and claim by hand when they want to).
            [.. evt.Members.Where(m => m.Role == EventRole.Moderator).Select(m => Id(m.PersonId))],
            [.. interests.Select(kv => new PlanPerson(Id(kv.Key), [.. kv.Value.Where(openCards.Contains).Select(Id)]))],
            [.. active.Where(s => Stays(s) && openCards.Contains(s.CardId)).Select(s => new Placement(Id(s.CardId), Id(s.RoomId), Id(s.RoundId), Id(s.ModeratorId)))],
            [.. active.Where(s => !Stays(s) && openCards.Contains(s.CardId)).Select(s => new Placement(Id(s.CardId), Id(s.RoomId), Id(s.RoundId), Id(s.ModeratorId)))]);
        return new EventRead(instance, cards.ToDictionary(c => c.Id, c => c.Title), people, sessionOfCard);
    }

    private static PlanPreview Preview(Event evt, EventRead read, Planning.Plan plan)
    {
        var rooms = evt.Rooms.ToDictionary(r => r.Id);
        var rounds = evt.Rounds.ToDictionary(r => r.Id);
        var changes = new List<PlanChange>();
        foreach (var p in plan.Placements)
        {
            var cardId = Guid.Parse(p.Card);
            var (roomId, roundId, moderatorId) = (Guid.Parse(p.Room), Guid.Parse(p.Round), Guid.Parse(p.Moderator!));
            var current = read.SessionOfCard.GetValueOrDefault(cardId);
            if (current is not null && current.RoomId == roomId && current.RoundId == roundId)
            {
                continue;
            }

            changes.Add(new PlanChange(
                cardId, read.Titles.GetValueOrDefault(cardId, "?"),
                roomId, rooms[roomId].Name, roundId, rounds[roundId].Number,
                moderatorId, read.Names.GetValueOrDefault(moderatorId, "?"),
                current?.Id,
                current is null ? null : evt.SlotLabel(current)));
        }

        // A session that was allowed to move and is in no slot of the plan goes back to the waiting cards.
        var planned = plan.Placements.Select(p => Guid.Parse(p.Card)).ToHashSet();
        foreach (var dropped in read.SessionOfCard.Values.Where(s => !planned.Contains(s.CardId)))
        {
            changes.Add(new PlanChange(
                dropped.CardId, read.Titles.GetValueOrDefault(dropped.CardId, "?"),
                Guid.Empty, string.Empty, Guid.Empty, 0, Guid.Empty, string.Empty,
                dropped.Id, evt.SlotLabel(dropped)));
        }

        return new PlanPreview(
            evt.Id,
            [.. changes.OrderBy(c => c.RoundNumber).ThenBy(c => c.RoomName, StringComparer.Ordinal)],
            [.. read.SessionOfCard.Values.Select(s => new SessionBasis(s.Id, s.RoomId, s.RoundId))],
            plan.Before, plan.Score, plan.Greedy, plan.Status, plan.Gap, plan.Elapsed, plan.Options.TimeLimit);
    }

    // What differs between the board the preview was made from and the board now.
    private static async Task<List<RuleMessage>> ChangesSinceAsync(AppDbContext db, Event evt, IReadOnlyList<Session> active, PlanPreview preview, CancellationToken ct)
    {
        var now = active.ToDictionary(s => s.Id);
        var then = preview.Basis.ToDictionary(s => s.SessionId);
        var changed = new List<RuleMessage>();
        var names = await db.People.AsNoTracking()
            .Where(p => now.Values.Select(s => s.ModeratorId).Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        foreach (var s in now.Values.Where(s => !then.ContainsKey(s.Id)))
        {
            changed.Add(new SlotTakenException(evt.SlotOf(s), names.GetValueOrDefault(s.ModeratorId)).ToRuleMessage());
        }

        foreach (var s in then.Values.Where(s => !now.ContainsKey(s.SessionId)))
        {
            changed.Add(PlanMessages.Released(evt.SlotOf(s.RoomId, s.RoundId)));
        }

        return changed;
    }

    private static string Id(Guid id) => id.ToString("N", CultureInfo.InvariantCulture);

    private sealed record EventRead(PlanningInstance Instance, Dictionary<Guid, string> Titles, Dictionary<Guid, string> Names, Dictionary<Guid, Session> SessionOfCard);
}

/// <summary>A suggested arrangement as the organizer previews it, and the board it was made from.</summary>
public sealed record PlanPreview(
    Guid EventId,
    IReadOnlyList<PlanChange> Changes,
    IReadOnlyList<SessionBasis> Basis,
    PlanScore Before,
    PlanScore After,
    PlanScore Greedy,
    PlanStatus Status,
    double? Gap,
    TimeSpan Elapsed,
    TimeSpan TimeLimit);

/// <summary>One card placed, moved, or (when the organizer let placed sessions move) given back to the waiting cards.</summary>
public sealed record PlanChange(
    Guid CardId,
    string CardTitle,
    Guid RoomId,
    string RoomName,
    Guid RoundId,
    int RoundNumber,
    Guid ModeratorId,
    string ModeratorName,
    Guid? FromSessionId,
    string? FromLabel)
{
    /// <summary>The plan has no slot for this placed card: its session is given back.</summary>
    public bool IsDrop => RoomId == Guid.Empty;
}

/// <summary>An active session at preview time.</summary>
public sealed record SessionBasis(Guid SessionId, Guid RoomId, Guid RoundId);

/// <summary>The planner's refusals: codes with the changes they name (English for logs and tests; pages use RuleText).</summary>
public static class PlanMessages
{
    public const string ChangedPrefix = "The board changed since the preview, so nothing was applied: ";

    /// <summary>Nothing was applied because of <paramref name="what"/>: each change keeps its own code and arguments.</summary>
    public static RuleMessage BoardChanged(IEnumerable<RuleMessage> what)
    {
        var changes = what.ToList();
        return new RuleMessage(
            RuleCode.BoardChanged,
            ChangedPrefix + string.Join("; ", changes.Select(w => w.Message.TrimEnd('.'))) + ". Suggest again.",
            (object)changes);
    }

    public static RuleMessage Released(SlotName slot) => new(RuleCode.SlotGivenBack, $"{slot} was given back", slot);

    public static RuleMessage Deleted(string cardTitle) => new(RuleCode.CardDeleted, $"\"{cardTitle}\" was deleted", cardTitle);
}
