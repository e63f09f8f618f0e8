using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Features.Wall;

/// <summary>What a wall that may open needs beyond the shared board: the join code for its QR code.</summary>
public sealed record WallPass(string JoinCode);

/// <summary>
/// Who may open an event's projector wall: anyone when the organizer made it public, otherwise whoever has the secret
/// wall link (a projector that is not signed in), and the event's organizers. Asked when the wall opens and again with
/// every change, so that a renewed link or a wall made secret closes walls opened with the old one.
/// </summary>
public sealed class WallAccess(IDbContextFactory<AppDbContext> factory, Organize.OrganizeService organize)
{
    /// <summary>The pass for this wall, or null when the event is missing or the caller may not see its wall.</summary>
    public async Task<WallPass?> OpenAsync(string slug, string? code, Guid? callerId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var evt = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Slug == slug, ct);
        if (evt is null)
        {
            return null;
        }

        var opens = evt.OpensWall(code);
        if (!opens)
        {
            opens = await organize.IsOrganizerAsync(callerId, evt.Id, ct);
        }

        return opens ? new WallPass(evt.JoinCode) : null;
    }
}
