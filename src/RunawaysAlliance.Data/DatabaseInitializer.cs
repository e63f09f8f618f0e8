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
        await using var db = factory.CreateDbContext();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers (every board) go on while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        if (options.Value.MigrateOnStartup)
        {
            // EF Core takes a database lock while migrating, so several instances may start together.
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
}
