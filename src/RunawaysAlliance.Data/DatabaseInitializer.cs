using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunawaysAlliance.Data.Seeding;

namespace RunawaysAlliance.Data;

/// <summary>Brings the database up to date at start-up: migrations (when enabled) and the demo event.</summary>
public sealed class DatabaseInitializer(
    IDbContextFactory<AppDbContext> factory,
    IOptions<DatabaseOptions> options,
    TimeProvider time,
    ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.MigrateOnStartup && !options.Value.ShouldSeedDemo)
        {
            // Nothing to do: the app starts even while the database is away, and /health says so.
            return;
        }

        await using var db = factory.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (every board) go on while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        // Several instances may start together on one PostgreSQL database. EF Core's own migration lock did not
        // stop two of them applying the same second migration (seen in the store tests), so instances take turns
        // here: a session-level advisory lock, held on this context's connection until it closes.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({StartupLockKey})", cancellationToken);
        }

        try
        {
            await MigrateAndSeedAsync(db, cancellationToken);
        }
        finally
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({StartupLockKey})", CancellationToken.None);
            }

            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task MigrateAndSeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (options.Value.MigrateOnStartup)
        {
            await db.Database.MigrateAsync(cancellationToken);
            logger.LogInformation("Database migrations are applied ({Provider})", options.Value.Provider);
        }

        if (options.Value.ShouldSeedDemo)
        {
            var seeded = await DemoEvent.SeedAsync(db, time.GetUtcNow(), cancellationToken);
            if (seeded)
            {
                logger.LogInformation("Seeded the demo event {Slug}", DemoEvent.Slug);
            }
        }
    }

    /// <summary>An arbitrary constant that names the start-up lock ("RUNAWAYS" in ASCII, folded to 32 bits).</summary>
    private const long StartupLockKey = 0x52554E41;
}
