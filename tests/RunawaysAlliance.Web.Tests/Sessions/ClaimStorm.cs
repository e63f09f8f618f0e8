using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;
using RunawaysAlliance.Web.Features.Sessions;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.ClaimStorms;

/// <summary>One claim of a storm: how long the service took and what it said.</summary>
public sealed record StormClaim(TimeSpan Elapsed, ServiceResult Result, Guid RoomId, Guid RoundId);

/// <summary>
/// A claim storm on an event: N moderators, each with a card of a different author, claim the event's open slots all at
/// once (claim i aims at open slot i mod the number of open slots), through the app's own SessionService. Shared by the
/// test (no double booking, every loser told why) and the benchmark (how long each claim takes).
/// </summary>
public static class ClaimStorm
{
    /// <summary>Adds <paramref name="claims"/> moderators and as many open cards (each by its own new attendee) to the event.</summary>
    public static async Task<(IReadOnlyList<Guid> Moderators, IReadOnlyList<Guid> Cards)> PrepareAsync(IDbContextFactory<AppDbContext> store, Guid eventId, int claims, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        var evt = await db.Events.Include(e => e.Members).SingleAsync(e => e.Id == eventId, ct);
        var now = DateTimeOffset.UtcNow;
        var moderators = new List<Guid>();
        var cards = new List<Guid>();
        for (var i = 0; i < claims; i++)
        {
            var moderator = new Person(Guid.NewGuid(), $"Storm moderator {i}", now);
            var author = new Person(Guid.NewGuid(), $"Storm author {i}", now);
            db.People.AddRange(moderator, author);
            evt.AddMember(moderator.Id, EventRole.Moderator, now);
            evt.AddMember(author.Id, EventRole.Attendee, now);
            var card = new ProblemCard(Guid.NewGuid(), eventId, author.Id,
                new CardContent($"Storm card {i}", "A problem that wants a slot.", null, CardKind.NonCommercial, ["storm"], "en"), now);
            db.Cards.Add(card);
            moderators.Add(moderator.Id);
            cards.Add(card.Id);
        }

        await db.SaveChangesAsync(ct);
        return (moderators, cards);
    }

    /// <summary>The open slots of the event, round by round in room order.</summary>
    public static async Task<IReadOnlyList<(Guid RoomId, Guid RoundId)>> OpenSlotsAsync(IDbContextFactory<AppDbContext> store, Guid eventId, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        var evt = await db.Events.AsNoTracking().Include(e => e.Rooms).Include(e => e.Rounds).AsSplitQuery().SingleAsync(e => e.Id == eventId, ct);
        var taken = (await db.ActiveSessionsOf(eventId).AsNoTracking().Select(s => new { s.RoomId, s.RoundId }).ToListAsync(ct))
            .Select(s => (s.RoomId, s.RoundId)).ToHashSet();
        return [.. from round in evt.Rounds from room in evt.Rooms where !taken.Contains((room.Id, round.Id)) select (room.Id, round.Id)];
    }

    /// <summary>Fires every claim at once (released together by one gate) and returns each one's outcome.</summary>
    public static async Task<IReadOnlyList<StormClaim>> RunAsync(SessionService sessions, Guid eventId, IReadOnlyList<(Guid RoomId, Guid RoundId)> slots,
        IReadOnlyList<Guid> moderators, IReadOnlyList<Guid> cards, CancellationToken ct)
    {
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var claims = moderators.Select(async (moderator, i) =>
        {
            var (room, round) = slots[i % slots.Count];
            await start.Task;
            var clock = Stopwatch.StartNew();
            var result = await sessions.ClaimSlotAsync(moderator, eventId, cards[i], room, round, ct: ct);
            return new StormClaim(clock.Elapsed, result, room, round);
        }).ToList();
        start.SetResult();
        return await Task.WhenAll(claims);
    }

    /// <summary>Every way the store could hold a double booking; empty when the slot rules held.</summary>
    public static async Task<IReadOnlyList<string>> DoubleBookingsAsync(IDbContextFactory<AppDbContext> store, Guid eventId, CancellationToken ct)
    {
        await using var db = store.CreateDbContext();
        var active = await db.ActiveSessionsOf(eventId).AsNoTracking().ToListAsync(ct);
        var problems = new List<string>();
        problems.AddRange(active.GroupBy(s => (s.RoomId, s.RoundId)).Where(g => g.Count() > 1).Select(g => $"slot {g.Key} holds {g.Count()} sessions"));
        problems.AddRange(active.GroupBy(s => (s.RoundId, s.ModeratorId)).Where(g => g.Count() > 1).Select(g => $"moderator {g.Key.ModeratorId} runs {g.Count()} sessions in one round"));
        problems.AddRange(active.GroupBy(s => (s.RoundId, s.HaverId)).Where(g => g.Count() > 1).Select(g => $"haver {g.Key.HaverId} has {g.Count()} sessions in one round"));
        problems.AddRange(active.GroupBy(s => s.CardId).Where(g => g.Count() > 1).Select(g => $"card {g.Key} is placed {g.Count()} times"));
        var cardIds = active.Select(s => s.CardId).ToList();
        var cards = await db.Cards.AsNoTracking().Where(c => cardIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        problems.AddRange(active.Where(s => cards[s.CardId].SessionId != s.Id).Select(s => $"card {s.CardId} does not point at its session {s.Id}"));
        return problems;
    }
}
