using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.Extensions.DependencyInjection;

namespace RunawaysAlliance.Data;

/// <summary>Lets `dotnet ef` build each provider's context without starting the app (scripts/add-migration.sh).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDbContext>
{
    public PostgresDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDbContext>()
            .UseNpgsql("Host=localhost;Database=runaways_design")
            .UseApplicationServiceProvider(DesignTimeServices.Provider)
            .Options);
}

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteDbContext>
{
    public SqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteDbContext>()
            .UseSqlite("Data Source=design.db")
            .UseApplicationServiceProvider(DesignTimeServices.Provider)
            .Options);
}

/// <summary>The app services the model depends on (the Identity schema version), as the app registers them.</summary>
internal static class DesignTimeServices
{
    public static IServiceProvider Provider { get; } = new ServiceCollection().AddRunawaysIdentitySchema().BuildServiceProvider();
}
