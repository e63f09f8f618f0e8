using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Web.Features.Shared;

namespace RunawaysAlliance.Web.Features.Sessions;

/// <summary>Someone the haver may thank, with the note already given (if any).</summary>
public sealed record KudosCandidate(Guid PersonId, string Name, bool Moderated, string? Note);

/// <summary>
/// Kudos (issue 13): the haver of a session thanks the people who took part, once it has ended, with a one-line
/// note. Authorized through the event gate; the domain decides who took part and whether it is over.
/// </summary>
public sealed class KudosService(EventGate gate, IDbContextFactory<AppDbContext> factory, TimeProvider time)
{
    public Task<ServiceResult> GiveAsync(Guid callerId, Guid eventId, Guid sessionId, Guid toId, string? note, CancellationToken ct = default) =>
        AfterSession.RunAsync(gate, callerId, eventId, sessionId, sessions => sessions.Include(s => s.Kudos),
            (session, round, now) => session.GiveKudos(callerId, toId, note, round, now), ct);

    /// <summary>For the session's haver once it ended: the people who took part, with the notes already given; empty for anyone else.</summary>
    public async Task<IReadOnlyList<KudosCandidate>> CandidatesAsync(Guid? callerId, Guid eventId, Guid sessionId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var session = await db.Sessions.AsNoTracking().Include(s => s.Reservations).Include(s => s.Kudos).Include(s => s.Timer)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == sessionId && s.EventId == eventId, ct);
        if (session is null || callerId != session.HaverId || !session.IsActive)
        {
            return [];
        }

        var round = await db.Set<Round>().AsNoTracking().FirstAsync(r => r.Id == session.RoundId, ct);
        if (!session.HasEnded(round, time.GetUtcNow()))
        {
            return [];
        }

        var ids = session.Helpers.ToList();
        var names = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id) && !p.IsErased).ToDictionaryAsync(p => p.Id, p => p.DisplayName, ct);
        return [.. ids.Where(names.ContainsKey)
            .Select(id => new KudosCandidate(id, names[id], id == session.ModeratorId, session.Kudos.FirstOrDefault(k => k.ToId == id)?.Note))
            .OrderBy(c => c.Moderated ? 0 : 1).ThenBy(c => c.Name, StringComparer.CurrentCulture)];
    }
}
