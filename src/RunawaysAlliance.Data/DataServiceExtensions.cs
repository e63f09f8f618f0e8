using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RunawaysAlliance.Data.Feed;

namespace RunawaysAlliance.Data;

/// <summary>Which database the app runs on.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file: the default, so that `dotnet run` works with nothing installed.</summary>
    Sqlite,

    /// <summary>The production store, shared by several instances.</summary>
    Postgres,
}

/// <summary>The `Database` configuration section.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply migrations at start-up. Turn off in production where a migration bundle runs instead.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Seed the demo event; on by default only for the embedded store.</summary>
    public bool? SeedDemo { get; set; }

    public bool ShouldSeedDemo => SeedDemo ?? Provider == DatabaseProvider.Sqlite;
}

public static class DataServiceExtensions
{
    /// <summary>
    /// Adds the store (a pooled <see cref="IDbContextFactory{AppDbContext}"/> for the configured provider),
    /// the change feed, Data Protection keys in the database (encrypted when a certificate is configured) and the database health check.
    /// </summary>
    public static IHostApplicationBuilder AddRunawaysData(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton(Options.Create(options));
        var services = builder.Services;

        if (options.Provider == DatabaseProvider.Postgres)
        {
            var connectionString = builder.Configuration.GetConnectionString("Postgres");
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Postgres is not set.");
            }

            services.AddPooledDbContextFactory<PostgresDbContext>(o => o.UseNpgsql(connectionString));
            services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<PostgresDbContext>>();
            services.AddSingleton(sp => new PostgresEventFeed(connectionString, sp.GetRequiredService<ILogger<PostgresEventFeed>>()));
            services.AddSingleton<IEventFeed>(sp => sp.GetRequiredService<PostgresEventFeed>());
            services.AddHostedService(sp => sp.GetRequiredService<PostgresEventFeed>());
        }
        else
        {
            var connectionString = SqliteConnectionString(builder.Configuration);
            services.AddPooledDbContextFactory<SqliteDbContext>(o => o.UseSqlite(connectionString));
            services.AddSingleton<IDbContextFactory<AppDbContext>, AppDbContextFactory<SqliteDbContext>>();
            services.AddSingleton<IEventFeed, InProcessEventFeed>();
        }

        services.AddRunawaysIdentitySchema();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DatabaseInitializer>();
        builder.AddRunawaysDataProtection();
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", HealthStatus.Unhealthy, ["ready"]);
        return builder;
    }

    /// <summary>Identity schema version 3 (passkeys): the model, the migrations and the stores must agree on it.</summary>
    internal static IServiceCollection AddRunawaysIdentitySchema(this IServiceCollection services) =>
        services.Configure<IdentityOptions>(o => o.Stores.SchemaVersion = IdentitySchemaVersions.Version3);

    /// <summary>The SQLite connection string: configured, or a file in the per-user data folder.</summary>
    public static string SqliteConnectionString(IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var folder = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "RunawaysAlliance");
        Directory.CreateDirectory(folder);
        return $"Data Source={Path.Combine(folder, "runaways.db")}";
    }

    /// <summary>Hands out provider-specific contexts as the <see cref="AppDbContext"/> the app codes against.</summary>
    private sealed class AppDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<AppDbContext>
        where TContext : AppDbContext
    {
        public AppDbContext CreateDbContext() => inner.CreateDbContext();
    }
}
