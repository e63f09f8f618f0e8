using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RunawaysAlliance.Data;
using RunawaysAlliance.Data.Seeding;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Sessions;

namespace RunawaysAlliance.E2E.Tests;

/// <summary>A claim that the demo event's rules accept right now: a free slot, an unplaced card, a free moderator.</summary>
internal sealed record DemoClaim(
    Guid EventId,
    Guid ModeratorId,
    Guid CardId,
    string CardTitle,
    Guid RoomId,
    string RoomName,
    Guid RoundId,
    int RoundNumber);

/// <summary>Finds valid claims in the demo event and writes them the way any other writer would: through SessionService.</summary>
internal static class DemoClaims
{
    public const string PreferredCard = "Hiring our first engineer as non-technical founders";
    public const string PreferredRoom = "Room 5";
    public const int PreferredRound = 3;

    /// <summary>
    /// The preferred claim (Room 5 · Round 3 with the hiring card) when it is possible, else the first
    /// free slot, latest round first, that an unplaced card and a moderator can take without breaking a rule.
    /// </summary>
    public static async Task<DemoClaim> FindAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var evt = await db.Events.AsNoTracking()
            .Include(e => e.Rooms)
            .Include(e => e.Rounds)
            .Include(e => e.Members)
            .AsSplitQuery()
            .SingleAsync(e => e.Slug == DemoEvent.Slug, ct);
        var sessions = await db.ActiveSessionsOf(evt.Id).AsNoTracking().ToListAsync(ct);
        var placed = sessions.Select(s => s.CardId).ToHashSet();
        var cards = (await db.Cards.AsNoTracking()
                .Where(c => c.EventId == evt.Id && c.Status == CardStatus.Open)
                .ToListAsync(ct))
            .Where(c => !placed.Contains(c.Id))
            .OrderBy(c => c.Title == PreferredCard ? 0 : 1)
            .ThenBy(c => c.CreatedAt)
            .ToList();
        var moderators = evt.Members.Where(m => m.Role == EventRole.Moderator).OrderBy(m => m.JoinedAt).ThenBy(m => m.PersonId).ToList();

        foreach (var round in evt.Rounds.OrderBy(r => r.Number == PreferredRound ? 0 : 1).ThenByDescending(r => r.Number))
        {
            var busy = sessions.Where(s => s.RoundId == round.Id).SelectMany(s => new[] { s.ModeratorId, s.HaverId }).ToHashSet();
            foreach (var room in evt.Rooms.OrderBy(r => r.Name == PreferredRoom ? 0 : 1).ThenBy(r => r.Name, StringComparer.Ordinal))
            {
                if (sessions.Any(s => s.RoomId == room.Id && s.RoundId == round.Id))
                {
                    continue;
                }

                foreach (var card in cards.Where(c => !busy.Contains(c.AuthorId)))
                {
                    var moderator = moderators.FirstOrDefault(m => !busy.Contains(m.PersonId) && m.PersonId != card.AuthorId);
                    if (moderator is not null)
                    {
                        return new DemoClaim(evt.Id, moderator.PersonId, card.Id, card.Title, room.Id, room.Name, round.Id, round.Number);
                    }
                }
            }
        }

        throw new InvalidOperationException("The demo event has no slot left that a free moderator could claim for an unplaced card.");
    }

    public static async Task ClaimAsync(this SessionService sessions, DemoClaim claim, CancellationToken ct)
    {
        var result = await sessions.ClaimSlotAsync(claim.ModeratorId, claim.EventId, claim.CardId, claim.RoomId, claim.RoundId, ct: ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Claiming {claim.RoomName} · Round {claim.RoundNumber} failed: {result.Failure} {result.Error}");
        }
    }

    /// <summary>Gives the claim's slot back as its moderator, through the service.</summary>
    public static async Task ReleaseAsync(this SessionService sessions, IServiceProvider services, DemoClaim claim, CancellationToken ct)
    {
        Guid sessionId;
        await using (var db = services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext())
        {
            sessionId = await db.Sessions.AsNoTracking()
                .Where(s => s.CardId == claim.CardId && s.Status == SessionStatus.Active)
                .Select(s => s.Id)
                .SingleAsync(ct);
        }

        var result = await sessions.ReleaseAsync(claim.ModeratorId, claim.EventId, sessionId, ct);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Releasing {claim.RoomName} · Round {claim.RoundNumber} failed: {result.Failure} {result.Error}");
        }
    }

    /// <summary>Releases the claim if it is still placed (clean-up after a failed assertion).</summary>
    public static async Task ReleaseIfPlacedAsync(this SessionService sessions, IServiceProvider services, DemoClaim claim)
    {
        await using var db = services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext();
        var placed = await db.Sessions.AsNoTracking().AnyAsync(s => s.CardId == claim.CardId && s.Status == SessionStatus.Active);
        if (placed)
        {
            await sessions.ReleaseAsync(services, claim, CancellationToken.None);
        }
    }
}
