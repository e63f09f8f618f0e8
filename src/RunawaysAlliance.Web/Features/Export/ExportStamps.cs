using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;
using RunawaysAlliance.Domain.Common;

namespace RunawaysAlliance.Web.Features.Export;

/// <summary>
/// The <c>Last-Modified</c> of a served file: the moment its current bytes were first served (stored, so every instance
/// and every restart agree). Serving unchanged bytes reads one row; changed bytes write it once. Because a change is
/// noticed when the file is next asked for, the instant is never earlier than the change, so a client's
/// <c>If-Modified-Since</c> can never hide a change from it.
/// </summary>
public sealed class ExportStamps(IDbContextFactory<AppDbContext> factory, TimeProvider time)
{
    /// <summary>When the bytes with <paramref name="hash"/> of the file <paramref name="name"/> were first served.</summary>
    public async Task<DateTimeOffset> ChangedAtAsync(Guid eventId, string name, string hash, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        var stamp = await db.ExportStamps.FirstOrDefaultAsync(s => s.EventId == eventId && s.Name == name, ct);
        if (stamp?.Hash == hash)
        {
            return stamp.ChangedAt;
        }

        // HTTP dates have whole seconds: keep the stored instant the one the header says.
        var now = time.GetUtcNow();
        now = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
        if (stamp is null)
        {
            db.ExportStamps.Add(new ExportStamp(eventId, name, hash, now));
        }
        else
        {
            stamp.Change(hash, now);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return now;
        }
        catch (Exception ex) when (ex is DbUpdateException or DomainException)
        {
            // Another instance stamped the same file at the same moment: its instant stands.
            await using var again = factory.CreateDbContext();
            return await again.ExportStamps.AsNoTracking()
                .Where(s => s.EventId == eventId && s.Name == name).Select(s => s.ChangedAt).FirstOrDefaultAsync(ct) is { } stored && stored != default
                ? stored
                : now;
        }
    }
}
