using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using RunawaysAlliance.Domain.Cards;
using RunawaysAlliance.Domain.Events;
using RunawaysAlliance.Domain.People;

namespace RunawaysAlliance.Data;

/// <summary>
/// The store. Provider-specific subclasses (<see cref="PostgresDbContext"/>, <see cref="SqliteDbContext"/>)
/// exist only so that each provider keeps its own migrations; application code uses this type.
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The shadow property that every row edited by several people carries as its concurrency token.</summary>
    public const string VersionProperty = "Version";

    public DbSet<Event> Events => Set<Event>();

    /// <summary>Sessions are their own aggregate: load them here, with their seats, timer or record as the call needs.</summary>
    public DbSet<Session> Sessions => Set<Session>();

    /// <summary>The sessions of an event that hold a slot: the board the slot rules are checked against.</summary>
    public IQueryable<Session> ActiveSessionsOf(Guid eventId) =>
        Sessions.Where(s => s.EventId == eventId && s.Status == SessionStatus.Active);

    public DbSet<ProblemCard> Cards => Set<ProblemCard>();

    public DbSet<CardDraft> CardDrafts => Set<CardDraft>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<ContactRequest> ContactRequests => Set<ContactRequest>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<ExportStamp> ExportStamps => Set<ExportStamp>();


    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: the store is never written synchronously.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampVersions();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateException ex) when (StoreErrors.IsUniqueViolation(ex) || ex is DbUpdateConcurrencyException)
        {
            // A lost race: tell the loser what happened in the domain's words, never with an error page.
            var translated = await StoreErrors.TranslateAsync(this, ex, cancellationToken);
            if (translated is not null)
            {
                throw translated;
            }

            throw;
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // The Identity schema version (3: with passkeys) comes from IdentityOptions in the application services:
        // AddRunawaysData sets it, and so do the design-time factories, so that both build the same model.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    private void StampVersions()
    {
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified &&
                entry.Metadata.FindProperty(VersionProperty) is not null)
            {
                entry.Property(VersionProperty).CurrentValue = Guid.NewGuid();
            }
        }
    }
}

/// <summary>The PostgreSQL flavour of the store (production, several instances).</summary>
public sealed class PostgresDbContext(DbContextOptions<PostgresDbContext> options) : AppDbContext(options);

/// <summary>The SQLite flavour of the store (embedded default).</summary>
public sealed class SqliteDbContext(DbContextOptions<SqliteDbContext> options) : AppDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; store instants as sortable binary numbers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter>();
    }
}
