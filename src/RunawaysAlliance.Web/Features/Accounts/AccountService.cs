using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Data;

namespace RunawaysAlliance.Web.Features.Accounts;

/// <summary>Reads what the account area shows about the signed-in person (one short context per call).</summary>
public sealed class AccountService(IDbContextFactory<AppDbContext> factory)
{
    /// <summary>The person's display name, or null when there is no such person (or the account was deleted).</summary>
    public async Task<string?> DisplayNameAsync(Guid personId, CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        return await db.People.AsNoTracking()
            .Where(p => p.Id == personId && !p.IsErased)
            .Select(p => p.DisplayName)
            .FirstOrDefaultAsync(ct);
    }
}
